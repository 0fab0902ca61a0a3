import type { EventLogReads } from "@trent/event-log"
import { Effect } from "effect"
import { OperationFailed } from "../cli/CliFailure.ts"
import { aliasAt, aliasesOfKeyAt } from "../offline/aliasesAt.ts"
import { decodedOrFail } from "../offline/decodedOrFail.ts"
import type { LogTarget } from "../offline/LogLocation.ts"
import { formatInstant } from "../output/formatInstant.ts"
import { foldKeyEvents } from "./foldStreams.ts"
import { keyView, type KeyView } from "./KeyView.ts"
import { timelineEntry, type TimelineEntry } from "./TimelineEntry.ts"

/** A key as it was at `at`, and every event of its stream up to then. */
export interface KeyHistory {
  readonly at: string
  readonly key: KeyView
  readonly timeline: ReadonlyArray<TimelineEntry>
}

/** The key an alias pointed at, at `at` (aliases move: this is the alias's own stream folded to that instant). */
const keyIdAt = (log: EventLogReads, target: LogTarget, at: number) =>
  Effect.gen(function*() {
    if (target._tag === "Key") return target.keyId
    const alias = yield* aliasAt(log, target.aliasName, at)
    if (alias.status === "Absent") {
      return yield* new OperationFailed({ message: `${target.aliasName} did not exist at ${formatInstant(at)}` })
    }
    return alias.targetKeyId
  })

/**
 * Replays one key to the instant `at` from the Region's log (the log is the
 * state): its stream up to `at` folded with the domain's
 * `evolve`, plus the aliases that pointed at it then. A key created after
 * `at` did not exist yet, which is a failure saying so.
 */
export const readKeyHistory = (log: EventLogReads, target: LogTarget, at: number) =>
  Effect.gen(function*() {
    const keyId = yield* keyIdAt(log, target, at)
    const events = yield* log.readStream(keyId, 1, at)
    const state = yield* decodedOrFail(keyId, () => foldKeyEvents(events))
    if (state.status === "Absent") {
      const later = yield* log.readStream(keyId, 1)
      return yield* new OperationFailed({
        message: later.length === 0
          ? `key ${keyId} is not in the log of Region ${log.region}`
          : `key ${keyId} did not exist yet at ${formatInstant(at)} (created ${formatInstant(later[0]!.at)})`
      })
    }
    const aliases = yield* aliasesOfKeyAt(log, keyId, at)
    return { at: formatInstant(at), key: keyView(state, aliases), timeline: events.map(timelineEntry) } satisfies KeyHistory
  })
