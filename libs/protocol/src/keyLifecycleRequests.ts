import { CustomerMasterKeySpec, CustomKeyStoreIdType, DescriptionType, KeyIdType, KeySpec, KeyUsageType, OriginType, PolicyType, TagList, XksKeyIdType } from "./ModelShapes.ts"
import { boolean, optional, required, structure } from "./WireShape.ts"

/** Key lifecycle requests (aws-kms-api.md §3.1), members in model order. */
export const keyRef = structure({ keyId: required(KeyIdType) })

export const createKeyInput = structure({
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
