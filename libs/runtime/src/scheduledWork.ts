import { aliasArn, decideKey, isKeyRejection, isReplica, type Key, type KeyCommand, supportsRotation } from "@trent/domain"
import { EventLog } from "@trent/event-log"
import { Clock, Effect } from "effect"
import { AliasDirectory } from "./AliasDirectory.ts"
import { KeyActors } from "@trent/key-actors"
import { KeyMaterials } from "@trent/key-actors"
import { RegionConfig } from "@trent/key-actors"
import { RegionInternalError } from "@trent/key-actors"
import { Replication } from "@trent/replication"

const BATCH = 100

/** Whether the decider would rotate the key now: only then is fresh material worth generating. */
const rotatesNow = (state: Key, now: number): boolean => {
  const outcome = decideKey(state, { _tag: "RunScheduledWork", now, material: { materialId: "", wrapped: new Uint8Array(1) } })
  return !isKeyRejection(outcome) && outcome.some((event) => event._tag === "KeyRotated")
}
const MAX_BATCHES_PER_PASS = 100

/**
 * One pass of the Region's scheduler: every key whose `dueAt` has come gets a
 * RunScheduledWork command — an ordinary command through its actor, so the
 * decider alone says whether it rotates or its material is destroyed. A key
 * destroyed takes its aliases with it (aws-kms-api.md §6: "the key and its
 * aliases are removed").
 */
export const makeScheduledWork = Effect.gen(function*() {
  const eventLog = yield* EventLog
  const actors = yield* KeyActors
  const materials = yield* KeyMaterials
  const aliases = yield* AliasDirectory
  const replication = yield* Replication
  const { partition, region, account } = yield* RegionConfig

  const runForKey = (keyId: string) =>
    Effect.tap(actors.execute(keyId, (state) =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const without: KeyCommand = { _tag: "RunScheduledWork", now, material: { materialId: "", wrapped: new Uint8Array() } }
        // Fresh material only when the decider would rotate now; it ignores the material otherwise.
        if (state.status !== "Enabled" || !supportsRotation(state.key) || isReplica(state.key) || !rotatesNow(state, now)) return without
        return { ...without, material: (yield* materials.newMaterial(keyId, state.key.keySpec)).wrapped } satisfies KeyCommand
      })), replication.afterChange)

  const removeAliasesOf = (keyId: string) =>
    Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      for (const alias of (yield* aliases.list).filter((a) => a.targetKeyId === keyId)) {
        yield* aliases.apply(alias.aliasName, { _tag: "DeleteAlias", now, aliasArn: aliasArn({ partition, region, account }, alias.aliasName) })
      }
    })

  return Effect.gen(function*() {
    let rotated = 0
    let destroyed = 0
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
      const now = yield* Clock.currentTimeMillis
      const due = yield* eventLog.dueStates("key", now, BATCH)
      let progressed = 0
      for (const row of due) {
        const { events } = yield* runForKey(row.streamId)
        for (const event of events) {
          if (event._tag === "KeyRotated") rotated++
          if (event._tag === "KeyMaterialDestroyed") {
            destroyed++
            yield* removeAliasesOf(row.streamId)
          }
        }
        if (events.length > 0) progressed++
      }
      if (due.length < BATCH || progressed === 0) break
    }
    return { rotated, destroyed }
  }).pipe(
    Effect.mapError((cause) =>
      cause._tag === "RegionInternalError" ? cause : new RegionInternalError({ message: "scheduled work failed", cause })
    )
  )
})
