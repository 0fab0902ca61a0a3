import { keyOnly, read } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { GrantTokenList, KeyIdType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import type { GetPublicKeyResult } from "../RegionResults.ts"
import { optional, required, structure } from "../WireShape.ts"
import { blobToWire, wireObject } from "../WireValues.ts"

type GetPublicKeyRequest = KeyRef & { readonly grantTokens?: ReadonlyArray<string> | undefined }

/** GetPublicKey (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html). */
export const GetPublicKey = defineOperation<GetPublicKeyRequest, GetPublicKeyResult>()({
  name: "GetPublicKey",
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), grantTokens: optional(GrantTokenList) }),
    asIs
  ),
  encode: (result) =>
    wireObject({
      KeyId: result.keyId,
      PublicKey: blobToWire(result.publicKey),
      CustomerMasterKeySpec: result.customerMasterKeySpec,
      KeySpec: result.keySpec,
      KeyUsage: result.keyUsage,
      EncryptionAlgorithms: result.encryptionAlgorithms,
      SigningAlgorithms: result.signingAlgorithms,
      KeyAgreementAlgorithms: result.keyAgreementAlgorithms
    }),
  state: "reads",
  keyForms: "any",
  ...keyInResult,
  ...keyInRequest,
  audit: read(keyOnly)
})
