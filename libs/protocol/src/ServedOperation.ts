import type { RegionRequests } from "./RegionRequests.ts"
import type { RegionResults } from "./RegionResults.ts"

/**
 * The operations the Region serves, by their AWS names (aws-kms-api.md §3).
 * Every other operation of the API model is known but not served yet.
 */
export const servedOperations = [
  "CreateKey", "DescribeKey", "ListKeys", "EnableKey", "DisableKey", "ScheduleKeyDeletion", "CancelKeyDeletion",
  "UpdateKeyDescription", "EnableKeyRotation", "DisableKeyRotation", "GetKeyRotationStatus", "RotateKeyOnDemand",
  "ListKeyRotations", "TagResource", "UntagResource", "ListResourceTags", "PutKeyPolicy", "GetKeyPolicy",
  "ListKeyPolicies", "CreateAlias", "UpdateAlias", "DeleteAlias", "ListAliases", "Encrypt", "Decrypt", "ReEncrypt",
  "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateRandom", "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext", "Sign", "Verify", "GetPublicKey", "GenerateMac", "VerifyMac", "DeriveSharedSecret",
  "CreateGrant", "ListGrants", "ListRetirableGrants", "RetireGrant", "RevokeGrant",
  "GetKeyLastUsage", "ReplicateKey", "UpdatePrimaryRegion", "GetParametersForImport", "ImportKeyMaterial",
  "DeleteImportedKeyMaterial", "CreateCustomKeyStore", "DescribeCustomKeyStores", "UpdateCustomKeyStore",
  "ConnectCustomKeyStore", "DisconnectCustomKeyStore", "DeleteCustomKeyStore"
] as const satisfies ReadonlyArray<keyof RegionRequests & keyof RegionResults>

export type ServedOperation = (typeof servedOperations)[number]

export type RequestOf<Op extends ServedOperation> = RegionRequests[Op]
export type ResponseOf<Op extends ServedOperation> = RegionResults[Op]

export const isServedOperation = (name: string): name is ServedOperation =>
  (servedOperations as ReadonlyArray<string>).includes(name)
