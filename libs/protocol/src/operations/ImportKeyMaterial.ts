import { fields } from "../auditRule.ts"
import { change, keyAndMaterial } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import {
  BackingKeyIdType,
  CiphertextType,
  DateType,
  ExpirationModelType,
  ImportType,
  KeyIdType,
  KeyMaterialDescriptionType
} from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { ImportKeyMaterialRequest } from "../RegionRequests.ts"
import type { ImportKeyMaterialResult } from "../RegionResults.ts"
import { keyMaterial } from "../responseParts.ts"
import { optional, required, structure } from "../WireShape.ts"

/** ImportKeyMaterial (https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html). */
export const ImportKeyMaterial = defineOperation<ImportKeyMaterialRequest, ImportKeyMaterialResult>()({
  name: "ImportKeyMaterial",
  /**
   * ImportToken and EncryptedKeyMaterial are 1–6144-byte blobs; ValidTo is a
   * timestamp. The rules across members (ValidTo exactly with
   * KEY_MATERIAL_EXPIRES, no KeyMaterialId with NEW_KEY_MATERIAL) are the Region's.
   */
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      importToken: required(CiphertextType),
      encryptedKeyMaterial: required(CiphertextType),
      validTo: optional(DateType),
      expirationModel: optional(ExpirationModelType),
      importType: optional(ImportType),
      keyMaterialDescription: optional(KeyMaterialDescriptionType),
      keyMaterialId: optional(BackingKeyIdType)
    }),
    asIs
  ),
  encode: keyMaterial,
  state: "changes",
  keyForms: "key",
  ...keyInResult,
  ...keyInRequest,
  audit: change(
    fields({
      keyId: "string",
      validTo: "date",
      expirationModel: "string",
      importType: "string",
      keyMaterialDescription: "string",
      keyMaterialId: "string"
    }),
    keyAndMaterial
  ),
  answer: "fromEvents"
})
