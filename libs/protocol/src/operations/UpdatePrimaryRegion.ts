import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { KeyIdType, RegionType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { UpdatePrimaryRegionRequest } from "../RegionRequests.ts"
import { noOutput } from "../responseParts.ts"
import { required, structure } from "../WireShape.ts"

/** UpdatePrimaryRegion (https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdatePrimaryRegion.html). */
export const UpdatePrimaryRegion = defineOperation<UpdatePrimaryRegionRequest, void>()({
  name: "UpdatePrimaryRegion",
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), primaryRegion: required(RegionType) }),
    asIs
  ),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  ...keyInRequest,
  otherRegion: (request) => request.primaryRegion,
  audit: change(fields({ keyId: "string", primaryRegion: "string" })),
  answer: "empty"
})
