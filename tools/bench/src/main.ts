import { runAsymmetricBench } from "./asymmetricBench.ts"
import { runAuditBench } from "./auditBench.ts"
import { runHttpBench } from "./httpBench.ts"
import { runKafkaBench } from "./kafkaBench.ts"
import { runReplayBench } from "./replayBench.ts"

/** `npm run bench` runs every benchmark; `npm run bench -- http`, `-- asymmetric`, `-- audit`, `-- kafka` or `-- replay` runs one. Tables only, no assertions. */
const which = process.argv[2] ?? "all"
if (which === "all" || which === "http") await runHttpBench()
if (which === "all" || which === "asymmetric") await runAsymmetricBench()
if (which === "all" || which === "audit") await runAuditBench()
if (which === "all" || which === "replay") await runReplayBench()
if (which === "all" || which === "kafka") await runKafkaBench()
