import { randomBytes } from "node:crypto"
import {
  arnOfKey,
  decodeKeyEvent,
  encodeGrantToken,
  evolveKey,
  initialKey,
  type Key,
  keyMetadata,
  replicaBeingCreated
} from "@trent/domain"
import { type EventLog, type StoredEvent, streamTypeOf } from "@trent/event-log"
import { encodeResponse, operationSpec } from "@trent/protocol"
import { Effect, Schema } from "effect"
import type { ChangingOperation } from "./operationEffects.ts"

/** The events a request appended, found in its Region's log after a restart lost its answer. */
export interface ExecutedRequest {
  readonly requestId: string
  readonly events: ReadonlyArray<StoredEvent>
  readonly log: EventLog["Service"]
  /** Another Region's log of the same account, caught up (ReplicateKey's answer is the replica's metadata). */
  readonly logOf: (region: string) => Effect.Effect<EventLog["Service"] | undefined, unknown>
}

/** The log holds a request's events, but not the state its answer needs (a bug, or a corrupt log). */
export class AnswerUnavailable extends Schema.TaggedError<AnswerUnavailable>()("AnswerUnavailable", {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {}

type Answer = (executed: ExecutedRequest) => Effect.Effect<unknown, AnswerUnavailable>

const unavailable = (message: string) => (cause: unknown) => new AnswerUnavailable({ message, cause })

/**
 * The key's state right after the request's last event: the stream folded up
 * to it, so later changes (another client's, the scheduler's) do not leak into
 * the answer the request would have had.
 */
const keyStateAfter = (
  executed: ExecutedRequest,
  log: EventLog["Service"] = executed.log
): Effect.Effect<Exclude<Key, { readonly status: "Absent" }>, AnswerUnavailable> =>
  Effect.gen(function*() {
    const streamId = executed.events.find((event) => streamTypeOf(event.streamId) === "key")?.streamId
    if (streamId === undefined) return yield* new AnswerUnavailable({ message: `${executed.requestId} changed no key` })
    const stream = yield* log.readStream(streamId).pipe(Effect.mapError(unavailable(`reading the stream of ${streamId}`)))
    const last = stream.findLastIndex((event) => event.requestId === executed.requestId)
    const state = yield* Effect.try({
      try: () => stream.slice(0, last + 1).map(decodeKeyEvent).reduce(evolveKey, initialKey),
      catch: unavailable(`folding the stream of ${streamId}`)
    })
    if (state.status === "Absent") return yield* new AnswerUnavailable({ message: `${streamId} has no key` })
    return state
  })

const nothing: Answer = () => Effect.succeed(undefined)

/** The answer the operation's module computes from the key's state after the request (the live reply's, too). */
const fromState = (operation: ChangingOperation, answerOf: (state: Key) => unknown): Answer => (executed) =>
  Effect.flatMap(keyStateAfter(executed), (state) => {
    const answer = answerOf(state)
    return answer === undefined
      ? Effect.fail(new AnswerUnavailable({ message: `${executed.requestId} left ${state.key.keyId} ${state.status}, which ${operation} does not answer from` }))
      : Effect.succeed(answer)
  })

/** `{KeyId, KeyMaterialId}` from the import event the request appended. */
const materialAnswer = (executed: ExecutedRequest, type: "KeyMaterialImported" | "ImportedKeyMaterialDeleted") =>
  Effect.gen(function*() {
    const state = yield* keyStateAfter(executed)
    const payload = executed.events.find((event) => event.type === type)?.payload as
      | { readonly materialId?: unknown; readonly material?: { readonly materialId?: unknown } }
      | undefined
    const keyMaterialId = payload?.material?.materialId ?? payload?.materialId
    if (typeof keyMaterialId !== "string") return yield* new AnswerUnavailable({ message: `${executed.requestId} appended no ${type}` })
    return { keyId: arnOfKey(state.key), keyMaterialId }
  })

/**
 * How the operations whose module answers `"fromEvents"` answer, from the log
 * alone, a request that ran before a restart but whose answer was never
 * recorded — the answer it gave (a grant token differs by its nonce, as every
 * CreateGrant's does).
 */
const fromEvents: Readonly<Partial<Record<ChangingOperation, Answer>>> = Object.freeze({
  CreateGrant: (executed) =>
    Effect.gen(function*() {
      const state = yield* keyStateAfter(executed)
      const created = executed.events.find((event) => event.type === "GrantCreated")
      const grantId = (created?.payload as { readonly grant?: { readonly grantId?: unknown } } | undefined)?.grant?.grantId
      if (typeof grantId !== "string") return yield* new AnswerUnavailable({ message: `${executed.requestId} created no grant` })
      return { grantId, grantToken: encodeGrantToken({ keyArn: arnOfKey(state.key), grantId }, randomBytes(16).toString("hex")) }
    }),
  ReplicateKey: (executed) =>
    Effect.gen(function*() {
      // The membership the request recorded on the primary names the replica's Region last; its first events are there.
      const updated = executed.events.find((event) => event.type === "MultiRegionConfigurationUpdated")
      const regions = (updated?.payload as { readonly replicaRegions?: ReadonlyArray<unknown> } | undefined)?.replicaRegions
      const replicaRegion = regions?.[regions.length - 1]
      if (typeof replicaRegion !== "string") return yield* new AnswerUnavailable({ message: `${executed.requestId} recorded no replica` })
      const log = yield* executed.logOf(replicaRegion).pipe(Effect.mapError(unavailable(`opening the ${replicaRegion} log`)))
      if (log === undefined) return yield* new AnswerUnavailable({ message: `${replicaRegion} is not open` })
      const state = yield* keyStateAfter(executed, log)
      if (state.status === "Destroyed") return yield* new AnswerUnavailable({ message: `${state.key.keyId} is destroyed in ${replicaRegion}` })
      return {
        replicaKeyMetadata: replicaBeingCreated(keyMetadata(state)),
        replicaPolicy: state.key.policy,
        replicaTags: state.key.tags
      }
    }),
  ImportKeyMaterial: (executed) => materialAnswer(executed, "KeyMaterialImported"),
  DeleteImportedKeyMaterial: (executed) => materialAnswer(executed, "ImportedKeyMaterialDeleted"),
  CreateCustomKeyStore: (executed) => {
    const created = executed.events.find((event) => event.type === "CustomKeyStoreCreated")
    return created === undefined
      ? Effect.fail(new AnswerUnavailable({ message: `${executed.requestId} appended no CustomKeyStoreCreated` }))
      : Effect.succeed({ customKeyStoreId: created.streamId })
  }
})

/** How a state-changing operation answers again: as its module declares (`answer`). */
const answerFor = (operation: ChangingOperation): Answer | undefined => {
  const declared = operationSpec(operation).answer
  return typeof declared === "function" ? fromState(operation, declared) : declared === "empty" ? nothing : fromEvents[operation]
}

/** Whether a redelivered request of `operation` can be answered from the log (every state-changing operation must be). */
export const canAnswerAgain = (operation: ChangingOperation): boolean => answerFor(operation) !== undefined

/** The response body (JSON) a state-changing request that already ran answers. */
export const answerAgain = (operation: ChangingOperation, executed: ExecutedRequest): Effect.Effect<string, AnswerUnavailable> => {
  const answer = answerFor(operation)
  return answer === undefined
    ? Effect.fail(new AnswerUnavailable({ message: `${operation} declares no answer to give again` }))
    : Effect.map(answer(executed), (result) => JSON.stringify(encodeResponse(operation, result as never)))
}
