import type { AuditLog } from "@trent/audit"
import type { FreshnessReport } from "@trent/key-actors"
import type { StreamMark } from "./LogFollower.ts"
import type { RequestOf, ResponseOf, ServedOperation } from "@trent/protocol"
import type { Effect } from "effect"
import type { RegionError, RegionInternalError } from "@trent/key-actors"
import type { ReplicaEndpoint } from "@trent/replication"
import type { makeAliasOperations } from "./aliasOperations.ts"
import type { makeCryptoOperations } from "./cryptoOperations.ts"
import type { makeCustomKeyStoreOperations } from "./customKeyStoreOperations.ts"
import type { makeDataKeyOperations } from "./dataKeyOperations.ts"
import type { makeGrantOperations } from "./grantOperations.ts"
import type { makeImportOperations } from "./importOperations.ts"
import type { makeKeyManagementOperations } from "./keyManagementOperations.ts"
import type { makeLastUsageOperations } from "./lastUsageOperations.ts"
import type { makeMacOperations } from "./macOperations.ts"
import type { makeMultiRegionOperations } from "./multiRegionOperations.ts"
import type { makePublicKeyOperations } from "./publicKeyOperations.ts"
import type { makeRotationOperations } from "./rotationOperations.ts"
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

/** One operation: the request it takes and the result it gives are the ones its module declares (@trent/protocol). */
export type RegionOperation<Name extends ServedOperation> = (request: RequestOf<Name>) => Effect.Effect<ResponseOf<Name>, RegionError>

/**
 * What every served operation's method must be, named for it in camelCase
 * (`Encrypt` is `encrypt`): its module's request and result, failing with
 * some of the Region's errors. Each handler file `satisfies` its part, so a
 * drift between the wire shapes and the Region fails to compile, while each
 * handler keeps the error union it actually has.
 */
export type RegionOperationShapes = { readonly [Name in ServedOperation as Uncapitalize<Name>]: RegionOperation<Name> }

/** The handlers as written: each method with its own error union. */
export type RegionOperations =
  & Effect.Success<typeof makeKeyManagementOperations>
  & Effect.Success<typeof makeRotationOperations>
  & Effect.Success<typeof makeAliasOperations>
  & Effect.Success<typeof makeCryptoOperations>
  & Effect.Success<typeof makeDataKeyOperations>
  & Effect.Success<typeof makePublicKeyOperations>
  & Effect.Success<typeof makeMacOperations>
  & Effect.Success<typeof makeGrantOperations>
  & Effect.Success<typeof makeLastUsageOperations>
  & Effect.Success<typeof makeImportOperations>
  & Effect.Success<typeof makeMultiRegionOperations>
  & Effect.Success<typeof makeCustomKeyStoreOperations>

/** Every served operation has a handler: `false` here (a compile error) means one is missing or its shape drifted. */
const everyOperationHandled: RegionOperations extends RegionOperationShapes ? true : false = true
void everyOperationHandled

/** The errors an operation's handler can fail with: its own union, a part of RegionError. */
export type RegionErrorOf<Name extends ServedOperation> = Effect.Error<ReturnType<RegionOperations[Uncapitalize<Name>]>>

/** The Region method of an AWS operation, with its handler's own errors. */
export const regionOperation = <Name extends ServedOperation>(
  region: RegionOperations,
  operation: Name
): (request: RequestOf<Name>) => Effect.Effect<ResponseOf<Name>, RegionErrorOf<Name>> =>
  region[(operation[0]!.toLowerCase() + operation.slice(1)) as Uncapitalize<Name>] as unknown as (
    request: RequestOf<Name>
  ) => Effect.Effect<ResponseOf<Name>, RegionErrorOf<Name>>

/**
 * The Region API: every key operation of AWS KMS that Trent serves, in AWS's terms
 * (camelCase members, times in epoch milliseconds, blobs as bytes). Its
 * request and result shapes are defined once, in @trent/protocol, beside the
 * wire codec that produces and consumes them; the HTTP edge only translates.
 */
export interface RegionApi extends RegionOperations {
  readonly region: string
  /** The Region's audit trail: the edge appends one record per request before it answers. */
  readonly audit: AuditLog["Service"]
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
