import { runHttpBench } from "./httpBench.ts"
import { runReplayBench } from "./replayBench.ts"

/** `npm run bench` runs every benchmark; `npm run bench -- http` or `-- replay` runs one. Tables only, no assertions. */
const which = process.argv[2] ?? "all"
if (which === "all" || which === "http") await runHttpBench()
if (which === "all" || which === "replay") await runReplayBench()
