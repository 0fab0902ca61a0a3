import { runAsymmetricBench } from "./asymmetricBench.ts"
import { runAuditBench } from "./auditBench.ts"
import { runCompareBench } from "./compareBench.ts"
import { runHttpBench } from "./httpBench.ts"
import { runKafkaBench } from "./kafkaBench.ts"
import { runMemoryBench } from "./memoryBench.ts"
import { runReplayBench } from "./replayBench.ts"
import { runFreshnessBench } from "./freshnessBench.ts"
import { runWorkersBench } from "./workersBench.ts"

/** `npm run bench` runs every benchmark; `npm run bench -- http`, `-- asymmetric`, `-- audit`, `-- compare`, `-- memory`, `-- kafka`, `-- replay`, `-- workers` or `-- freshness` runs one. Tables only, no assertions. */
const which = process.argv[2] ?? "all"
if (which === "all" || which === "http") await runHttpBench()
if (which === "all" || which === "workers") await runWorkersBench()
if (which === "all" || which === "compare") await runCompareBench()
if (which === "all" || which === "memory") await runMemoryBench()
if (which === "all" || which === "freshness") await runFreshnessBench()
if (which === "all" || which === "asymmetric") await runAsymmetricBench()
if (which === "all" || which === "audit") await runAuditBench()
if (which === "all" || which === "replay") await runReplayBench()
if (which === "all" || which === "kafka") await runKafkaBench()
