import type { AuditLog } from "@trent/audit"
import type { FreshnessReport } from "./Freshness.ts"
import type { StreamMark } from "./LogFollower.ts"
import type { RegionRequests, RegionResults, ServedOperation } from "@trent/protocol"
import type { Effect } from "effect"
import type { RegionError, RegionInternalError } from "./RegionErrors.ts"
import type { ReplicaEndpoint } from "./ReplicationPeers.ts"
import type { XksOperations } from "./xksOperations.ts"
import type { SeedKey, SeedOutcome } from "./seedOperations.ts"

export type {
  AliasListEntry,
  CreateKeyRequest,
  DecryptRequest,
  DecryptResult,
  EncryptRequest,
  EncryptResult,
  GenerateDataKeyPairRequest,
  GenerateDataKeyRequest,
  GenerateDataKeyResult,
  GenerateMacRequest,
  KeyRef,
  ListKeysEntry,
  Page,
  Paged,
  ReEncryptRequest,
  ReEncryptResult,
  ScheduleKeyDeletionResult,
  SignRequest
} from "@trent/protocol"

/** One operation: the request it takes and the result it gives are the protocol's, for that AWS operation. */
type Op<Name extends ServedOperation> = (request: RegionRequests[Name]) => Effect.Effect<RegionResults[Name], RegionError>

/**
 * The Region API: every key operation of AWS KMS that Trent serves, in AWS's terms
 * (camelCase members, times in epoch milliseconds, blobs as bytes). Its
 * request and result shapes are defined once, in @trent/protocol, beside the
 * wire codec that produces and consumes them; the HTTP edge only translates.
 */
export interface RegionApi {
  readonly region: string
  /** The Region's audit trail: the edge appends one record per request before it answers. */
  readonly audit: AuditLog["Service"]
  readonly createKey: Op<"CreateKey">
  readonly describeKey: Op<"DescribeKey">
  readonly listKeys: Op<"ListKeys">
  readonly enableKey: Op<"EnableKey">
  readonly disableKey: Op<"DisableKey">
  readonly scheduleKeyDeletion: Op<"ScheduleKeyDeletion">
  readonly cancelKeyDeletion: Op<"CancelKeyDeletion">
  readonly updateKeyDescription: Op<"UpdateKeyDescription">
  readonly enableKeyRotation: Op<"EnableKeyRotation">
  readonly disableKeyRotation: Op<"DisableKeyRotation">
  readonly getKeyRotationStatus: Op<"GetKeyRotationStatus">
  readonly rotateKeyOnDemand: Op<"RotateKeyOnDemand">
  readonly listKeyRotations: Op<"ListKeyRotations">
  readonly tagResource: Op<"TagResource">
  readonly untagResource: Op<"UntagResource">
  readonly listResourceTags: Op<"ListResourceTags">
  readonly putKeyPolicy: Op<"PutKeyPolicy">
  readonly getKeyPolicy: Op<"GetKeyPolicy">
  readonly listKeyPolicies: Op<"ListKeyPolicies">
  readonly createAlias: Op<"CreateAlias">
  readonly updateAlias: Op<"UpdateAlias">
  readonly deleteAlias: Op<"DeleteAlias">
  readonly listAliases: Op<"ListAliases">
  readonly encrypt: Op<"Encrypt">
  readonly decrypt: Op<"Decrypt">
  readonly reEncrypt: Op<"ReEncrypt">
  readonly generateDataKey: Op<"GenerateDataKey">
  readonly generateDataKeyWithoutPlaintext: Op<"GenerateDataKeyWithoutPlaintext">
  readonly generateRandom: Op<"GenerateRandom">
  readonly generateDataKeyPair: Op<"GenerateDataKeyPair">
  readonly generateDataKeyPairWithoutPlaintext: Op<"GenerateDataKeyPairWithoutPlaintext">
  readonly sign: Op<"Sign">
  readonly verify: Op<"Verify">
  readonly getPublicKey: Op<"GetPublicKey">
  readonly generateMac: Op<"GenerateMac">
  readonly verifyMac: Op<"VerifyMac">
  readonly deriveSharedSecret: Op<"DeriveSharedSecret">
  readonly createGrant: Op<"CreateGrant">
  readonly listGrants: Op<"ListGrants">
  readonly listRetirableGrants: Op<"ListRetirableGrants">
  readonly retireGrant: Op<"RetireGrant">
  readonly revokeGrant: Op<"RevokeGrant">
  readonly getKeyLastUsage: Op<"GetKeyLastUsage">
  readonly replicateKey: Op<"ReplicateKey">
  readonly updatePrimaryRegion: Op<"UpdatePrimaryRegion">
  readonly getParametersForImport: Op<"GetParametersForImport">
  readonly importKeyMaterial: Op<"ImportKeyMaterial">
  readonly deleteImportedKeyMaterial: Op<"DeleteImportedKeyMaterial">
  readonly createCustomKeyStore: Op<"CreateCustomKeyStore">
  readonly describeCustomKeyStores: Op<"DescribeCustomKeyStores">
  readonly updateCustomKeyStore: Op<"UpdateCustomKeyStore">
  readonly connectCustomKeyStore: Op<"ConnectCustomKeyStore">
  readonly disconnectCustomKeyStore: Op<"DisconnectCustomKeyStore">
  readonly deleteCustomKeyStore: Op<"DeleteCustomKeyStore">
  /** The Region's symmetric keys as an external key manager, for the XKS proxy surface (not an AWS KMS operation). */
  readonly xks: XksOperations
  /** A key of a seed file (`--seed`), created with its fixed id unless the Region has it already (not an AWS operation). */
  readonly seedKey: (seed: SeedKey) => Effect.Effect<SeedOutcome, RegionError>
  /** This Region's side of multi-Region replication, for its sibling Regions (not an AWS operation). */
  readonly replication: ReplicaEndpoint
  /** How far behind other writers' changes this process's view of the Region is (for /health and /metrics). */
  readonly freshness: Effect.Effect<FreshnessReport>
  /**
   * Completes once every change stored in the Region's log when called (by any
   * writer) is enforced by this process: read-your-writes across processes on
   * demand. On Kafka, the log is this server's replica.
   */
  readonly caughtUp: Effect.Effect<void, RegionInternalError>
  /** Completes once this process has applied each stream up to the event named (a sibling's append it is told of). */
  readonly applied: (marks: ReadonlyArray<StreamMark>) => Effect.Effect<void, RegionInternalError>
  /** The scheduler's pass: rotate keys whose automatic rotation is due, destroy keys whose deletion window ended. */
  readonly runScheduledWork: Effect.Effect<{ readonly rotated: number; readonly destroyed: number }, RegionInternalError>
}
