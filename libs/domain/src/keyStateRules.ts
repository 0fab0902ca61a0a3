import type { KeyState } from "./KeyState.ts"
import type { Operation } from "./Operation.ts"

/**
 * The key-state × operation table of https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html (the archived Developer
 * Guide's key-state table, 2023), as data. Each cell names the footnote that
 * applies: "allowed", or the rejection to raise. Cells the guide writes as
 * "✓ or [7]" are "allowed" here: [7] is a key-type rule (imported, asymmetric,
 * HMAC, custom store) checked by the operation itself, not a state rule.
 */
export type StateRule =
  | "allowed"
  | "disabled" // [1] DisabledException: <arn> is disabled.
  | "pendingDeletion" // [3] KMSInvalidStateException: <arn> is pending deletion. (or replica deletion)
  | "notPendingDeletion" // [4] KMSInvalidStateException: <arn> is not pending deletion.
  | "pendingImport" // [5] KMSInvalidStateException: <arn> is pending import.
  | "originExternal" // [6] UnsupportedOperationException: <arn> origin is EXTERNAL which is not valid for this operation.
  | "unsupported" // [7] / UO: UnsupportedOperationException
  | "importedMaterial" // [8] KMSInvalidStateException (key with imported material)
  | "originNotExternal" // [9] UnsupportedOperationException: <arn> origin is AWS_KMS which is not valid for this operation.
  | "unavailable" // [11] KMSInvalidStateException: <arn> is unavailable.
  | "creating" // [14] KMSInvalidStateException: <arn> is creating.
  | "updating" // [15] KMSInvalidStateException: <arn> is updating.
  | "noKey" // the operation names no key; key state does not apply

type Row = Readonly<Record<KeyState, StateRule>>

/** Columns in the guide's order. PendingReplicaDeletion shares PendingDeletion's column. */
const row = (
  enabled: StateRule,
  disabled: StateRule,
  pendingDeletion: StateRule,
  pendingImport: StateRule,
  unavailable: StateRule,
  creating: StateRule,
  updating: StateRule
): Row =>
  Object.freeze({
    Enabled: enabled,
    Disabled: disabled,
    PendingDeletion: pendingDeletion,
    PendingReplicaDeletion: pendingDeletion,
    PendingImport: pendingImport,
    Unavailable: unavailable,
    Creating: creating,
    Updating: updating
  })

const cryptographic = row("allowed", "disabled", "pendingDeletion", "pendingImport", "unavailable", "creating", "allowed")
const grantCreation = row("allowed", "disabled", "pendingDeletion", "pendingImport", "allowed", "creating", "allowed")
const enableDisable = row("allowed", "allowed", "pendingDeletion", "pendingImport", "allowed", "creating", "updating")
const rotationSettings = row("allowed", "disabled", "pendingDeletion", "originExternal", "unsupported", "creating", "allowed")
const rotateOnDemand = row("allowed", "disabled", "pendingDeletion", "pendingImport", "unsupported", "creating", "updating")
const rotationStatus = row("allowed", "allowed", "allowed", "originExternal", "unsupported", "allowed", "allowed")
const scheduleDeletion = row("allowed", "allowed", "pendingDeletion", "allowed", "allowed", "allowed", "updating")
const cancelDeletion = row(
  "notPendingDeletion", "notPendingDeletion", "allowed", "notPendingDeletion", "notPendingDeletion",
  "notPendingDeletion", "notPendingDeletion"
)
const metadataChange = row("allowed", "allowed", "pendingDeletion", "allowed", "allowed", "allowed", "allowed")
const always = row("allowed", "allowed", "allowed", "allowed", "allowed", "allowed", "allowed")
const getParametersForImport = row(
  "originNotExternal", "originNotExternal", "importedMaterial", "allowed", "originNotExternal", "creating", "updating"
)
const importKeyMaterial = row(
  "originNotExternal", "originNotExternal", "importedMaterial", "allowed", "originNotExternal", "creating", "allowed"
)
const deleteImportedKeyMaterial = row(
  "originNotExternal", "originNotExternal", "originNotExternal", "allowed", "unavailable", "creating", "updating"
)
const replicate = row("allowed", "disabled", "pendingDeletion", "pendingImport", "unavailable", "creating", "updating")
const updatePrimaryRegion = row(
  "allowed", "disabled", "pendingDeletion", "pendingImport", "unavailable", "creating", "allowed"
)
const noKey = row("noKey", "noKey", "noKey", "noKey", "noKey", "noKey", "noKey")

export const keyStateRules: Readonly<Record<Operation, Row>> = Object.freeze({
  Encrypt: cryptographic,
  Decrypt: cryptographic,
  ReEncrypt: cryptographic,
  GenerateDataKey: cryptographic,
  GenerateDataKeyWithoutPlaintext: cryptographic,
  GenerateDataKeyPair: cryptographic,
  GenerateDataKeyPairWithoutPlaintext: cryptographic,
  Sign: cryptographic,
  Verify: cryptographic,
  GenerateMac: cryptographic,
  VerifyMac: cryptographic,
  GetPublicKey: cryptographic,
  DeriveSharedSecret: cryptographic,
  CreateGrant: grantCreation,
  EnableKey: enableDisable,
  DisableKey: enableDisable,
  EnableKeyRotation: rotationSettings,
  DisableKeyRotation: rotationSettings,
  RotateKeyOnDemand: rotateOnDemand,
  GetKeyRotationStatus: rotationStatus,
  ScheduleKeyDeletion: scheduleDeletion,
  CancelKeyDeletion: cancelDeletion,
  CreateAlias: metadataChange,
  TagResource: metadataChange,
  UntagResource: metadataChange,
  UpdateKeyDescription: metadataChange,
  // [10]: a pending-deletion *target* fails with [3]; the alias's current key may be pending deletion.
  UpdateAlias: metadataChange,
  DescribeKey: always,
  GetKeyPolicy: always,
  PutKeyPolicy: always,
  ListKeyPolicies: always,
  ListAliases: always,
  DeleteAlias: always,
  ListGrants: always,
  RetireGrant: always,
  RevokeGrant: always,
  ListResourceTags: always,
  GetKeyLastUsage: always,
  ListKeyRotations: always,
  GetParametersForImport: getParametersForImport,
  ImportKeyMaterial: importKeyMaterial,
  DeleteImportedKeyMaterial: deleteImportedKeyMaterial,
  ReplicateKey: replicate,
  UpdatePrimaryRegion: updatePrimaryRegion,
  CreateKey: noKey,
  ListKeys: noKey,
  GenerateRandom: noKey,
  ListRetirableGrants: noKey,
  ConnectCustomKeyStore: noKey,
  CreateCustomKeyStore: noKey,
  DeleteCustomKeyStore: noKey,
  DescribeCustomKeyStores: noKey,
  DisconnectCustomKeyStore: noKey,
  UpdateCustomKeyStore: noKey
})
