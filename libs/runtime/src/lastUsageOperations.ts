import { AuditLog } from "@trent/audit"
import { arnOfKey } from "@trent/domain"
import { Clock, Effect } from "effect"
import { KeyAccess } from "./KeyAccess.ts"
import type { RegionOperationShapes } from "./RegionApi.ts"
import { RegionInternalError } from "@trent/key-actors"

/**
 * GetKeyLastUsage, answered from the Region's audit trail (aws-kms-api.md §3.1;
 * API_GetKeyLastUsage): the last successful cryptographic use of the key, and
 * TrackingStartDate — when the trail began recording for this key, which is
 * its creation unless the key is older than the trail.
 */
export const makeLastUsageOperations = Effect.gen(function*() {
  const access = yield* KeyAccess
  const audit = yield* AuditLog
  const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })
  let trailStart: number | undefined

  const trailStartedAt = Effect.gen(function*() {
    if (trailStart !== undefined) return trailStart
    const [first] = yield* audit.read({ limit: 1 }).pipe(Effect.mapError(internal("reading the audit trail failed")))
    const started = first === undefined ? yield* Clock.currentTimeMillis : Date.parse(first.record.eventTime)
    if (first !== undefined) trailStart = started
    return started
  })

  const operations = {
    getKeyLastUsage: ({ keyId }) =>
      access.read(keyId, "GetKeyLastUsage", (state) =>
        Effect.gen(function*() {
          const usage = yield* audit.lastUsage(arnOfKey(state.key)).pipe(Effect.mapError(internal("reading the audit trail failed")))
          return {
            keyId: state.key.keyId,
            keyLastUsage: usage === undefined
              ? undefined
              : { operation: usage.operation, timestamp: usage.time, cloudTrailEventId: usage.eventId, kmsRequestId: usage.requestId },
            trackingStartDate: Math.max(yield* trailStartedAt, state.key.createdAt),
            keyCreationDate: state.key.createdAt
          }
        }))
  } satisfies Pick<RegionOperationShapes, "getKeyLastUsage">
  return operations
})
