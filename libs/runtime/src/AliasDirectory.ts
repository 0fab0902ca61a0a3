import { WebCrypto } from "@trent/crypto"
import {
  type Alias,
  decodeAliasEvent,
  type AliasCommand,
  type AliasRejection,
  decideAlias,
  encodeAliasEvent,
  evolveAlias,
  isAliasRejection
} from "@trent/domain"
import { EventLog, type StoredEvent } from "@trent/event-log"
import { Context, Effect, Layer, Option, Semaphore } from "effect"
import { Freshness } from "@trent/key-actors"
import { newEventId } from "@trent/key-actors"
import { RegionInternalError } from "@trent/key-actors"
import { currentRequest } from "@trent/key-actors"

export interface AliasEntry {
  readonly aliasName: string
  readonly targetKeyId: string
  readonly createdAt: number
  readonly updatedAt: number
}

const PAGE = 1000
const APPEND_ATTEMPTS = 3

/**
 * The Region's alias directory. Each alias is its own stream (`alias/<name>`)
 * in the Region's log; the directory holds every live alias in memory (loaded
 * from key_state at start), sorted by name for ListAliases, and indexed by
 * target for the 50-aliases-per-key limit and for removal with the key.
 * Aliases other writers (workers, servers) create, retarget or delete reach
 * it through the Region's log follower (`applyFollowed`).
 */
export class AliasDirectory extends Context.Service<AliasDirectory, {
  lookup(aliasName: string): Effect.Effect<AliasEntry | undefined>
  readonly list: Effect.Effect<ReadonlyArray<AliasEntry>>
  countFor(keyId: string): Effect.Effect<number>
  apply(aliasName: string, command: AliasCommand): Effect.Effect<void, AliasRejection | RegionInternalError>
  /** Folds in an alias event from the log (the follower's call); events already held are ignored. */
  applyFollowed(event: StoredEvent): Effect.Effect<void>
  /** The log position the directory was loaded from: following from here misses nothing. */
  readonly since: number
}>()("@trent/runtime/AliasDirectory") {
  static readonly layer = Layer.effect(AliasDirectory, Effect.gen(function*() {
    const eventLog = yield* EventLog
    const webCrypto = yield* WebCrypto
    const freshness = yield* Freshness
    const aliases = new Map<string, { alias: Alias; seq: number }>()
    const lock = Semaphore.makeUnsafe(1)
    const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

    // Read before the list: the follower starts here, so no change made while listing is missed.
    const since = yield* eventLog.head.pipe(Effect.mapError(internal("reading the end of the log failed")))
    let after: string | undefined
    for (;;) {
      const page = yield* eventLog.listStates("alias", after, PAGE).pipe(Effect.mapError(internal("loading aliases failed")))
      for (const row of page) aliases.set(row.streamId, { alias: row.state as Alias, seq: row.seq })
      if (page.length < PAGE) break
      after = page[page.length - 1]!.streamId
    }

    const active = (): Array<AliasEntry> =>
      [...aliases.values()].flatMap(({ alias }) => alias.status === "Active" ? [alias] : [])

    /** The stream's stored state, after another writer got to it first. */
    const reload = (aliasName: string) =>
      Effect.map(eventLog.readState(aliasName), (stored) => {
        if (Option.isSome(stored)) aliases.set(aliasName, { alias: stored.value.state as Alias, seq: stored.value.seq })
      }).pipe(Effect.mapError(internal(`reading alias stream ${aliasName} failed`)))

    const attempt = (aliasName: string, command: AliasCommand) =>
      Effect.gen(function*() {
        const current = aliases.get(aliasName) ?? { alias: { status: "Absent" } as Alias, seq: 0 }
        const outcome = decideAlias(current.alias, command)
        if (isAliasRejection(outcome)) return yield* Effect.fail(outcome)
        const next = outcome.reduce(evolveAlias, current.alias)
        const request = yield* currentRequest
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
        freshness.own(events.map((event) => event.eventId))
        const appended = yield* eventLog.append({
          streamId: aliasName,
          streamType: "alias",
          expectedSeq: current.seq,
          events,
          state: next,
          dueAt: null
        }).pipe(
          Effect.map(() => true),
          Effect.catchTag("SeqConflict", () => Effect.succeed(false)),
          Effect.mapError(internal(`appending to alias stream ${aliasName} failed`))
        )
        if (appended) aliases.set(aliasName, { alias: next, seq: current.seq + outcome.length })
        return appended
      })

    const apply = (aliasName: string, command: AliasCommand) =>
      lock.withPermits(1)(Effect.gen(function*() {
        for (let n = 1; n <= APPEND_ATTEMPTS; n++) {
          if (yield* attempt(aliasName, command)) return
          // Another writer changed this alias: take its state and decide again.
          yield* reload(aliasName)
        }
        return yield* new RegionInternalError({ message: `alias ${aliasName}: the append kept conflicting` })
      }).pipe(Effect.provideService(WebCrypto, webCrypto)))

    const applyFollowed = (event: StoredEvent) =>
      Effect.suspend(() => {
        freshness.followed(event)
        const current = aliases.get(event.streamId) ?? { alias: { status: "Absent" } as Alias, seq: 0 }
        if (event.seq <= current.seq) return Effect.void
        if (event.seq > current.seq + 1) return reload(event.streamId)
        aliases.set(event.streamId, { alias: evolveAlias(current.alias, decodeAliasEvent(event)), seq: event.seq })
        return Effect.void
      }).pipe(Effect.catchCause((cause) => Effect.logError(`alias event ${event.streamId}#${event.seq} could not be applied`, cause)))

    return AliasDirectory.of({
      lookup: (aliasName) =>
        Effect.sync(() => {
          const entry = aliases.get(aliasName)?.alias
          return entry?.status === "Active" ? entry : undefined
        }),
      list: Effect.sync(() => active().sort((a, b) => (a.aliasName < b.aliasName ? -1 : a.aliasName > b.aliasName ? 1 : 0))),
      countFor: (keyId) => Effect.sync(() => active().filter((alias) => alias.targetKeyId === keyId).length),
      apply,
      applyFollowed,
      since
    })
  }))
}
