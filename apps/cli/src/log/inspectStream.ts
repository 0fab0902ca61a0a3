import type { EventLogReads, StoredEvent } from "@trent/event-log"
import { Effect } from "effect"
import { OperationFailed } from "../cli/CliFailure.ts"
import type { LogLocation } from "../offline/LogLocation.ts"
import { withOfflineLog } from "../offline/offlineLog.ts"
import { printJsonLine } from "../output/jsonLine.ts"
import type { InspectInput } from "./inspectCommand.ts"
import { redactMaterial } from "./redactMaterial.ts"

/** One stored event for support: the whole envelope, and the payload with material shown only as its length. */
export const inspectedEvent = (event: StoredEvent) => ({ ...event, payload: redactMaterial(event.payload) })

const streamOf = (location: LogLocation): string =>
  location.target._tag === "Key" ? location.target.keyId : location.target.aliasName

const printStream = (log: EventLogReads, location: LogLocation) =>
  Effect.gen(function*() {
    const streamId = streamOf(location)
    const events = yield* log.readStream(streamId)
    if (events.length === 0) {
      return yield* new OperationFailed({ message: `${streamId} has no events in the log of Region ${log.region}` })
    }
    for (const event of events) yield* printJsonLine(inspectedEvent(event))
  })

/** `log inspect`: every event of the stream the reference names, as JSON lines. */
export const inspectStream = Effect.fn("log.inspect")(function*(input: InspectInput) {
  yield* withOfflineLog(input.key, input, printStream)
})
