import { cryptographic, signing } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import {
  GrantTokenList,
  KeyIdType,
  MessageType,
  PlaintextType,
  SignatureType,
  SigningAlgorithmSpec
} from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { VerifyRequest } from "../RegionRequests.ts"
import type { VerifyResult } from "../RegionResults.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"

/** Verify (https://docs.aws.amazon.com/kms/latest/APIReference/API_Verify.html). */
export const Verify = defineOperation<VerifyRequest, VerifyResult>()({
  name: "Verify",
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      message: required(PlaintextType),
      messageType: optional(MessageType),
      signature: required(SignatureType),
      signingAlgorithm: required(SigningAlgorithmSpec),
      grantTokens: optional(GrantTokenList),
      dryRun: optional(boolean)
    }),
    asIs
  ),
  encode: (result) => ({
    KeyId: result.keyId,
    SignatureValid: result.signatureValid,
    SigningAlgorithm: result.signingAlgorithm
  }),
  state: "reads",
  keyForms: "any",
  ...keyInResult,
  ...keyInRequest,
  audit: cryptographic(signing),
  tracksKeyUsage: true
})
