import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { GrantIdType, KeyIdType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { noOutput } from "../responseParts.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"

type RevokeGrantRequest = KeyRef & { readonly grantId: string; readonly dryRun?: boolean | undefined }

/** RevokeGrant (https://docs.aws.amazon.com/kms/latest/APIReference/API_RevokeGrant.html). */
export const RevokeGrant = defineOperation<RevokeGrantRequest, void>()({
  name: "RevokeGrant",
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), grantId: required(GrantIdType), dryRun: optional(boolean) }),
    asIs
  ),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  ...keyInRequest,
  audit: change(fields({ keyId: "string", grantId: "string", dryRun: "boolean" })),
  answer: "empty"
})
