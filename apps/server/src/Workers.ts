import cluster, { type Worker } from "node:cluster"
import { createServer } from "node:net"
import { Deferred, Effect } from "effect"
import { metricsRelay } from "./metrics/clusterMetrics.ts"
import { siblingRelay } from "./siblingRelay.ts"
import { WorkerStartFailure } from "./WorkerStartFailure.ts"

/** What a worker tells the primary once its edge listens. */
export interface WorkerReady {
  readonly trent: "ready"
  readonly url: string
}

const isReady = (message: unknown): message is WorkerReady =>
  typeof message === "object" && message !== null && (message as { trent?: unknown }).trent === "ready"

/** A worker that dies within this of its start is crash-looping: its restarts back off, up to the maximum. */
const QUICK_EXIT_MS = 10_000
const MAX_RESTART_DELAY_MS = 5_000
/** Workers that have not exited this long after SIGTERM (draining included) are killed. */
const STOP_GRACE_MS = 30_000

/**
 * The primary of `trent serve --workers N` (node:cluster): N worker
 * processes, each a whole server on the same store, sharing the listening
 * port (the primary accepts and hands connections out round-robin). The first
 * worker starts alone — it creates what a fresh data directory lacks (root
 * key, credentials, schemas) — then the others. A worker that dies is started
 * again: requests in flight on it fail, nothing acknowledged is lost (every
 * acknowledged change was durable in the store before its answer). Interrupting
 * the primary (SIGTERM/SIGINT) stops every worker the way one server stops:
 * stop accepting, drain, close the stores.
 */
export const superviseWorkers = (count: number, listen: { readonly host: string; readonly port: number }): Effect.Effect<never, Error> =>
  Effect.gen(function*() {
    // A taken port is one line, as for one process, not N workers failing to bind.
    yield* portFree(listen.host, listen.port)
    let stopping = false
    const live = new Set<Worker>()
    const failed = yield* Deferred.make<never, Error>()
    const quickExits = new Map<number, number>()
    const relay = siblingRelay()
    // GET /metrics on any worker answers for all of them (metrics/clusterMetrics.ts).
    const metrics = metricsRelay()

    /** Forks one worker; resolves with its URL once it is ready, fails if it exits first. */
    const start = (slot: number) =>
      Effect.callback<string, Error>((resume) => {
        const worker = cluster.fork({ TRENT_WORKER: String(slot) })
        live.add(worker)
        const startedAt = Date.now()
        let ready = false
        worker.on("message", (message: unknown) => {
          relay.heard(worker, message)
          metrics.heard(worker, message)
          if (!isReady(message) || ready) return
          ready = true
          resume(Effect.succeed(message.url))
        })
        worker.once("exit", (code, signal) => {
          live.delete(worker)
          relay.gone(worker)
          if (!ready) {
            return resume(Effect.fail(
              new WorkerStartFailure({ message: `worker ${slot} exited (${signal ?? code}) before it was ready`, reported: signal === null && code === 1 })
            ))
          }
          if (stopping) return
          const quick = Date.now() - startedAt < QUICK_EXIT_MS ? (quickExits.get(slot) ?? 0) + 1 : 0
          quickExits.set(slot, quick)
          const delay = quick === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 100 * 2 ** (quick - 1))
          Effect.runFork(Effect.logError(`worker ${slot} (pid ${worker.process.pid}) exited (${signal ?? code}); starting it again in ${delay} ms`))
          setTimeout(() => {
            if (stopping) return
            Effect.runFork(start(slot).pipe(
              Effect.tap((url) => Effect.logInfo(`worker ${slot} is serving ${url} again`)),
              Effect.catch((error) => Deferred.fail(failed, error))
            ))
          }, delay)
        })
      })

    const stopAll = Effect.callback<void>((resume) => {
      stopping = true
      if (live.size === 0) return resume(Effect.void)
      const kill = setTimeout(() => live.forEach((worker) => worker.process.kill("SIGKILL")), STOP_GRACE_MS)
      for (const worker of live) {
        worker.once("exit", () => {
          if (live.size === 0) {
            clearTimeout(kill)
            resume(Effect.void)
          }
        })
        worker.process.kill("SIGTERM")
      }
    })

    yield* Effect.addFinalizer(() => stopAll)
    const url = yield* start(1)
    yield* Effect.forEach(Array.from({ length: count - 1 }, (_, i) => i + 2), start, { concurrency: "unbounded" })
    yield* Effect.logInfo(`Trent: ${count} workers serving ${url}`)
    return yield* Deferred.await(failed)
  }).pipe(Effect.scoped)

/** Fails the way HttpEdge does when it cannot listen on host:port (port 0 is always free). */
const portFree = (host: string, port: number) =>
  Effect.callback<void, Error>((resume) => {
    if (port === 0) return resume(Effect.void)
    const probe = createServer()
    probe.once("error", (error) => resume(Effect.fail(new Error(`cannot listen on ${host}:${port}: ${error.message}`))))
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resume(Effect.void)))
  })

/** In a worker: tells the primary it is ready. */
export const announceReady = (url: string): Effect.Effect<void> =>
  Effect.sync(() => void process.send?.({ trent: "ready", url } satisfies WorkerReady))

export const isWorkerProcess = (): boolean => cluster.isWorker
