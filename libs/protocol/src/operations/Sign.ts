import { cryptographic, signing } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { GrantTokenList, KeyIdType, MessageType, PlaintextType, SigningAlgorithmSpec } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { SignRequest } from "../RegionRequests.ts"
import type { SignResult } from "../RegionResults.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"
import { blobToWire } from "../WireValues.ts"

/** Sign (https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html). */
export const Sign = defineOperation<SignRequest, SignResult>()({
  name: "Sign",
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      message: required(PlaintextType),
      messageType: optional(MessageType),
      grantTokens: optional(GrantTokenList),
      signingAlgorithm: required(SigningAlgorithmSpec),
      dryRun: optional(boolean)
    }),
    asIs
  ),
  encode: (result) => ({
    KeyId: result.keyId,
    Signature: blobToWire(result.signature),
    SigningAlgorithm: result.signingAlgorithm
  }),
  state: "reads",
  keyForms: "any",
  ...keyInResult,
  ...keyInRequest,
  audit: cryptographic(signing),
  tracksKeyUsage: true
})
