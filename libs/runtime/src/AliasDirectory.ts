import { WebCrypto } from "@trent/crypto"
import {
  type Alias,
  type AliasCommand,
  type AliasRejection,
  decideAlias,
  encodeAliasEvent,
  evolveAlias,
  isAliasRejection
} from "@trent/domain"
import { EventLog } from "@trent/event-log"
import { Context, Effect, Layer, Semaphore } from "effect"
import { newEventId } from "./Ids.ts"
import { RegionInternalError } from "./RegionErrors.ts"
import { RequestContext } from "./RequestContext.ts"

export interface AliasEntry {
  readonly aliasName: string
  readonly targetKeyId: string
  readonly createdAt: number
  readonly updatedAt: number
}

const PAGE = 1000

/**
 * The Region's alias directory. Each alias is its own stream (`alias/<name>`)
 * in the Region's log; the directory holds every live alias in memory (loaded
 * from key_state at start), sorted by name for ListAliases, and indexed by
 * target for the 50-aliases-per-key limit and for removal with the key.
 */
export class AliasDirectory extends Context.Service<AliasDirectory, {
  lookup(aliasName: string): Effect.Effect<AliasEntry | undefined>
  readonly list: Effect.Effect<ReadonlyArray<AliasEntry>>
  countFor(keyId: string): Effect.Effect<number>
  apply(aliasName: string, command: AliasCommand): Effect.Effect<void, AliasRejection | RegionInternalError>
}>()("@trent/runtime/AliasDirectory") {
  static readonly layer = Layer.effect(AliasDirectory, Effect.gen(function*() {
    const eventLog = yield* EventLog
    const webCrypto = yield* WebCrypto
    const aliases = new Map<string, { alias: Alias; seq: number }>()
    const lock = Semaphore.makeUnsafe(1)
    const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

    let after: string | undefined
    for (;;) {
      const page = yield* eventLog.listStates("alias", after, PAGE).pipe(Effect.mapError(internal("loading aliases failed")))
      for (const row of page) aliases.set(row.streamId, { alias: row.state as Alias, seq: row.seq })
      if (page.length < PAGE) break
      after = page[page.length - 1]!.streamId
    }

    const active = (): Array<AliasEntry> =>
      [...aliases.values()].flatMap(({ alias }) => alias.status === "Active" ? [alias] : [])

    const apply = (aliasName: string, command: AliasCommand) =>
      lock.withPermits(1)(Effect.gen(function*() {
        const current = aliases.get(aliasName) ?? { alias: { status: "Absent" } as Alias, seq: 0 }
        const outcome = decideAlias(current.alias, command)
        if (isAliasRejection(outcome)) return yield* Effect.fail(outcome)
        const next = outcome.reduce(evolveAlias, current.alias)
        const request = yield* RequestContext
        const commandId = yield* newEventId(command.now)
        const events = yield* Effect.forEach(outcome, (event) =>
          Effect.map(newEventId(command.now), (eventId) => ({
            ...encodeAliasEvent(event),
            eventId,
            at: command.now,
            principal: request.principal,
            requestId: request.requestId,
            commandId
          })))
        yield* eventLog.append({
          streamId: aliasName,
          streamType: "alias",
          expectedSeq: current.seq,
          events,
          state: next,
          dueAt: null
        }).pipe(Effect.mapError(internal(`appending to alias stream ${aliasName} failed`)))
        aliases.set(aliasName, { alias: next, seq: current.seq + outcome.length })
      }).pipe(Effect.provideService(WebCrypto, webCrypto)))

    return AliasDirectory.of({
      lookup: (aliasName) =>
        Effect.sync(() => {
          const entry = aliases.get(aliasName)?.alias
          return entry?.status === "Active" ? entry : undefined
        }),
      list: Effect.sync(() => active().sort((a, b) => (a.aliasName < b.aliasName ? -1 : a.aliasName > b.aliasName ? 1 : 0))),
      countFor: (keyId) => Effect.sync(() => active().filter((alias) => alias.targetKeyId === keyId).length),
      apply
    })
  }))
}
