import { Effect } from "effect"

/**
 * Loads a command's implementation when the command runs. The command tree
 * (flags, arguments, help) imports only effect/cli, so `trent --help` starts
 * fast and each command carries only the modules it needs: the server's for
 * `serve`, the AWS SDK's for `keys list` and `encrypt`, the event log's for
 * `keys history` — which also keeps a streaming command's memory small.
 */
export const lazy = <Module>(load: () => Promise<Module>): Effect.Effect<Module> => Effect.promise(load)
