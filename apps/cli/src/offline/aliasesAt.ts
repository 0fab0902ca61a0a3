import type { EventLogReads } from "@trent/event-log"
import { Effect } from "effect"
import { foldAliasEvents } from "../history/foldStreams.ts"
import { decodedOrFail } from "./decodedOrFail.ts"

const PAGE = 1000

/** Every alias stream the log holds, deleted ones included (their state rows stay). */
const aliasStreams = (log: EventLogReads) =>
  Effect.gen(function*() {
    const names: Array<string> = []
    let after: string | undefined
    for (;;) {
      const page = yield* log.listStates("alias", after, PAGE)
      names.push(...page.map((row) => row.streamId))
      if (page.length < PAGE) return names
      after = page[page.length - 1]!.streamId
    }
  })

/** One alias as it stood at `at`: its stream folded up to that instant. */
export const aliasAt = (log: EventLogReads, aliasName: string, at: number) =>
  Effect.flatMap(log.readStream(aliasName, 1, at), (events) => decodedOrFail(aliasName, () => foldAliasEvents(events)))

/** The names of the aliases that pointed at `keyId` at `at`, each alias stream folded up to that instant. */
export const aliasesOfKeyAt = (log: EventLogReads, keyId: string, at: number) =>
  Effect.gen(function*() {
    const names = yield* aliasStreams(log)
    const states = yield* Effect.forEach(names, (name) => aliasAt(log, name, at))
    return states.flatMap((alias) => (alias.status === "Active" && alias.targetKeyId === keyId ? [alias.aliasName] : []))
  })
