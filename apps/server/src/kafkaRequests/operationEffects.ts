import type { ServedOperation } from "@trent/protocol"

/**
 * What each operation does to a Region, for the Kafka request worker:
 * `changes` appends to the Region's log (or would, but for DryRun), so the
 * worker records that it started and what it answered, runs it alone in its
 * partition (after everything before it, before everything after it), and
 * never runs it twice for one correlation id; `reads` changes no state, so it
 * may run beside other reads and, asked twice, simply runs again.
 */
export const operationEffects = Object.freeze({
  CreateKey: "changes",
  DescribeKey: "reads",
  ListKeys: "reads",
  EnableKey: "changes",
  DisableKey: "changes",
  ScheduleKeyDeletion: "changes",
  CancelKeyDeletion: "changes",
  UpdateKeyDescription: "changes",
  EnableKeyRotation: "changes",
  DisableKeyRotation: "changes",
  GetKeyRotationStatus: "reads",
  RotateKeyOnDemand: "changes",
  ListKeyRotations: "reads",
  TagResource: "changes",
  UntagResource: "changes",
  ListResourceTags: "reads",
  PutKeyPolicy: "changes",
  GetKeyPolicy: "reads",
  ListKeyPolicies: "reads",
  CreateAlias: "changes",
  UpdateAlias: "changes",
  DeleteAlias: "changes",
  ListAliases: "reads",
  Encrypt: "reads",
  Decrypt: "reads",
  ReEncrypt: "reads",
  GenerateDataKey: "reads",
  GenerateDataKeyWithoutPlaintext: "reads",
  GenerateRandom: "reads",
  GenerateDataKeyPair: "reads",
  GenerateDataKeyPairWithoutPlaintext: "reads",
  Sign: "reads",
  Verify: "reads",
  GetPublicKey: "reads",
  GenerateMac: "reads",
  VerifyMac: "reads",
  DeriveSharedSecret: "reads",
  CreateGrant: "changes",
  ListGrants: "reads",
  ListRetirableGrants: "reads",
  RetireGrant: "changes",
  RevokeGrant: "changes",
  GetKeyLastUsage: "reads",
  ReplicateKey: "changes",
  UpdatePrimaryRegion: "changes",
  // Issues a fresh wrapping key and token each time (kept in the keyvault, not the log): asked twice, it simply runs again.
  GetParametersForImport: "reads",
  ImportKeyMaterial: "changes",
  DeleteImportedKeyMaterial: "changes",
  CreateCustomKeyStore: "changes",
  DescribeCustomKeyStores: "reads",
  UpdateCustomKeyStore: "changes",
  // Calls the proxy, then records CONNECTED or FAILED.
  ConnectCustomKeyStore: "changes",
  DisconnectCustomKeyStore: "changes",
  DeleteCustomKeyStore: "changes"
} as const satisfies Record<ServedOperation, "changes" | "reads">)

export type ChangingOperation = {
  [Op in ServedOperation]: (typeof operationEffects)[Op] extends "changes" ? Op : never
}[ServedOperation]

export const changesState = (operation: ServedOperation): operation is ChangingOperation => operationEffects[operation] === "changes"
