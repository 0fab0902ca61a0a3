import { Result, Schema } from "effect"

/**
 * Where a Region's log ended just before a state-changing request ran: the
 * last event's position and id (0 and null for an empty log). A redelivered
 * request looks for its own events after this mark.
 */
export const LogMark = Schema.Struct({
  account: Schema.String,
  region: Schema.String,
  position: Schema.Number,
  eventId: Schema.NullOr(Schema.String)
})
export type LogMark = typeof LogMark.Type

/** Written (acks=all) before a state-changing request runs. */
export const StartedRequest = Schema.TaggedStruct("Started", {
  at: Schema.Number,
  operation: Schema.String,
  signature: Schema.String,
  marks: Schema.Array(LogMark)
})

/** Written (acks=all) with the reply, before the request's offset is committed: the answer, to give again. */
export const AnsweredRequest = Schema.TaggedStruct("Answered", {
  at: Schema.Number,
  operation: Schema.String,
  /** The request's SigV4 signature: only the same signed request is answered from this record. */
  signature: Schema.String,
  status: Schema.Number,
  body: Schema.String
})

/** A record of the results topic, keyed by correlation id; the latest one of an id is what counts. */
export const RecordedRequest = Schema.Union([StartedRequest, AnsweredRequest])
export type RecordedRequest = typeof RecordedRequest.Type

const RecordedRequestJson = Schema.fromJsonString(RecordedRequest)
const decode = Schema.decodeUnknownResult(RecordedRequestJson)

export const encodeRecordedRequest: (record: RecordedRequest) => string = Schema.encodeSync(RecordedRequestJson)

/** The record in a results message, or undefined for one this build cannot read (it is skipped). */
export const decodeRecordedRequest = (json: string): RecordedRequest | undefined => Result.getOrUndefined(decode(json))
