import type { HttpRequestParts } from "@trent/auth"
import { encodeReply, type GroupCommitProducer, type OutgoingMessage } from "@trent/kafka-client"
import { classifyTarget } from "@trent/protocol"
import { Clock, Deferred, Effect, Exit, Result } from "effect"
import { answerAgain } from "./answerAgain.ts"
import type { KafkaRequestEdge, RequestAnswer } from "./KafkaRequestEdge.ts"
import type { KafkaRequestMetrics } from "./KafkaRequestMetrics.ts"
import { eventsOfRequest, type LogPoint } from "./logScan.ts"
import { type ChangingOperation, changesState } from "./operationEffects.ts"
import { encodeRecordedRequest, type LogMark, type RecordedRequest } from "./RecordedRequest.ts"
import type { RequestLedger } from "./RequestLedger.ts"
import { type IncomingMessage, parseRequestMessage, targetOf } from "./RequestMessage.ts"
import { openRegionLog, requestMarks } from "./requestMarks.ts"
import type { RegionEventLogs } from "./RegionEventLogs.ts"

/** Test hooks of the worker: none in production. */
export interface KafkaRequestHooks {
  /** Called after a request ran and before its answer is recorded or sent: a test kills the process here. */
  readonly afterExecute?: ((correlationId: string) => void) | undefined
}

/** What one topic's worker shares among its messages. */
export interface RequestWork {
  readonly account: string
  readonly region: string
  readonly resultsTopic: string
  readonly ledger: RequestLedger
  readonly producer: GroupCommitProducer
  readonly metrics: KafkaRequestMetrics
  readonly maxBodyBytes: number
  readonly hooks: KafkaRequestHooks
  /** Each Region log's end as last seen (requestMarks.ts). */
  readonly logEnds: Map<string, LogPoint>
  /** What the worker needs from the server (KafkaRequestEdge.ts). */
  readonly edge: KafkaRequestEdge["Service"]
  /** State changes running now, by correlation id: a copy of one waits for it (oneAtATime). */
  readonly running: Map<string, Deferred.Deferred<void>>
}

/** What handling a request message needs from the server: KafkaRequestEdge, Credentials (@trent/auth), RegionEventLogs. */
export type RequestWorkServices = Effect.Services<ReturnType<typeof handleRequestMessage>>

/** A request message and what it needs to say where it came from. */
export interface WorkItem {
  readonly partition: number
  readonly offset: string
  readonly message: IncomingMessage
}

/** The SigV4 signature of a request ("" for an unsigned one): what tells a copy of a request from another one under its id. */
const signatureOf = (http: HttpRequestParts): string => {
  const authorization = http.headers["authorization"]
  return (typeof authorization === "string" ? /Signature=([0-9a-fA-F]+)/.exec(authorization)?.[1] : undefined) ?? ""
}

const replyMessage = (replyTo: string, correlationId: string | undefined, response: { readonly status: number; readonly body: string }): OutgoingMessage => ({
  topic: replyTo,
  ...encodeReply({ correlationId, status: response.status, body: response.body })
})

const resultMessage = (work: RequestWork, partition: number, correlationId: string, record: RecordedRequest): OutgoingMessage => ({
  topic: work.resultsTopic,
  partition,
  key: correlationId,
  value: encodeRecordedRequest(record)
})

/**
 * Whether a state-changing request already ran, from its Region logs: its
 * events (requestId = correlation id) after the marks recorded before it ran.
 */
const findExecuted = (correlationId: string, marks: ReadonlyArray<LogMark>) =>
  Effect.gen(function*() {
    for (const mark of marks) {
      const access = yield* openRegionLog(mark.account, mark.region)
      if (access === undefined) continue
      yield* access.catchUp
      const found = yield* eventsOfRequest(access.eventLog, { position: mark.position, eventId: mark.eventId }, correlationId)
      if (found.fullScan) yield* Effect.logWarning(`request ${correlationId}: its log mark is from another copy of the ${mark.region} log; read the whole log`)
      if (found.events.length > 0) {
        const context = yield* Effect.context<KafkaRequestEdge | RegionEventLogs>()
        const logOf = (region: string) =>
          Effect.gen(function*() {
            const other = yield* openRegionLog(mark.account, region)
            if (other !== undefined) yield* other.catchUp
            return other?.eventLog
          }).pipe(Effect.provideContext(context))
        return { log: access.eventLog, events: found.events, logOf }
      }
    }
    return undefined
  })

/**
 * One request message, start to end: parse it; answer a duplicate from the
 * recorded results; for a state change, record that it starts (with where its
 * Regions' logs end), or — when a redelivery finds it started — look in those
 * logs for its events and answer from them instead of running it again; run
 * it through the one request path the HTTP edge uses (KafkaRequestEdge's
 * `handle`: SigV4, decode, authorize, audit); record the answer and send the reply, both
 * acknowledged by all in-sync replicas before the call returns. Fails only
 * when Kafka does not take a write; the pipeline then runs it again, and what
 * was recorded answers it (a state change never runs twice).
 */
export const handleRequestMessage = (work: RequestWork, item: WorkItem, executed: Effect.Effect<void>) =>
  Effect.gen(function*() {
    const parsed = parseRequestMessage(item.message, work.maxBodyBytes, work.edge.bodyTooLarge)
    if (parsed._tag === "Dropped") {
      work.metrics.dropped(parsed.reason)
      yield* executed
      return yield* Effect.logWarning(`dropped request message ${item.partition}@${item.offset}: ${parsed.reason}`)
    }
    if (parsed._tag === "Refused") {
      const response = work.edge.failure("Unknown", parsed.error)
      work.metrics.request(response.operation, response.outcome)
      yield* executed
      return yield* work.producer.send([replyMessage(parsed.replyTo, parsed.correlationId, response)])
    }
    const { correlationId, replyTo, http } = parsed
    const signature = signatureOf(http)
    const recorded = work.ledger.get(correlationId)
    // Not a copy of the recorded request: its answer is not this sender's to have, and it must not run under a used id.
    const refuseReused = Effect.gen(function*() {
      const response = work.edge.failure("Unknown", { type: "ValidationException", status: 400, message: `The correlation id ${correlationId} belongs to another request.` })
      work.metrics.request(response.operation, response.outcome)
      yield* executed
      return yield* work.producer.send([replyMessage(replyTo, correlationId, response)])
    })
    if (recorded !== undefined && recorded.signature !== signature) return yield* refuseReused
    if (recorded?._tag === "Answered") {
      work.metrics.answeredAgain()
      yield* executed
      return yield* work.producer.send([replyMessage(replyTo, correlationId, recorded)])
    }
    const target = classifyTarget(targetOf(item.message))
    const changing = target._tag === "Served" && changesState(target.operation) ? target.operation : undefined
    const run = work.edge.handle(http, correlationId, work.region)
    if (changing === undefined) {
      const response = yield* run
      yield* executed
      work.metrics.request(response.operation, response.outcome)
      return yield* work.producer.send([replyMessage(replyTo, correlationId, response)])
    }
    return yield* oneAtATime(work, correlationId, Effect.gen(function*() {
      // A copy of this request that ran meanwhile (in another partition: a client that changed its key) answered it.
      const latest = work.ledger.get(correlationId)
      if (latest !== undefined && latest.signature !== signature) return yield* refuseReused
      if (latest?._tag === "Answered") {
        work.metrics.answeredAgain()
        yield* executed
        return yield* work.producer.send([replyMessage(replyTo, correlationId, latest)])
      }
      const response = yield* runStateChange(work, item.partition, correlationId, changing, latest, http, signature, run)
      const answered: RecordedRequest = { _tag: "Answered", at: yield* Clock.currentTimeMillis, operation: response.operation, signature, status: response.status, body: response.body }
      // Recorded before the next request of the partition may run: a duplicate right behind it is answered from this.
      work.ledger.record(correlationId, answered)
      yield* executed
      work.metrics.request(response.operation, response.outcome)
      yield* work.producer.send([resultMessage(work, item.partition, correlationId, answered), replyMessage(replyTo, correlationId, response)])
    }))
  })

/** Runs `effect` after every earlier run for the same correlation id in this process has finished. */
const oneAtATime = <A, E, R>(work: RequestWork, correlationId: string, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.suspend(() => {
    const ahead = work.running.get(correlationId)
    const mine = Deferred.makeUnsafe<void>()
    work.running.set(correlationId, mine)
    return (ahead === undefined ? effect : Effect.andThen(Deferred.await(ahead), effect)).pipe(
      Effect.ensuring(Effect.sync(() => {
        Deferred.doneUnsafe(mine, Exit.void)
        if (work.running.get(correlationId) === mine) work.running.delete(correlationId)
      }))
    )
  })

/**
 * A state change exactly once: a redelivery of one already started looks for
 * its events first; a new one records its start, durably, before it runs.
 * A failure to read a log answers KMSInternalException without running.
 */
const runStateChange = <R>(
  work: RequestWork,
  partition: number,
  correlationId: string,
  operation: ChangingOperation,
  recorded: RecordedRequest | undefined,
  http: HttpRequestParts,
  signature: string,
  run: Effect.Effect<RequestAnswer, never, R>
) =>
  Effect.gen(function*() {
    if (recorded?._tag === "Started") {
      const found = yield* Effect.result(findExecuted(correlationId, recorded.marks))
      if (Result.isFailure(found)) {
        yield* Effect.logError(`request ${correlationId}: cannot tell whether it already ran`, { cause: String(found.failure) })
        return work.edge.internalFailure(operation)
      }
      if (found.success !== undefined) {
        work.metrics.recovered()
        const body = yield* Effect.result(answerAgain(operation, { requestId: correlationId, ...found.success }))
        yield* Effect.logInfo(`request ${correlationId} (${operation}) ran before a restart; answered from the log`)
        if (Result.isSuccess(body)) return { status: 200, body: body.success, operation, outcome: "Success" }
        yield* Effect.logError(`request ${correlationId}: its answer cannot be rebuilt`, { cause: body.failure.message })
        return work.edge.internalFailure(operation)
      }
    } else {
      const marks = yield* Effect.result(requestMarks(work.account, work.region, http, work.logEnds))
      if (Result.isFailure(marks)) {
        yield* Effect.logError(`request ${correlationId}: cannot read the Region logs before it runs`, { cause: String(marks.failure) })
        return work.edge.internalFailure(operation)
      }
      const started: RecordedRequest = { _tag: "Started", at: yield* Clock.currentTimeMillis, operation, signature, marks: marks.success }
      work.ledger.record(correlationId, started)
      yield* work.producer.send([resultMessage(work, partition, correlationId, started)])
    }
    const response = yield* run
    work.hooks.afterExecute?.(correlationId)
    return response
  })
