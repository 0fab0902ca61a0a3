import { type AliasEvent, encodeAliasEvent, encodeKeyEvent, type KeyEvent } from "@trent/domain"
import { EventLog } from "@trent/event-log"
import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import type { OperationFailed } from "../cli/CliFailure.ts"
import { readKeyHistory } from "./readKeyHistory.ts"

const keyId = "1234abcd-12ab-34cd-56ef-1234567890ab"
const t0 = Date.UTC(2025, 0, 1)
const day = 86_400_000
let counter = 0

const envelope = (at: number) => {
  counter += 1
  const id = `01890000-0000-7000-8000-${counter.toString(16).padStart(12, "0")}`
  return { eventId: id, at, principal: "arn:aws:iam::111122223333:user/admin", requestId: `request-${counter}`, commandId: id }
}

const keyEvents: ReadonlyArray<KeyEvent> = [
  {
    _tag: "KeyCreated", keyId, partition: "aws", account: "111122223333", region: "us-east-1", keySpec: "SYMMETRIC_DEFAULT",
    keyUsage: "ENCRYPT_DECRYPT", origin: "AWS_KMS", multiRegion: false, description: "first", policy: "{}", tags: [],
    material: { materialId: "a".repeat(64), wrapped: new Uint8Array(60) }, createdAt: t0
  },
  { _tag: "KeyRotated", at: t0 + day, rotationType: "ON_DEMAND", material: { materialId: "b".repeat(64), wrapped: new Uint8Array(60) }, nextRotationAt: null },
  { _tag: "KeyDeletionScheduled", at: t0 + 2 * day, deletionDate: t0 + 9 * day, pendingWindowInDays: 7 },
  { _tag: "KeyMaterialDestroyed", at: t0 + 9 * day }
]
const aliasEvents: ReadonlyArray<AliasEvent> = [
  { _tag: "AliasCreated", at: t0 + 1, aliasName: "alias/app", targetKeyId: keyId },
  { _tag: "AliasDeleted", at: t0 + 9 * day }
]

/** A memory log holding the key's and the alias's streams, as the server would have written them. */
const history = (target: Parameters<typeof readKeyHistory>[1], at: number) =>
  Effect.gen(function*() {
    const log = yield* EventLog
    const keyStream = keyEvents.map((e) => ({ ...encodeKeyEvent(e), ...envelope("at" in e ? e.at : e.createdAt) }))
    const aliasStream = aliasEvents.map((e) => ({ ...encodeAliasEvent(e), ...envelope(e.at) }))
    yield* log.append({ streamId: keyId, streamType: "key", expectedSeq: 0, events: keyStream, state: {}, dueAt: null })
    yield* log.append({ streamId: "alias/app", streamType: "alias", expectedSeq: 0, events: aliasStream, state: {}, dueAt: null })
    return yield* readKeyHistory(log, target, at)
  }).pipe(Effect.provide(EventLog.layerMemory({ region: "us-east-1" })))

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(Effect.exit(effect))

describe("readKeyHistory", () => {
  it("folds the key's events up to the instant, listing versions without material", async () => {
    const exit = await run(history({ _tag: "Key", keyId }, t0 + day))
    const { key, timeline } = Exit.isSuccess(exit) ? exit.value : expect.unreachable()
    expect(key).toMatchObject({ state: "Enabled", description: "first", aliases: ["alias/app"], deletionDate: null })
    expect(key.versions).toEqual([
      { materialId: "a".repeat(64), createdAt: "2025-01-01T00:00:00.000Z", rotationType: null, current: false, imported: null },
      { materialId: "b".repeat(64), createdAt: "2025-01-02T00:00:00.000Z", rotationType: "ON_DEMAND", current: true, imported: null }
    ])
    expect(timeline.map((entry) => entry.type)).toEqual(["KeyCreated", "KeyRotated"])
    expect(JSON.stringify(key)).not.toContain("wrapped")
  })

  it("shows a pending deletion with its date, then the destroyed key with no versions and no aliases", async () => {
    const pending = await run(history({ _tag: "Key", keyId }, t0 + 3 * day))
    expect(Exit.isSuccess(pending) && pending.value.key).toMatchObject({
      state: "PendingDeletion", deletionDate: "2025-01-10T00:00:00.000Z", pendingWindowInDays: 7
    })
    const destroyed = await run(history({ _tag: "Key", keyId }, t0 + 10 * day))
    expect(Exit.isSuccess(destroyed) && destroyed.value.key).toMatchObject({
      state: "Destroyed", destroyedAt: "2025-01-10T00:00:00.000Z", versions: [], aliases: []
    })
  })

  it("resolves an alias as it stood at the instant, and says when it did not exist", async () => {
    const resolved = await run(history({ _tag: "Alias", aliasName: "alias/app" }, t0 + day))
    expect(Exit.isSuccess(resolved) && resolved.value.key.keyId).toBe(keyId)
    const gone = await run(history({ _tag: "Alias", aliasName: "alias/app" }, t0 + 10 * day))
    expect(Exit.isFailure(gone) && (gone.cause.reasons[0] as { error?: OperationFailed }).error?.message).toBe(
      "alias/app did not exist at 2025-01-11T00:00:00.000Z"
    )
  })

  it("says a key did not exist yet before its creation", async () => {
    const before = await run(history({ _tag: "Key", keyId }, t0 - 1))
    expect(Exit.isFailure(before) && (before.cause.reasons[0] as { error?: OperationFailed }).error?.message).toBe(
      `key ${keyId} did not exist yet at 2024-12-31T23:59:59.999Z (created 2025-01-01T00:00:00.000Z)`
    )
  })
})
