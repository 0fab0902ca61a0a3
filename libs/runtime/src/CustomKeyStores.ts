import { WebCrypto } from "@trent/crypto"
import {
  type CustomKeyStore,
  type CustomKeyStoreCommand,
  type CustomKeyStoreRecord,
  type CustomKeyStoreRejection,
  decideCustomKeyStore,
  decodeCustomKeyStoreEvent,
  encodeCustomKeyStoreEvent,
  evolveCustomKeyStore,
  initialCustomKeyStore,
  isCustomKeyStoreRejection
} from "@trent/domain"
import { EventLog, type StoredEvent } from "@trent/event-log"
import { Context, Effect, Layer, Option, Semaphore } from "effect"
import { Freshness } from "@trent/key-actors"
import { newEventId } from "@trent/key-actors"
import { RegionInternalError } from "@trent/key-actors"
import { currentRequest } from "@trent/key-actors"

const PAGE = 1000
const APPEND_ATTEMPTS = 3

/**
 * The Region's custom key stores. Each is its own stream (`cks-…`) in the
 * Region's log; the directory holds them all in memory (loaded from key_state
 * at start), and what other writers append reaches it through the log
 * follower (`applyFollowed`), as for aliases. Deleted stores stay in the log.
 */
export class CustomKeyStores extends Context.Service<CustomKeyStores, {
  lookup(customKeyStoreId: string): Effect.Effect<CustomKeyStoreRecord | undefined>
  /** Every live store, by id. */
  readonly list: Effect.Effect<ReadonlyArray<CustomKeyStoreRecord>>
  /** Decides the command against the store's state (with `facts` from the other stores) and appends its events. */
  apply(
    customKeyStoreId: string,
    command: (others: ReadonlyArray<CustomKeyStoreRecord>) => CustomKeyStoreCommand
  ): Effect.Effect<CustomKeyStoreRecord | undefined, CustomKeyStoreRejection | RegionInternalError>
  applyFollowed(event: StoredEvent): Effect.Effect<void>
}>()("@trent/runtime/CustomKeyStores") {
  static readonly layer = Layer.effect(CustomKeyStores, Effect.gen(function*() {
    const eventLog = yield* EventLog
    const webCrypto = yield* WebCrypto
    const freshness = yield* Freshness
    const stores = new Map<string, { state: CustomKeyStore; seq: number }>()
    const lock = Semaphore.makeUnsafe(1)
    const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

    let after: string | undefined
    for (;;) {
      const page = yield* eventLog.listStates("customKeyStore", after, PAGE).pipe(Effect.mapError(internal("loading custom key stores failed")))
      for (const row of page) stores.set(row.streamId, { state: row.state as CustomKeyStore, seq: row.seq })
      if (page.length < PAGE) break
      after = page[page.length - 1]!.streamId
    }

    const live = (): Array<CustomKeyStoreRecord> =>
      [...stores.values()].flatMap(({ state }) => state.status === "Live" ? [state.store] : [])

    const reload = (id: string) =>
      Effect.map(eventLog.readState(id), (stored) => {
        if (Option.isSome(stored)) stores.set(id, { state: stored.value.state as CustomKeyStore, seq: stored.value.seq })
      }).pipe(Effect.mapError(internal(`reading custom key store stream ${id} failed`)))

    const attempt = (id: string, makeCommand: (others: ReadonlyArray<CustomKeyStoreRecord>) => CustomKeyStoreCommand) =>
      Effect.gen(function*() {
        const current = stores.get(id) ?? { state: initialCustomKeyStore, seq: 0 }
        const command = makeCommand(live().filter((store) => store.customKeyStoreId !== id))
        const outcome = decideCustomKeyStore(current.state, command, id)
        if (isCustomKeyStoreRejection(outcome)) return yield* Effect.fail(outcome)
        const next = outcome.reduce(evolveCustomKeyStore, current.state)
        if (outcome.length === 0) return { done: true, state: next }
        const request = yield* currentRequest
        const commandId = yield* newEventId(command.now)
        const events = yield* Effect.forEach(outcome, (event) =>
          Effect.map(newEventId(command.now), (eventId) => ({
            ...encodeCustomKeyStoreEvent(event),
            eventId,
            at: command.now,
            principal: request.principal,
            requestId: request.requestId,
            commandId
          })))
        freshness.own(events.map((event) => event.eventId))
        const appended = yield* eventLog.append({
          streamId: id,
          streamType: "customKeyStore",
          expectedSeq: current.seq,
          events,
          state: next,
          dueAt: null
        }).pipe(
          Effect.map(() => true),
          Effect.catchTag("SeqConflict", () => Effect.succeed(false)),
          Effect.mapError(internal(`appending to custom key store stream ${id} failed`))
        )
        if (appended) stores.set(id, { state: next, seq: current.seq + outcome.length })
        return { done: appended, state: next }
      })

    const apply = (id: string, command: (others: ReadonlyArray<CustomKeyStoreRecord>) => CustomKeyStoreCommand) =>
      lock.withPermits(1)(Effect.gen(function*() {
        for (let n = 1; n <= APPEND_ATTEMPTS; n++) {
          const { done, state } = yield* attempt(id, command)
          if (done) return state.status === "Live" ? state.store : undefined
          // Another writer changed this store: take its state and decide again.
          yield* reload(id)
        }
        return yield* new RegionInternalError({ message: `custom key store ${id}: the append kept conflicting` })
      }).pipe(Effect.provideService(WebCrypto, webCrypto)))

    const applyFollowed = (event: StoredEvent) =>
      Effect.suspend(() => {
        freshness.followed(event)
        const current = stores.get(event.streamId) ?? { state: initialCustomKeyStore, seq: 0 }
        if (event.seq <= current.seq) return Effect.void
        if (event.seq > current.seq + 1) return reload(event.streamId)
        stores.set(event.streamId, { state: evolveCustomKeyStore(current.state, decodeCustomKeyStoreEvent(event)), seq: event.seq })
        return Effect.void
      }).pipe(Effect.catchCause((cause) => Effect.logError(`custom key store event ${event.streamId}#${event.seq} could not be applied`, cause)))

    return CustomKeyStores.of({
      lookup: (id) =>
        Effect.sync(() => {
          const entry = stores.get(id)?.state
          return entry?.status === "Live" ? entry.store : undefined
        }),
      list: Effect.sync(() => live().sort((a, b) => (a.customKeyStoreId < b.customKeyStoreId ? -1 : a.customKeyStoreId > b.customKeyStoreId ? 1 : 0))),
      apply,
      applyFollowed
    })
  }))
}
