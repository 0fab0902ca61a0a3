import { Clock, Effect, Queue, type Scope } from "effect"
import { type AuditAnchor, anchorOf } from "./AuditAnchor.ts"
import type { StoredAuditCheckpoint } from "./AuditEntry.ts"
import type { AuditFilter } from "./AuditFilter.ts"
import type { AuditInput } from "./AuditInput.ts"
import type { AuditLog } from "./AuditLog.ts"
import { AuditLogFailure } from "./AuditLogFailure.ts"
import { auditRecordOf } from "./auditRecordOf.ts"
import type { AuditSigner } from "./AuditSigner.ts"
import type { AuditStore } from "./AuditStore.ts"
import { canonicalJson } from "./canonicalJson.ts"
import { makeGroupCommit } from "./GroupCommit.ts"
import { defaultCheckpointPolicy, sealBatch, type WriterJob, type WriterState } from "./sealBatch.ts"
import { verifyEntries } from "./verifyEntries.ts"
import type { VerifyOptions } from "./VerifyReport.ts"

export interface AuditLogOptions {
  readonly region: string
  /** Sign a checkpoint after this many records (default 1000). */
  readonly checkpointEvery?: number | undefined
  /** …or once the oldest unsigned record is this old, in milliseconds (default 5000). */
  readonly checkpointAfterMillis?: number | undefined
  /** Records waiting for the writer beyond this make `append` wait (default 10,000). */
  readonly queueCapacity?: number | undefined
  /** The writer's chain, named in its checkpoints and anchors: the file name for SQLite (default "audit"). */
  readonly chain?: string | undefined
  /**
   * Where each durable checkpoint is published beside the JSON log line
   * (the witness file: AuditWitness). A failure is logged; the records stay
   * durable and the next checkpoint is published again.
   */
  readonly publish?: ((anchor: AuditAnchor) => Effect.Effect<void, unknown>) | undefined
}

const defaultQueueCapacity = 10_000

/**
 * An AuditLog over any AuditStore: records are built and serialized by the
 * calling fiber, then numbered, chained, checkpointed and committed by one
 * writer fiber in group commits (GroupCommit); `append` resolves once its
 * record is durable. While records wait unsigned, a timer wakes the writer
 * `checkpointAfterMillis` later so a quiet log still gets its tail signed; an
 * idle log sets no timer at all (so a test clock jumping days ahead does not
 * spin it). Closing the scope drains the queue and signs the tail before the
 * store closes.
 *
 * Opening signs a checkpoint at once: on an empty chain it is the signed
 * genesis (seq 1), so a chain that served a request is never empty or
 * unsigned; on a chain taken up again it signs what a crash left unsigned and
 * marks where this writer began. Every checkpoint, once durable, is published
 * outside the store (a JSON log line with `auditAnchor`, and `publish`), and
 * closing publishes the last one again as `closed`: entries a writer did not
 * sign after that are not its own (verifyEntries, VerifyOptions.anchor).
 */
export const makeAuditLog = (
  store: AuditStore,
  signer: AuditSigner["Service"],
  options: AuditLogOptions
): Effect.Effect<AuditLog["Service"], AuditLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const { region } = store
    const policy = {
      everyRecords: options.checkpointEvery ?? defaultCheckpointPolicy.everyRecords,
      afterMillis: options.checkpointAfterMillis ?? defaultCheckpointPolicy.afterMillis
    }
    const capacity = options.queueCapacity ?? defaultQueueCapacity
    const chain = options.chain ?? "audit"
    const openedAt = yield* Clock.currentTimeMillis
    let state: WriterState = {
      tip: store.opened.tip,
      unsigned: store.opened.unsigned,
      firstUnsignedAt: store.opened.unsigned > 0 ? openedAt : undefined
    }

    // Holds one token while a timer is due to wake the writer for the unsigned tail.
    const timer = yield* Queue.sliding<true>(1)
    let timerArmed = false
    const armTimer = Effect.suspend(() => {
      if (timerArmed || state.unsigned === 0) return Effect.void
      timerArmed = true
      return Queue.offer(timer, true)
    })

    let lastCheckpoint: StoredAuditCheckpoint | undefined
    const announce = (entry: StoredAuditCheckpoint, closed: boolean) =>
      Effect.gen(function*() {
        const anchor = anchorOf(entry, chain, closed)
        yield* Effect.logInfo(`Region ${region}: audit chain ${chain} ${closed ? "closed" : "signed"} at seq ${entry.seq}`, { auditAnchor: anchor })
        if (options.publish !== undefined) {
          yield* options.publish(anchor).pipe(
            Effect.catchCause((cause) => Effect.logError(`could not publish the audit checkpoint of Region ${region} at seq ${entry.seq}`, cause))
          )
        }
      })

    const write = (jobs: ReadonlyArray<WriterJob>, closing: boolean, opening = false) =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const sealed = sealBatch(state, jobs, { region, chain, now, policy, sign: signer.sign, closing, opening })
        if (sealed.entries.length > 0) yield* store.commit(sealed.entries)
        state = sealed.state
        for (const { entry } of sealed.entries) {
          if (entry.kind !== "checkpoint") continue
          lastCheckpoint = entry
          yield* announce(entry, false)
        }
        if (jobs.some((job) => job._tag === "Tick")) timerArmed = false
        if (!closing) yield* armTimer
      }).pipe(
        // A throwing signer or a bug fails this batch's appends; it never kills the writer.
        Effect.catchDefect((defect) => Effect.fail(AuditLogFailure.during(`sealing audit entries of Region ${region}`, defect)))
      )

    yield* write([], false, true)
    const committer = yield* makeGroupCommit<WriterJob, AuditLogFailure>({ capacity, maxBatch: capacity, flush: (jobs) => write(jobs, false) })
    const closed = new AuditLogFailure({ message: `the audit log of Region ${region} is closed` })

    yield* armTimer
    yield* Queue.take(timer).pipe(
      Effect.andThen(Effect.sleep(policy.afterMillis)),
      Effect.andThen(committer.submit({ _tag: "Tick" }).pipe(Effect.catchTag("AuditLogFailure", () => Effect.void))),
      Effect.forever,
      Effect.catchTag("GroupCommitClosed", () => Effect.void),
      Effect.forkScoped
    )

    yield* Effect.addFinalizer(() =>
      committer.shutdown.pipe(
        Effect.andThen(write([], true)),
        Effect.andThen(Effect.suspend(() => lastCheckpoint === undefined ? Effect.void : announce(lastCheckpoint, true))),
        Effect.catchCause((cause) => Effect.logError(`could not sign the audit log of Region ${region} on close`, cause))
      )
    )

    // Not a traced Effect.fn: it runs once per request, and the server's request span covers it.
    const append = Effect.fnUntraced(function*(input: AuditInput) {
      if (input.region !== region) {
        return yield* Effect.die(new Error(`a record of Region ${input.region} was given to the audit log of Region ${region}`))
      }
      const record = auditRecordOf(input)
      const job: WriterJob = { _tag: "Record", record, recordJson: canonicalJson(record) }
      return yield* committer.submit(job).pipe(Effect.catchTag("GroupCommitClosed", () => Effect.fail(closed)))
    })

    const read = Effect.fn("AuditLog.read")((filter: AuditFilter = {}) =>
      store.read(filter.limit === undefined ? filter : { ...filter, limit: Math.max(0, Math.floor(filter.limit)) })
    )

    const verify = Effect.fn("AuditLog.verify")((publicKey: Uint8Array, verifyOptions: VerifyOptions = {}) =>
      store.scan((entries) => verifyEntries(entries, publicKey, { region, chain, ...verifyOptions }))
    )

    return {
      region,
      publicKey: signer.publicKey,
      append,
      read,
      lastUsage: Effect.fn("AuditLog.lastUsage")((keyArn: string) => store.lastUsage(keyArn)),
      verify,
      stats: Effect.sync(() => ({ transactions: store.transactions(), lastSeq: state.tip.seq, unsigned: state.unsigned, queued: committer.queued() }))
    }
  })
