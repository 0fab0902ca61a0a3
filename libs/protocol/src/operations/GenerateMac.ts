import { cryptographic, mac } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { GrantTokenList, KeyIdType, MacAlgorithmSpec, PlaintextType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { GenerateMacRequest } from "../RegionRequests.ts"
import type { GenerateMacResult } from "../RegionResults.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"
import { blobToWire } from "../WireValues.ts"

/** GenerateMac (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html). */
export const GenerateMac = defineOperation<GenerateMacRequest, GenerateMacResult>()({
  name: "GenerateMac",
  decoder: operationDecoder(
    structure({
      message: required(PlaintextType),
      keyId: required(KeyIdType),
      macAlgorithm: required(MacAlgorithmSpec),
      grantTokens: optional(GrantTokenList),
      dryRun: optional(boolean)
    }),
    asIs
  ),
  encode: (result) => ({ Mac: blobToWire(result.mac), MacAlgorithm: result.macAlgorithm, KeyId: result.keyId }),
  state: "reads",
  keyForms: "any",
  ...keyInResult,
  ...keyInRequest,
  audit: cryptographic(mac),
  tracksKeyUsage: true
})
