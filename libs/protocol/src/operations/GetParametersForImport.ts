import { fields } from "../auditRule.ts"
import { read } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { AlgorithmSpec, KeyIdType, WrappingKeySpec } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { GetParametersForImportRequest } from "../RegionRequests.ts"
import type { GetParametersForImportResult } from "../RegionResults.ts"
import { required, structure } from "../WireShape.ts"
import { blobToWire, epochSeconds } from "../WireValues.ts"

/** GetParametersForImport (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html). */
export const GetParametersForImport = defineOperation<GetParametersForImportRequest, GetParametersForImportResult>()({
  name: "GetParametersForImport",
  /** Members in model order. */
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      wrappingAlgorithm: required(AlgorithmSpec),
      wrappingKeySpec: required(WrappingKeySpec)
    }),
    asIs
  ),
  encode: (result) => ({
    KeyId: result.keyId,
    ImportToken: blobToWire(result.importToken),
    PublicKey: blobToWire(result.publicKey),
    ParametersValidTo: epochSeconds(result.parametersValidTo)
  }),
  // Issues a fresh wrapping key and token each time (kept in the keyvault, not the log): asked twice, it simply runs again.
  state: "reads",
  keyForms: "key",
  ...keyInResult,
  ...keyInRequest,
  // The import token and the wrapping public key are dropped.
  audit: read(fields({ keyId: "string", wrappingAlgorithm: "string", wrappingKeySpec: "string" }))
})
