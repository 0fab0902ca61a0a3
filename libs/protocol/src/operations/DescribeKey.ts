import type { KeyMetadata } from "@trent/domain"
import { keyOnly, read } from "../auditRuleParts.ts"
import { encodeKeyMetadata } from "../encodeKeyMetadata.ts"
import { keyInRequest } from "../keyReferences.ts"
import { GrantTokenList, KeyIdType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { optional, required, structure } from "../WireShape.ts"

type DescribeKeyRequest = KeyRef & { readonly grantTokens?: ReadonlyArray<string> | undefined }

/** DescribeKey (https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html). */
export const DescribeKey = defineOperation<DescribeKeyRequest, KeyMetadata>()({
  name: "DescribeKey",
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), grantTokens: optional(GrantTokenList) }),
    asIs
  ),
  encode: (metadata) => ({ KeyMetadata: encodeKeyMetadata(metadata) }),
  state: "reads",
  keyForms: "any",
  resultKeys: (metadata) => [metadata.arn],
  ...keyInRequest,
  audit: read(keyOnly)
})
