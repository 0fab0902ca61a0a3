import { fields } from "../auditRule.ts"
import { paging, read } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { KeyIdType, MarkerType, limit } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { encodePaged } from "../PagedList.ts"
import type { KeyRef, Page } from "../RegionRequests.ts"
import type { Paged } from "../RegionResults.ts"
import { optional, required, structure } from "../WireShape.ts"

type ListKeyPoliciesRequest = KeyRef & Page
type ListKeyPoliciesResult = Paged<string>

/** ListKeyPolicies (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyPolicies.html). */
export const ListKeyPolicies = defineOperation<ListKeyPoliciesRequest, ListKeyPoliciesResult>()({
  name: "ListKeyPolicies",
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), limit: optional(limit(1000)), marker: optional(MarkerType) }),
    asIs
  ),
  encode: (page) => encodePaged("PolicyNames", page, (name) => name),
  state: "reads",
  keyForms: "key",
  ...keyInRequest,
  audit: read(fields({ keyId: "string", ...paging }))
})
