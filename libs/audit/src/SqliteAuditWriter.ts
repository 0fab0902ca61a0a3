import { Worker } from "node:worker_threads"
import { Effect, type Scope } from "effect"
import type { SealedAuditEntry } from "./auditChain.ts"
import { auditIndexOf } from "./auditIndex.ts"
import { AuditLogFailure } from "./AuditLogFailure.ts"
import { type AuditRow, frameRows } from "./auditRowFrames.ts"
import type { WriterReply, WriterRequest } from "./sqliteAuditWriter.worker.ts"

const workerFile = new URL("./sqliteAuditWriter.worker.ts", import.meta.url)

const rowOf = ({ entry, bodyJson }: SealedAuditEntry): AuditRow => ({
  seq: entry.seq,
  kind: entry.kind,
  prevHash: entry.prevHash,
  hash: entry.hash,
  body: bodyJson,
  ...auditIndexOf(entry.kind === "record" ? entry.record : undefined)
})

export interface SqliteAuditWriter {
  /** Stores the batch in one transaction on the writer thread; resolves once it is durable. */
  commit(entries: ReadonlyArray<SealedAuditEntry>): Effect.Effect<void, AuditLogFailure>
}

/**
 * The audit file's writer, on its own thread (sqliteAuditWriter.worker.ts), so
 * that the fsync each group commit waits for never blocks the server's event
 * loop. Started and stopped with the scope; one batch is in flight at a time,
 * as the group committer sends them.
 */
export const startSqliteAuditWriter = (file: string, region: string): Effect.Effect<SqliteAuditWriter, AuditLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const pending = new Map<number, (reply: WriterReply) => void>()
    let next = 0
    let broken: string | undefined
    const worker = yield* Effect.acquireRelease(
      Effect.try({
        try: () => {
          const started = new Worker(workerFile, { workerData: { file } })
          started.on("message", (reply: WriterReply) => {
            pending.get(reply.id)?.(reply)
            pending.delete(reply.id)
          })
          started.on("error", (error) => {
            broken = error.message
            for (const [id, resolve] of pending) resolve({ id, ok: false, error: error.message })
            pending.clear()
          })
          return started
        },
        catch: (cause) => AuditLogFailure.during(`starting the audit writer of Region ${region}`, cause)
      }),
      (started) =>
        Effect.promise(async () => {
          if (broken === undefined) await ask(started, { id: next++, close: true }).catch(() => undefined)
          await started.terminate()
        })
    )
    const ask = (target: Worker, request: WriterRequest) =>
      new Promise<WriterReply>((resolve) => {
        pending.set(request.id, resolve)
        target.postMessage(request)
      })
    const commit = (entries: ReadonlyArray<SealedAuditEntry>) =>
      Effect.flatMap(
        Effect.promise(() =>
          broken === undefined
            ? ask(worker, { id: next++, rows: frameRows(entries.map(rowOf)) })
            : Promise.resolve<WriterReply>({ id: -1, ok: false, error: broken })
        ),
        (reply) =>
          reply.ok
            ? Effect.void
            : Effect.fail(AuditLogFailure.during(`appending audit entries of Region ${region}`, new Error(reply.error)))
      )
    return { commit }
  })
