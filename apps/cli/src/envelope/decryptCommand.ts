import { Effect } from "effect"
import { Command } from "effect/cli"
import { lazy } from "../cli/lazy.ts"
import { kmsFlags } from "../kms/kmsFlags.ts"
import { contextFlag, fileArguments } from "./fileFlags.ts"

const config = {
  context: contextFlag("Require this encryption context pair, repeatable; the message may carry more"),
  ...fileArguments,
  ...kmsFlags
}
export type DecryptInput = Command.Command.Config.Infer<typeof config>

/** `trent decrypt <in> <out>`: the reverse of `trent encrypt`, for any AWS Encryption SDK message under a Trent key. */
export const decryptCommand = Command.make(
  "decrypt",
  config,
  (input) => Effect.flatMap(lazy(() => import("./decryptFile.ts")), ({ decryptFile }) => decryptFile(input))
).pipe(
  Command.withShortDescription("Decrypt a file encrypted by trent encrypt or any AWS Encryption SDK"),
  Command.withDescription(
    "Decrypt an AWS Encryption SDK message (from `trent encrypt` or any AWS Encryption SDK) with the Trent key it names " +
      "(Decrypt). The output appears only once the whole message, with its signature, has checked out; with - as <out>, " +
      "plaintext streams out before that final check and only the exit code says it passed."
  ),
  Command.withExamples([
    {
      command: "trent decrypt --context host=db1 dump.sql.enc dump.sql --data-dir ./data",
      description: "Fails (exit 1) unless the file was encrypted with host=db1"
    },
    { command: "trent decrypt etc.tar.enc - | tar t", description: "To standard output" }
  ])
)
