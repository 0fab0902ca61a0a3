import { assert, describe, it } from "vitest"
import { DAY_MS, evolveKey, initialKey, type KeyRecord } from "./Key.ts"
import type { ImportedMaterial, KeyEvent } from "./KeyEvent.ts"
import { ARN, created, keySpec, material, rejectsWith, T0 } from "./keyFixtures.test-support.ts"
import { keyMetadata, keyRotations } from "./keyViews.ts"

const { given } = keySpec

/** On-demand rotation of symmetric keys with imported material (https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html, https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html). */
const noMaterial = { materialId: "", wrapped: new Uint8Array() }
const externalCreated = { ...created, origin: "EXTERNAL", material: noMaterial } as KeyEvent
const hmacExternal = { ...externalCreated, keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" } as KeyEvent
const rsaExternal = { ...externalCreated, keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" } as KeyEvent
const terms = (days: number, description: string | null = null): ImportedMaterial =>
  ({ expirationModel: "KEY_MATERIAL_EXPIRES", validTo: T0 + days * DAY_MS, description })

const imported = (n: number, at: number, pendingRotation: boolean, imported = terms(30)): KeyEvent =>
  ({ _tag: "KeyMaterialImported", at, material: material(n), imported, pendingRotation })
const importNew = (n: number, now: number, extra: { keyMaterialId?: string } = {}) => ({
  _tag: "ImportKeyMaterial" as const,
  now,
  material: material(n),
  imported: terms(60, "next"),
  importType: "NEW_KEY_MATERIAL" as const,
  ...extra
})
const rotateOnDemand = (now: number) => ({ _tag: "RotateKeyOnDemand" as const, now, material: material(99) })

const first = imported(2, T0 + 1, false)
const pending = imported(3, T0 + 2, true, terms(60, "next"))
const rotated: KeyEvent = { _tag: "KeyRotated", at: T0 + 3, rotationType: "ON_DEMAND", material: material(3), nextRotationAt: null }

const recordOf = (events: ReadonlyArray<KeyEvent>): KeyRecord => {
  const state = events.reduce(evolveKey, initialKey)
  if (state.status === "Absent") throw new Error("no key")
  return state.key
}
const metadataOf = (events: ReadonlyArray<KeyEvent>) => {
  const state = events.reduce(evolveKey, initialKey)
  if (state.status === "Absent" || state.status === "Destroyed") throw new Error("no metadata")
  return keyMetadata(state)
}

describe("ImportKeyMaterial with NEW_KEY_MATERIAL (aws-kms-api.md §7.10)", () => {
  it("keeps new material for a symmetric key pending rotation, leaving the current material in use", () => {
    given([externalCreated, first]).when(importNew(3, T0 + 2)).then([pending])
    const metadata = metadataOf([externalCreated, first, pending])
    assert.strictEqual(metadata.keyState, "Enabled")
    assert.strictEqual(metadata.currentKeyMaterialId, material(2).materialId)
    assert.strictEqual(metadata.validTo, T0 + 30 * DAY_MS)
  })
  it("takes NEW_KEY_MATERIAL as the first material of a key that has none", () =>
    given([externalCreated]).when(importNew(2, T0 + 1)).then([imported(2, T0 + 1, false, terms(60, "next"))]))
  it("lists pending material as PENDING_ROTATION with ALL_KEY_MATERIAL only", () => {
    const key = recordOf([externalCreated, first, pending])
    assert.deepStrictEqual(keyRotations(key, true), [
      {
        keyId: ARN, keyMaterialId: material(2).materialId, keyMaterialState: "CURRENT", rotationDate: undefined,
        rotationType: undefined, keyMaterialDescription: undefined, importState: "IMPORTED",
        expirationModel: "KEY_MATERIAL_EXPIRES", validTo: T0 + 30 * DAY_MS
      },
      {
        keyId: ARN, keyMaterialId: material(3).materialId, keyMaterialState: "PENDING_ROTATION", rotationDate: undefined,
        rotationType: undefined, keyMaterialDescription: "next", importState: "IMPORTED",
        expirationModel: "KEY_MATERIAL_EXPIRES", validTo: T0 + 60 * DAY_MS
      }
    ])
    assert.deepStrictEqual(keyRotations(key, false), [])
  })
  it("accepts the pending material again, taking its new terms", () =>
    given([externalCreated, first, pending]).when({ ...importNew(3, T0 + 4), imported: terms(90) })
      .then([imported(3, T0 + 4, true, terms(90))]))
  it("refuses other new material while material is pending rotation, with AWS's message", () =>
    given([externalCreated, first, pending]).when(importNew(4, T0 + 4)).thenRejects(rejectsWith(
      "KeyInvalidState",
      `New key material (id: ${material(4).materialId}) cannot be imported into KMS key ${ARN}, ` +
        `because another key material (id: ${material(3).materialId}) is pending rotation.`
    )))
  it("refuses a KeyMaterialId with NEW_KEY_MATERIAL", () =>
    given([externalCreated, first]).when(importNew(3, T0 + 2, { keyMaterialId: material(3).materialId }))
      .thenRejects(rejectsWith("InvalidRequest")))
  it("refuses new material for HMAC and asymmetric keys", () => {
    given([hmacExternal, first]).when(importNew(3, T0 + 2)).thenRejects(rejectsWith("UnsupportedOperation"))
    given([rsaExternal, first]).when(importNew(3, T0 + 2)).thenRejects(rejectsWith("UnsupportedOperation"))
  })
  it("refuses other material for HMAC keys as EXISTING_KEY_MATERIAL too", () =>
    given([hmacExternal, first]).when({ ...importNew(3, T0 + 2), importType: "EXISTING_KEY_MATERIAL" })
      .thenRejects(rejectsWith("IncorrectKeyMaterial")))
})

describe("RotateKeyOnDemand on a symmetric key with imported material (aws-kms-api.md §7.2)", () => {
  it("makes the pending material current, recording its id rather than fresh material", () =>
    given([externalCreated, first, pending]).when(rotateOnDemand(T0 + 3)).then([rotated]))
  it("keeps the old material as a non-current version and carries the new material's terms", () => {
    const events = [externalCreated, first, pending, rotated]
    const key = recordOf(events)
    assert.deepStrictEqual(key.versions.map((v) => v.materialId), [material(2).materialId, material(3).materialId])
    assert.strictEqual(key.pendingRotation, undefined)
    const metadata = metadataOf(events)
    assert.strictEqual(metadata.currentKeyMaterialId, material(3).materialId)
    assert.strictEqual(metadata.validTo, T0 + 60 * DAY_MS)
    const rotations = keyRotations(key, true)
    assert.deepStrictEqual(rotations.map((r) => [r.keyMaterialState, r.rotationType, r.importState]), [
      ["NON_CURRENT", undefined, "IMPORTED"],
      ["CURRENT", "ON_DEMAND", "IMPORTED"]
    ])
    assert.strictEqual(rotations[1]?.rotationDate, T0 + 3)
    assert.strictEqual(keyRotations(key, false).length, 1)
  })
  it("then accepts the next NEW_KEY_MATERIAL", () =>
    given([externalCreated, first, pending, rotated]).when(importNew(4, T0 + 4))
      .then([imported(4, T0 + 4, true, terms(60, "next"))]))
  it("refuses the rotation when no material is pending, with AWS's message", () =>
    given([externalCreated, first]).when(rotateOnDemand(T0 + 3)).thenRejects(rejectsWith(
      "KeyInvalidState",
      `No available key material pending rotation for the key: ${ARN}.`
    )))
  it("refuses the rotation while the current material is missing", () =>
    given([externalCreated, first, pending, { _tag: "ImportedKeyMaterialDeleted", at: T0 + 3, materialId: material(2).materialId, expired: false }])
      .when(rotateOnDemand(T0 + 4)).thenRejects(rejectsWith("KeyInvalidState", `${ARN} is pending import.`)))
  it("needs every version's material back before the key is Enabled again (§6)", () => {
    const gone = (n: number, at: number): KeyEvent =>
      ({ _tag: "ImportedKeyMaterialDeleted", at, materialId: material(n).materialId, expired: false })
    const rotatedKey = [externalCreated, first, pending, rotated]
    given(rotatedKey).when({ _tag: "DeleteImportedKeyMaterial", now: T0 + 4, keyMaterialId: material(2).materialId })
      .then([gone(2, T0 + 4)])
    const bothGone = [...rotatedKey, gone(2, T0 + 4), gone(3, T0 + 5)]
    assert.strictEqual(metadataOf([...rotatedKey, gone(2, T0 + 4)]).keyState, "PendingImport")
    const current = imported(3, T0 + 6, false, terms(60, "next"))
    given(bothGone).when({ ...importNew(3, T0 + 6), importType: "EXISTING_KEY_MATERIAL" }).then([current])
    assert.strictEqual(metadataOf([...bothGone, current]).keyState, "PendingImport")
    const old = imported(2, T0 + 7, false)
    given([...bothGone, current])
      .when({ _tag: "ImportKeyMaterial", now: T0 + 7, material: material(2), imported: terms(30), keyMaterialId: material(2).materialId })
      .then([old])
    assert.strictEqual(metadataOf([...bothGone, current, old]).keyState, "Enabled")
    assert.deepStrictEqual(keyRotations(recordOf([...bothGone, current, old]), true).map((r) => r.importState), ["IMPORTED", "IMPORTED"])
    assert.deepStrictEqual(keyRotations(recordOf(bothGone), true).map((r) => r.importState), ["PENDING_IMPORT", "PENDING_IMPORT"])
  })
  it("refuses HMAC keys with imported material", () =>
    given([hmacExternal, first]).when(rotateOnDemand(T0 + 3)).thenRejects(rejectsWith("UnsupportedOperation")))
})

describe("automatic rotation of keys with imported material (aws-kms-api.md §6 [6], [7])", () => {
  it("refuses EnableKeyRotation and DisableKeyRotation on an EXTERNAL key", () => {
    given([externalCreated, first]).when({ _tag: "EnableKeyRotation", now: T0 + 2 }).thenRejects(rejectsWith("UnsupportedOperation"))
    given([externalCreated, first]).when({ _tag: "DisableKeyRotation", now: T0 + 2 }).thenRejects(rejectsWith("UnsupportedOperation"))
  })
  it("names the EXTERNAL origin while the key is PendingImport", () =>
    given([externalCreated]).when({ _tag: "EnableKeyRotation", now: T0 + 2 }).thenRejects(rejectsWith(
      "UnsupportedOperation",
      `${ARN} origin is EXTERNAL which is not valid for this operation.`
    )))
})
