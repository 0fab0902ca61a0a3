import {
  AlgorithmSpec,
  BackingKeyIdType,
  CiphertextType,
  DateType,
  ExpirationModelType,
  ImportType,
  KeyIdType,
  KeyMaterialDescriptionType,
  WrappingKeySpec
} from "./ModelShapes.ts"
import { asIs, type OperationDecoder, operationDecoder } from "./OperationDecoder.ts"
import { optional, required, structure } from "./WireShape.ts"

/**
 * Key material import requests (aws-kms-api.md §3.10), members in model order.
 * ImportToken and EncryptedKeyMaterial are CiphertextType blobs (1–6144
 * bytes); ValidTo is a timestamp. The rules across members (ValidTo exactly
 * with KEY_MATERIAL_EXPIRES, no KeyMaterialId with NEW_KEY_MATERIAL, §7.10)
 * are the Region's.
 */
export const getParametersForImport: OperationDecoder<"GetParametersForImport"> = operationDecoder(
  structure({
    keyId: required(KeyIdType),
    wrappingAlgorithm: required(AlgorithmSpec),
    wrappingKeySpec: required(WrappingKeySpec)
  }),
  asIs
)

export const importKeyMaterial: OperationDecoder<"ImportKeyMaterial"> = operationDecoder(
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
)

export const deleteImportedKeyMaterial: OperationDecoder<"DeleteImportedKeyMaterial"> = operationDecoder(
  structure({ keyId: required(KeyIdType), keyMaterialId: optional(BackingKeyIdType) }),
  asIs
)
