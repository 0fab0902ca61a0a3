import { cryptographic, mac } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { GrantTokenList, KeyIdType, MacAlgorithmSpec, MacType, PlaintextType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { VerifyMacRequest } from "../RegionRequests.ts"
import type { VerifyMacResult } from "../RegionResults.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"

/** VerifyMac (https://docs.aws.amazon.com/kms/latest/APIReference/API_VerifyMac.html). */
export const VerifyMac = defineOperation<VerifyMacRequest, VerifyMacResult>()({
  name: "VerifyMac",
  decoder: operationDecoder(
    structure({
      message: required(PlaintextType),
      keyId: required(KeyIdType),
      macAlgorithm: required(MacAlgorithmSpec),
      mac: required(MacType),
      grantTokens: optional(GrantTokenList),
      dryRun: optional(boolean)
    }),
    asIs
  ),
  encode: (result) => ({ KeyId: result.keyId, MacValid: result.macValid, MacAlgorithm: result.macAlgorithm }),
  state: "reads",
  keyForms: "any",
  ...keyInResult,
  ...keyInRequest,
  audit: cryptographic(mac),
  tracksKeyUsage: true
})
