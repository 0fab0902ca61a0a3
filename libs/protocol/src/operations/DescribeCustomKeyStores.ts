import { fields } from "../auditRule.ts"
import { paging, read } from "../auditRuleParts.ts"
import { CustomKeyStoreNameType } from "../customKeyStoreRequests.ts"
import type { CustomKeyStoreEntry, DescribeCustomKeyStoresRequest } from "../customKeyStoreTypes.ts"
import { customKeyStoreEntry } from "../encodeCustomKeyStore.ts"
import { CustomKeyStoreIdType, MarkerType, limit } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { encodePaged } from "../PagedList.ts"
import type { Paged } from "../RegionResults.ts"
import { optional, structure } from "../WireShape.ts"

type DescribeCustomKeyStoresResult = Paged<CustomKeyStoreEntry>

/** DescribeCustomKeyStores (https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeCustomKeyStores.html). */
export const DescribeCustomKeyStores = defineOperation<DescribeCustomKeyStoresRequest, DescribeCustomKeyStoresResult>()({
  name: "DescribeCustomKeyStores",
  decoder: operationDecoder(
    structure({
      customKeyStoreId: optional(CustomKeyStoreIdType),
      customKeyStoreName: optional(CustomKeyStoreNameType),
      limit: optional(limit(1000)),
      marker: optional(MarkerType)
    }),
    asIs
  ),
  encode: (page) => encodePaged("CustomKeyStores", page, customKeyStoreEntry),
  state: "reads",
  keyForms: "key",
  audit: read(fields({ customKeyStoreId: "string", customKeyStoreName: "string", ...paging }))
})
