import { change, keyAndMaterial } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { BackingKeyIdType, KeyIdType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { DeleteImportedKeyMaterialRequest } from "../RegionRequests.ts"
import type { DeleteImportedKeyMaterialResult } from "../RegionResults.ts"
import { keyMaterial } from "../responseParts.ts"
import { optional, required, structure } from "../WireShape.ts"

/** DeleteImportedKeyMaterial (https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteImportedKeyMaterial.html). */
export const DeleteImportedKeyMaterial = defineOperation<DeleteImportedKeyMaterialRequest, DeleteImportedKeyMaterialResult>()({
  name: "DeleteImportedKeyMaterial",
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), keyMaterialId: optional(BackingKeyIdType) }),
    asIs
  ),
  encode: keyMaterial,
  state: "changes",
  keyForms: "key",
  ...keyInResult,
  ...keyInRequest,
  audit: change(keyAndMaterial, keyAndMaterial),
  answer: "fromEvents"
})
