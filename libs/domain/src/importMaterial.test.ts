import { assert, describe, it } from "vitest"
import { checkKeyState } from "./checkKeyState.ts"
import { importedMaterialTerms, MAX_VALID_TO_MS } from "./decide/importMaterial.ts"
import { DAY_MS, evolveKey, initialKey, type Key, keyDueAt } from "./Key.ts"
import { InvalidRequest } from "./KeyErrors.ts"
import type { ImportedMaterial, KeyEvent } from "./KeyEvent.ts"
import { ARN, created, KEY_ID, keySpec, material, rejectsWith, T0 } from "./keyFixtures.test-support.ts"
import { keyMetadata } from "./keyViews.ts"

const { given } = keySpec

const noMaterial = { materialId: "", wrapped: new Uint8Array() }
const externalCreated = { ...created, origin: "EXTERNAL", material: noMaterial } as KeyEvent
const createExternal = {
  _tag: "CreateKey" as const,
  now: T0,
  keyId: KEY_ID,
  partition: "aws",
  account: "111122223333",
  region: "eu-west-1",
  keySpec: "SYMMETRIC_DEFAULT" as const,
  keyUsage: "ENCRYPT_DECRYPT" as const,
  origin: "EXTERNAL" as const,
  multiRegion: false,
  description: "",
  tags: [],
  material: noMaterial
}
const expiresIn = (days: number, from = T0): ImportedMaterial =>
  ({ expirationModel: "KEY_MATERIAL_EXPIRES", validTo: from + days * DAY_MS, description: null })
const neverExpires: ImportedMaterial = { expirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE", validTo: null, description: null }

const importCommand = (n: number, imported: ImportedMaterial, now = T0 + 1) =>
  ({ _tag: "ImportKeyMaterial" as const, now, material: material(n), imported })
const importedEvent = (n: number, imported: ImportedMaterial, at = T0 + 1): KeyEvent =>
  ({ _tag: "KeyMaterialImported", at, material: material(n), imported, pendingRotation: false })
const deletedEvent = (n: number, at: number, expired = false): KeyEvent =>
  ({ _tag: "ImportedKeyMaterialDeleted", at, materialId: material(n).materialId, expired })

const firstImport = importedEvent(2, expiresIn(30))
const scheduled: KeyEvent = { _tag: "KeyDeletionScheduled", at: T0 + 2, deletionDate: T0 + 2 + 7 * DAY_MS, pendingWindowInDays: 7 }

const fold = (events: ReadonlyArray<KeyEvent>): Key => events.reduce(evolveKey, initialKey)
const metadataOf = (events: ReadonlyArray<KeyEvent>) => {
  const state = fold(events)
  if (state.status === "Absent" || state.status === "Destroyed") throw new Error(`no metadata for a ${state.status} key`)
  return keyMetadata(state)
}

describe("CreateKey with Origin EXTERNAL (aws-kms-api.md §6)", () => {
  it("records the key without material", () =>
    given([]).when(createExternal).thenEvents(([event]) =>
      assert.deepStrictEqual<unknown>(event?._tag === "KeyCreated" && { ...event, policy: "{}" }, externalCreated)
    ))
  it("starts PendingImport with Enabled=false, no CurrentKeyMaterialId and no ExpirationModel", () => {
    const metadata = metadataOf([externalCreated])
    assert.strictEqual(metadata.keyState, "PendingImport")
    assert.strictEqual(metadata.enabled, false)
    assert.strictEqual(metadata.origin, "EXTERNAL")
    assert.strictEqual(metadata.currentKeyMaterialId, undefined)
    assert.strictEqual(metadata.expirationModel, undefined)
    assert.strictEqual(metadata.validTo, undefined)
  })
  it("rejects an AWS_KMS key without generated material", () =>
    given([]).when({ ...createExternal, origin: "AWS_KMS" }).thenRejects(rejectsWith("InvalidRequest")))
})

describe("importedMaterialTerms (aws-kms-api.md §3.10, §7.10)", () => {
  const now = T0
  const rejection = (terms: ImportedMaterial | InvalidRequest): string => {
    assert.instanceOf(terms, InvalidRequest)
    return (terms as InvalidRequest).message
  }
  it("requires ValidTo with KEY_MATERIAL_EXPIRES, which is the default, with AWS's message", () => {
    const message = "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES"
    assert.strictEqual(rejection(importedMaterialTerms(now, "KEY_MATERIAL_EXPIRES", undefined, undefined)), message)
    assert.strictEqual(rejection(importedMaterialTerms(now, undefined, undefined, undefined)), message)
  })
  it("rejects a ValidTo that is not in the future", () => {
    rejection(importedMaterialTerms(now, "KEY_MATERIAL_EXPIRES", now, undefined))
    rejection(importedMaterialTerms(now, "KEY_MATERIAL_EXPIRES", now - DAY_MS, undefined))
    assert.deepStrictEqual(importedMaterialTerms(now, "KEY_MATERIAL_EXPIRES", now + 1, undefined),
      { expirationModel: "KEY_MATERIAL_EXPIRES", validTo: now + 1, description: null })
  })
  it("accepts a ValidTo up to 365 days ahead and rejects one a millisecond later", () => {
    assert.strictEqual(MAX_VALID_TO_MS, 365 * DAY_MS)
    assert.deepStrictEqual(importedMaterialTerms(now, undefined, now + 365 * DAY_MS, "v1"),
      { expirationModel: "KEY_MATERIAL_EXPIRES", validTo: now + 365 * DAY_MS, description: "v1" })
    rejection(importedMaterialTerms(now, "KEY_MATERIAL_EXPIRES", now + 365 * DAY_MS + 1, undefined))
  })
  it("forbids ValidTo with KEY_MATERIAL_DOES_NOT_EXPIRE and otherwise records none", () => {
    rejection(importedMaterialTerms(now, "KEY_MATERIAL_DOES_NOT_EXPIRE", now + DAY_MS, undefined))
    assert.deepStrictEqual(importedMaterialTerms(now, "KEY_MATERIAL_DOES_NOT_EXPIRE", undefined, undefined), neverExpires)
  })
})

describe("ImportKeyMaterial (aws-kms-api.md §3.10, §7.10)", () => {
  it("enables a PendingImport key on the first import and reports its terms in KeyMetadata", () => {
    given([externalCreated]).when(importCommand(2, expiresIn(30))).then([firstImport])
    const metadata = metadataOf([externalCreated, firstImport])
    assert.strictEqual(metadata.keyState, "Enabled")
    assert.strictEqual(metadata.enabled, true)
    assert.strictEqual(metadata.currentKeyMaterialId, material(2).materialId)
    assert.strictEqual(metadata.expirationModel, "KEY_MATERIAL_EXPIRES")
    assert.strictEqual(metadata.validTo, T0 + 30 * DAY_MS)
  })
  it("reports no ValidTo for material that does not expire", () => {
    const metadata = metadataOf([externalCreated, importedEvent(2, neverExpires)])
    assert.strictEqual(metadata.expirationModel, "KEY_MATERIAL_DOES_NOT_EXPIRE")
    assert.strictEqual(metadata.validTo, undefined)
  })
  it("accepts the same material again and takes its new terms, keeping one version", () => {
    given([externalCreated, firstImport]).when(importCommand(2, neverExpires, T0 + 5))
      .then([importedEvent(2, neverExpires, T0 + 5)])
    const state = fold([externalCreated, firstImport, importedEvent(2, neverExpires, T0 + 5)])
    assert.strictEqual(state.status, "Enabled")
    assert.strictEqual(state.status === "Enabled" && state.key.versions.length, 1)
    assert.strictEqual(metadataOf([externalCreated, firstImport, importedEvent(2, neverExpires, T0 + 5)]).validTo, undefined)
  })
  it("rejects different material with IncorrectKeyMaterial", () =>
    given([externalCreated, firstImport]).when(importCommand(3, expiresIn(30))).thenRejects(rejectsWith(
      "IncorrectKeyMaterial",
      `The key material you are trying to import is not the same as the key material previously imported into ${ARN}.`
    )))
  it("rejects a key of AWS_KMS origin, whatever its state", () => {
    const message = `${ARN} origin is AWS_KMS which is not valid for this operation.`
    given([created]).when(importCommand(2, expiresIn(30))).thenRejects(rejectsWith("UnsupportedOperation", message))
    given([created, { _tag: "KeyDisabled", at: T0 }]).when(importCommand(2, expiresIn(30)))
      .thenRejects(rejectsWith("UnsupportedOperation", message))
    given([created, scheduled]).when(importCommand(2, expiresIn(30)))
      .thenRejects(rejectsWith("UnsupportedOperation", message))
  })
  it("rejects an EXTERNAL key pending deletion with KMSInvalidState", () =>
    given([externalCreated, firstImport, scheduled]).when(importCommand(2, expiresIn(30)))
      .thenRejects(rejectsWith("KeyInvalidState")))
})

describe("DeleteImportedKeyMaterial (aws-kms-api.md §3.10, §6)", () => {
  const deleteCommand = (now: number) => ({ _tag: "DeleteImportedKeyMaterial" as const, now })
  const deleted = deletedEvent(2, T0 + 3)
  it("deletes the current material, leaving the key PendingImport", () => {
    given([externalCreated, firstImport]).when(deleteCommand(T0 + 3)).then([deleted])
    const metadata = metadataOf([externalCreated, firstImport, deleted])
    assert.strictEqual(metadata.keyState, "PendingImport")
    assert.strictEqual(metadata.enabled, false)
    assert.strictEqual(metadata.currentKeyMaterialId, material(2).materialId)
  })
  it.each([
    ["SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"],
    ["RSA_2048", "SIGN_VERIFY"],
    ["ECC_NIST_P256", "SIGN_VERIFY"],
    ["HMAC_256", "GENERATE_VERIFY_MAC"]
  ] as const)("omits ExpirationModel and ValidTo once a %s key's material is deleted, as AWS's DescribeKey does", (spec, usage) => {
    const external = { ...externalCreated, keySpec: spec, keyUsage: usage } as KeyEvent
    for (const terms of [neverExpires, expiresIn(30)]) {
      const imported = metadataOf([external, importedEvent(2, terms)])
      assert.strictEqual(imported.expirationModel, terms.expirationModel)
      const metadata = metadataOf([external, importedEvent(2, terms), deleted])
      assert.deepStrictEqual([metadata.keyState, metadata.expirationModel, metadata.validTo], ["PendingImport", undefined, undefined])
    }
  })
  it("then refuses cryptographic operations as pending import", () => {
    const state = fold([externalCreated, firstImport, deleted])
    for (const operation of ["Encrypt", "Decrypt", "GenerateDataKey", "ReEncrypt"] as const) {
      const rejection = checkKeyState(operation, state)
      assert.strictEqual(rejection?._tag, "KeyInvalidState")
      assert.strictEqual(rejection?.message, `${ARN} is pending import.`)
    }
  })
  it("records nothing when the material is already gone, or was never imported", () => {
    given([externalCreated, firstImport, deleted]).when(deleteCommand(T0 + 4)).then([])
    given([externalCreated]).when(deleteCommand(T0 + 4)).then([])
  })
  it("takes the same material again, making the key Enabled with the same CurrentKeyMaterialId", () => {
    given([externalCreated, firstImport, deleted]).when(importCommand(2, expiresIn(60), T0 + 4))
      .then([importedEvent(2, expiresIn(60), T0 + 4)])
    const metadata = metadataOf([externalCreated, firstImport, deleted, importedEvent(2, expiresIn(60), T0 + 4)])
    assert.strictEqual(metadata.keyState, "Enabled")
    assert.strictEqual(metadata.currentKeyMaterialId, material(2).materialId)
    assert.strictEqual(metadata.validTo, T0 + 60 * DAY_MS)
  })
  it("still refuses other material after a deletion", () =>
    given([externalCreated, firstImport, deleted]).when(importCommand(3, expiresIn(60), T0 + 4))
      .thenRejects(rejectsWith("IncorrectKeyMaterial")))
  it("leaves a key pending deletion PendingDeletion, with its deletion date", () => {
    given([externalCreated, firstImport, scheduled]).when(deleteCommand(T0 + 3)).then([deleted])
    const state = fold([externalCreated, firstImport, scheduled, deleted])
    assert.strictEqual(state.status, "PendingDeletion")
    assert.strictEqual(state.status === "PendingDeletion" && state.deletionDate, T0 + 2 + 7 * DAY_MS)
  })
  it("makes a disabled key PendingImport", () =>
    assert.strictEqual(fold([externalCreated, firstImport, { _tag: "KeyDisabled", at: T0 + 2 }, deleted]).status, "PendingImport"))
  it("refuses a key of AWS_KMS origin", () =>
    given([created]).when(deleteCommand(T0 + 3))
      .thenRejects(rejectsWith("UnsupportedOperation", `${ARN} origin is AWS_KMS which is not valid for this operation.`)))
  it("leaves the key PendingImport, not Disabled, when its deletion is cancelled without material", () => {
    given([externalCreated, firstImport, scheduled, deleted]).when({ _tag: "CancelKeyDeletion", now: T0 + 5 })
      .then([{ _tag: "KeyDeletionCancelled", at: T0 + 5 }])
    const cancelled: KeyEvent = { _tag: "KeyDeletionCancelled", at: T0 + 5 }
    assert.strictEqual(fold([externalCreated, firstImport, scheduled, deleted, cancelled]).status, "PendingImport")
    assert.strictEqual(fold([externalCreated, scheduled, cancelled]).status, "PendingImport")
    assert.strictEqual(fold([externalCreated, firstImport, scheduled, cancelled]).status, "Disabled")
  })
})

describe("expiry of imported material (aws-kms-api.md §6)", () => {
  const validTo = T0 + 30 * DAY_MS
  const tick = (now: number) => ({ _tag: "RunScheduledWork" as const, now, material: material(9) })
  const expired = deletedEvent(2, validTo, true)
  it("deletes the material when RunScheduledWork comes at or after its ValidTo, and not before", () => {
    given([externalCreated, firstImport]).when(tick(validTo - 1)).then([])
    given([externalCreated, firstImport]).when(tick(validTo)).then([expired])
    given([externalCreated, firstImport]).when(tick(validTo + DAY_MS)).then([deletedEvent(2, validTo + DAY_MS, true)])
    given([externalCreated, firstImport, expired]).when(tick(validTo + DAY_MS)).then([])
  })
  it("never expires material that does not expire", () =>
    given([externalCreated, importedEvent(2, neverExpires)]).when(tick(T0 + 4000 * DAY_MS)).then([]))
  it("makes an Enabled key PendingImport, reporting no ExpirationModel or ValidTo", () => {
    assert.strictEqual(fold([externalCreated, firstImport, expired]).status, "PendingImport")
    const metadata = metadataOf([externalCreated, firstImport, expired])
    assert.deepStrictEqual([metadata.expirationModel, metadata.validTo], [undefined, undefined])
  })
  it("makes a Disabled key PendingImport, and re-import makes it Enabled", () => {
    const history = [externalCreated, firstImport, { _tag: "KeyDisabled" as const, at: T0 + 2 }, expired]
    assert.strictEqual(fold(history).status, "PendingImport")
    given(history).when(importCommand(2, expiresIn(30, validTo), validTo + 1))
      .then([importedEvent(2, expiresIn(30, validTo), validTo + 1)])
    assert.strictEqual(fold([...history, importedEvent(2, expiresIn(30, validTo), validTo + 1)]).status, "Enabled")
  })
  it("leaves a key pending deletion PendingDeletion", () =>
    assert.strictEqual(fold([externalCreated, firstImport, scheduled, expired]).status, "PendingDeletion"))
  it("tells the scheduler to come back at the earliest ValidTo, and not once it has passed", () => {
    assert.strictEqual(keyDueAt(fold([externalCreated])), null)
    assert.strictEqual(keyDueAt(fold([externalCreated, firstImport])), validTo)
    assert.strictEqual(keyDueAt(fold([externalCreated, importedEvent(2, neverExpires)])), null)
    assert.strictEqual(keyDueAt(fold([externalCreated, firstImport, expired])), null)
    const pendingSooner: KeyEvent = {
      _tag: "KeyMaterialImported", at: T0 + 2, material: material(3), imported: expiresIn(10), pendingRotation: true
    }
    assert.strictEqual(keyDueAt(fold([externalCreated, firstImport, pendingSooner])), T0 + 10 * DAY_MS)
  })
})
