import type { EventLog } from "@trent/event-log"
import { Context, Effect, Layer, type Scope } from "effect"

/** A Region's log as the Kafka request worker reads it to learn whether a request already ran. */
export interface RegionLogAccess {
  readonly eventLog: EventLog["Service"]
  /** Completes once this server's copy of the log holds everything written before the call (Kafka's replica); at once for SQLite. */
  readonly catchUp: Effect.Effect<void, unknown>
  /** Records on the store this server's copy has not applied yet (Kafka's replica behind the topic head); absent for SQLite. */
  readonly backlog?: Effect.Effect<number, unknown>
}

/**
 * The event logs of the Regions this server has open, by account and Region.
 * The Regions register their logs as they start (apps/server/src/Server.ts wraps each Region's
 * layer) and leave as they stop; the Region API itself exposes no log.
 */
export class RegionEventLogs extends Context.Service<RegionEventLogs, {
  register(account: string, region: string, access: RegionLogAccess): Effect.Effect<void, never, Scope.Scope>
  get(account: string, region: string): RegionLogAccess | undefined
}>()("@trent/kafka-requests/RegionEventLogs") {
  static readonly layer = Layer.sync(RegionEventLogs, () => {
    const logs = new Map<string, RegionLogAccess>()
    return RegionEventLogs.of({
      register: (account, region, access) =>
        Effect.acquireRelease(
          Effect.sync(() => void logs.set(`${account}/${region}`, access)),
          () => Effect.sync(() => {
            if (logs.get(`${account}/${region}`) === access) logs.delete(`${account}/${region}`)
          })
        ),
      get: (account, region) => logs.get(`${account}/${region}`)
    })
  })
}
