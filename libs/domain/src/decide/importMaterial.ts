import { DAY_MS, type Key, type KeyRecord, type KeyVersion } from "../Key.ts"
import type { ImportedMaterial, KeyEvent } from "../KeyEvent.ts"
import type { DeleteImportedKeyMaterial, ImportKeyMaterial } from "../KeyCommand.ts"
import {
  IncorrectKeyMaterial,
  InvalidRequest,
  KeyInvalidState,
  KeyNotFound,
  type KeyRejection,
  UnsupportedOperation
} from "../KeyErrors.ts"
import type { ExpirationModel } from "../KeySpec.ts"
import { arnOf, isLive, requireLiveKey } from "./requireKey.ts"

type Outcome = ReadonlyArray<KeyEvent> | KeyRejection

/** ImportKeyMaterial's ValidTo may be at most 365 days ahead (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html). */
export const MAX_VALID_TO_MS = 365 * DAY_MS

/**
 * ExpirationModel and ValidTo (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html, https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html): ValidTo is required exactly when
 * the material expires, and lies in the next 365 days. Checked before any
 * unwrapping, so a bad request costs nothing.
 */
export const importedMaterialTerms = (
  now: number,
  expirationModel: ExpirationModel | undefined,
  validTo: number | undefined,
  description: string | undefined
): ImportedMaterial | InvalidRequest => {
  const model = expirationModel ?? "KEY_MATERIAL_EXPIRES"
  if (model === "KEY_MATERIAL_EXPIRES") {
    if (validTo === undefined) {
      return new InvalidRequest({ message: "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES" })
    }
    if (validTo <= now) return new InvalidRequest({ message: "The validTo date must be in the future." })
    if (validTo > now + MAX_VALID_TO_MS) {
      return new InvalidRequest({ message: "The validTo date must be no more than 365 days in the future." })
    }
  } else if (validTo !== undefined) {
    return new InvalidRequest({ message: "A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE" })
  }
  return { expirationModel: model, validTo: model === "KEY_MATERIAL_EXPIRES" ? validTo! : null, description: description ?? null }
}

const differentMaterial = (arn: string) =>
  new IncorrectKeyMaterial({
    message: `The key material you are trying to import is not the same as the key material previously imported into ${arn}.`
  })

const imported = (command: typeof ImportKeyMaterial.Type, pendingRotation: boolean): ReadonlyArray<KeyEvent> => [{
  _tag: "KeyMaterialImported",
  at: command.now,
  material: command.material,
  imported: command.imported,
  pendingRotation
}]

/**
 * ImportKeyMaterial (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html, https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html). The first import takes any material of the
 * key's spec. After that, EXISTING_KEY_MATERIAL (the default) must be the very
 * material the chosen version had — its id derives from the bytes, so a
 * different id is different material (IncorrectKeyMaterial). A symmetric key
 * may take NEW_KEY_MATERIAL, which waits for RotateKeyOnDemand.
 */
export const decideImportKeyMaterial = (state: Key, command: typeof ImportKeyMaterial.Type): Outcome => {
  const live = requireLiveKey(state, "ImportKeyMaterial")
  if (!isLive(live)) return live
  const { key } = live
  const arn = arnOf(live)
  const materialId = command.material.materialId
  if (command.importType === "NEW_KEY_MATERIAL") {
    if (command.keyMaterialId !== undefined) {
      return new InvalidRequest({ message: "KeyMaterialId must not be specified when ImportType is NEW_KEY_MATERIAL." })
    }
    if (key.keySpec !== "SYMMETRIC_DEFAULT") {
      return new UnsupportedOperation({ message: `${arn} cannot take new key material: only symmetric encryption keys can.` })
    }
    // Imported material never crosses Regions, so a multi-Region key could not rotate in step: refused, primary or replica.
    if (key.replication !== undefined) {
      return new UnsupportedOperation({ message: `${arn} is a multi-Region key; it cannot take new imported key material.` })
    }
    if (key.versions.length === 0) return imported(command, false)
    if (key.versions.some((v) => v.materialId === materialId)) return differentMaterial(arn)
    const pending = key.pendingRotation
    // AWS names the key by its ARN here, as in its other KMSInvalidStateException messages.
    if (pending !== undefined && pending.materialId !== materialId) {
      return new KeyInvalidState({
        message: `New key material (id: ${materialId}) cannot be imported into KMS key ${arn}, ` +
          `because another key material (id: ${pending.materialId}) is pending rotation.`
      })
    }
    return imported(command, true)
  }
  if (key.versions.length === 0 && key.pendingRotation === undefined) {
    return command.keyMaterialId !== undefined && command.keyMaterialId !== materialId
      ? differentMaterial(arn)
      : imported(command, false)
  }
  const targetId = command.keyMaterialId ?? key.versions[key.versions.length - 1]?.materialId
  const target: KeyVersion | undefined = key.pendingRotation?.materialId === targetId
    ? key.pendingRotation
    : key.versions.find((v) => v.materialId === targetId)
  if (target === undefined) return new KeyNotFound({ message: `Key material ${targetId} does not exist for ${arn}.` })
  if (target.materialId !== materialId) return differentMaterial(arn)
  return imported(command, target === key.pendingRotation)
}

/** The version DeleteImportedKeyMaterial acts on: the named one, by default the current one. */
export const importedMaterialTarget = (key: KeyRecord, keyMaterialId: string | undefined): string | undefined =>
  keyMaterialId ?? key.versions[key.versions.length - 1]?.materialId

/**
 * DeleteImportedKeyMaterial (https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteImportedKeyMaterial.html). The version keeps its id, awaiting
 * re-import; the key becomes PendingImport unless it is pending deletion.
 * Deleting material that is already gone changes nothing.
 */
export const decideDeleteImportedKeyMaterial = (state: Key, command: typeof DeleteImportedKeyMaterial.Type): Outcome => {
  const live = requireLiveKey(state, "DeleteImportedKeyMaterial")
  if (!isLive(live)) return live
  const { key } = live
  const targetId = importedMaterialTarget(key, command.keyMaterialId)
  if (targetId === undefined) return []
  const target = key.pendingRotation?.materialId === targetId
    ? key.pendingRotation
    : key.versions.find((v) => v.materialId === targetId)
  if (target === undefined) return new KeyNotFound({ message: `Key material ${targetId} does not exist for ${arnOf(live)}.` })
  return target.wrapped.length === 0 ? [] : [{ _tag: "ImportedKeyMaterialDeleted", at: command.now, materialId: targetId, expired: false }]
}

/** Imported material whose ValidTo has come: deleted, as AWS does (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html: expiry → PendingImport). */
export const expiredMaterial = (state: Key, now: number): ReadonlyArray<KeyEvent> => {
  if (state.status === "Absent" || state.status === "Destroyed") return []
  const versions = [...state.key.versions, ...(state.key.pendingRotation === undefined ? [] : [state.key.pendingRotation])]
  return versions.flatMap((v): ReadonlyArray<KeyEvent> =>
    v.wrapped.length > 0 && v.imported?.validTo != null && v.imported.validTo <= now
      ? [{ _tag: "ImportedKeyMaterialDeleted", at: now, materialId: v.materialId, expired: true }]
      : []
  )
}
