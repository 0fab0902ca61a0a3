import type { IncludeKeyMaterial, KeyRotationEntry } from "@trent/domain"
import { fields } from "../auditRule.ts"
import { paging, read } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { IncludeKeyMaterial as IncludeKeyMaterialShape, KeyIdType, limit, MarkerType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { encodePaged } from "../PagedList.ts"
import type { KeyRef, Page } from "../RegionRequests.ts"
import type { Paged } from "../RegionResults.ts"
import { rotationsListEntry } from "../responseParts.ts"
import { optional, required, structure } from "../WireShape.ts"

type ListKeyRotationsRequest = KeyRef & Page & { readonly includeKeyMaterial?: IncludeKeyMaterial | undefined }
type ListKeyRotationsResult = Paged<KeyRotationEntry>

/** ListKeyRotations (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyRotations.html). */
export const ListKeyRotations = defineOperation<ListKeyRotationsRequest, ListKeyRotationsResult>()({
  name: "ListKeyRotations",
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      includeKeyMaterial: optional(IncludeKeyMaterialShape),
      limit: optional(limit(1000)),
      marker: optional(MarkerType)
    }),
    asIs
  ),
  encode: (page) => encodePaged("Rotations", page, rotationsListEntry),
  state: "reads",
  keyForms: "key",
  ...keyInRequest,
  audit: read(fields({ keyId: "string", includeKeyMaterial: "string", ...paging }))
})
