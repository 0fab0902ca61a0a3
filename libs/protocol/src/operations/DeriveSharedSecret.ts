import { NO_ATTESTATION } from "../attestation.ts"
import { fields } from "../auditRule.ts"
import { cryptographic, recipient } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { GrantTokenList, KeyAgreementAlgorithmSpec, KeyIdType, PublicKeyType, RecipientInfo } from "../ModelShapes.ts"
import { operationDecoder, refuseIfPresent } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { DeriveSharedSecretRequest } from "../RegionRequests.ts"
import type { DeriveSharedSecretResult } from "../RegionResults.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"
import { secretToWire } from "../WireValues.ts"

/** DeriveSharedSecret (https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html). */
export const DeriveSharedSecret = defineOperation<DeriveSharedSecretRequest, DeriveSharedSecretResult>()({
  name: "DeriveSharedSecret",
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      keyAgreementAlgorithm: required(KeyAgreementAlgorithmSpec),
      publicKey: required(PublicKeyType),
      grantTokens: optional(GrantTokenList),
      dryRun: optional(boolean),
      recipient: optional(RecipientInfo)
    }),
    ({ recipient, ...request }) => refuseIfPresent("Recipient", recipient, NO_ATTESTATION, request),
    ["recipient"]
  ),
  encode: (result) => ({
    KeyId: result.keyId,
    SharedSecret: secretToWire(result.sharedSecret),
    KeyAgreementAlgorithm: result.keyAgreementAlgorithm,
    KeyOrigin: result.keyOrigin
  }),
  state: "reads",
  keyForms: "any",
  ...keyInResult,
  ...keyInRequest,
  audit: cryptographic(fields({ keyId: "string", keyAgreementAlgorithm: "string", dryRun: "boolean", recipient })),
  tracksKeyUsage: true
})
