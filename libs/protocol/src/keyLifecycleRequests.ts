import {
  CustomerMasterKeySpec,
  CustomKeyStoreIdType,
  DescriptionType,
  GrantTokenList,
  KeyIdType,
  KeySpec,
  KeyUsageType,
  limit,
  MarkerType,
  OriginType,
  PendingWindowInDaysType,
  PolicyType,
  TagList,
  XksKeyIdType
} from "./ModelShapes.ts"
import { asIs, type OperationDecoder, operationDecoder } from "./OperationDecoder.ts"
import { boolean, optional, required, structure } from "./WireShape.ts"

/** Key lifecycle requests (aws-kms-api.md §3.1), members in model order. */
export const keyRef = structure({ keyId: required(KeyIdType) })

const createKeyInput = structure({
  policy: optional(PolicyType),
  description: optional(DescriptionType),
  keyUsage: optional(KeyUsageType),
  customerMasterKeySpec: optional(CustomerMasterKeySpec),
  keySpec: optional(KeySpec),
  origin: optional(OriginType),
  customKeyStoreId: optional(CustomKeyStoreIdType),
  bypassPolicyLockoutSafetyCheck: optional(boolean),
  tags: optional(TagList),
  multiRegion: optional(boolean),
  xksKeyId: optional(XksKeyIdType)
})

export const createKey: OperationDecoder<"CreateKey"> = operationDecoder(createKeyInput, asIs)

export const describeKey: OperationDecoder<"DescribeKey"> = operationDecoder(
  structure({ keyId: required(KeyIdType), grantTokens: optional(GrantTokenList) }),
  asIs
)

export const listKeys: OperationDecoder<"ListKeys"> = operationDecoder(
  structure({ limit: optional(limit(1000)), marker: optional(MarkerType) }),
  asIs
)

export const enableKey: OperationDecoder<"EnableKey"> = operationDecoder(keyRef, asIs)
export const disableKey: OperationDecoder<"DisableKey"> = operationDecoder(keyRef, asIs)
export const cancelKeyDeletion: OperationDecoder<"CancelKeyDeletion"> = operationDecoder(keyRef, asIs)

export const scheduleKeyDeletion: OperationDecoder<"ScheduleKeyDeletion"> = operationDecoder(
  structure({ keyId: required(KeyIdType), pendingWindowInDays: optional(PendingWindowInDaysType) }),
  asIs
)

export const updateKeyDescription: OperationDecoder<"UpdateKeyDescription"> = operationDecoder(
  structure({ keyId: required(KeyIdType), description: required(DescriptionType) }),
  asIs
)

/** GetKeyLastUsage takes a key id or key ARN (aws-kms-api.md §3.1). */
export const getKeyLastUsage: OperationDecoder<"GetKeyLastUsage"> = operationDecoder(
  structure({ keyId: required(KeyIdType) }),
  asIs
)
