import type { KeyRotationEntry, KeyRotationStatus, Tag } from "@trent/domain"
import { encodeKeyMetadata } from "./encodeKeyMetadata.ts"
import type { AliasListEntry, GrantListEntry, ListKeysEntry, ReplicateKeyResult } from "./RegionResults.ts"
import { epochSeconds, optionalEpochSeconds, wireObject, type WireObject } from "./WireValues.ts"

/**
 * Response members several operations share, PascalCase exactly as the model
 * names them (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html). `KeyId` in crypto and
 * deletion responses is the key ARN, as the Region returns it.
 */

export const noOutput = (): WireObject => ({})
export const keyIdOnly = (result: { readonly keyId: string }): WireObject => ({ KeyId: result.keyId })
export const keyMaterial = (result: { readonly keyId: string; readonly keyMaterialId: string }): WireObject => ({
  KeyId: result.keyId,
  KeyMaterialId: result.keyMaterialId
})

export const keyListEntry = (entry: ListKeysEntry): WireObject => ({ KeyId: entry.keyId, KeyArn: entry.keyArn })
export const tag = (entry: Tag): WireObject => ({ TagKey: entry.tagKey, TagValue: entry.tagValue })
/** A predefined `alias/aws/…` whose AWS managed key does not exist yet has only AliasName and AliasArn, as AWS lists it. */
export const aliasListEntry = (entry: AliasListEntry): WireObject =>
  entry.targetKeyId === undefined
    ? { AliasName: entry.aliasName, AliasArn: entry.aliasArn }
    : {
      AliasName: entry.aliasName,
      AliasArn: entry.aliasArn,
      TargetKeyId: entry.targetKeyId,
      CreationDate: epochSeconds(entry.creationDate!),
      LastUpdatedDate: epochSeconds(entry.lastUpdatedDate!)
    }
/**
 * RotationDate and RotationType are absent for the original material and for
 * material PENDING_ROTATION; the import members appear only for EXTERNAL keys (§2.3).
 */
export const rotationsListEntry = (entry: KeyRotationEntry): WireObject =>
  wireObject({
    KeyId: entry.keyId,
    KeyMaterialId: entry.keyMaterialId,
    KeyMaterialDescription: entry.keyMaterialDescription,
    ImportState: entry.importState,
    KeyMaterialState: entry.keyMaterialState,
    ExpirationModel: entry.expirationModel,
    ValidTo: optionalEpochSeconds(entry.validTo),
    RotationDate: optionalEpochSeconds(entry.rotationDate),
    RotationType: entry.rotationType
  })
export const grantListEntry = (entry: GrantListEntry): WireObject =>
  wireObject({
    KeyId: entry.keyId,
    GrantId: entry.grantId,
    Name: entry.name,
    CreationDate: epochSeconds(entry.creationDate),
    GranteePrincipal: entry.granteePrincipal,
    RetiringPrincipal: entry.retiringPrincipal,
    IssuingAccount: entry.issuingAccount,
    Operations: entry.operations,
    Constraints: entry.constraints === undefined ? undefined : wireObject({
      EncryptionContextSubset: entry.constraints.encryptionContextSubset,
      EncryptionContextEquals: entry.constraints.encryptionContextEquals
    })
  })
export const rotationStatus = (status: KeyRotationStatus): WireObject =>
  wireObject({
    KeyRotationEnabled: status.keyRotationEnabled,
    KeyId: status.keyId,
    RotationPeriodInDays: status.rotationPeriodInDays,
    NextRotationDate: optionalEpochSeconds(status.nextRotationDate)
  })
/**
 * ReplicaTags only when the replica has tags: AWS sends no ReplicaTags member
 * for a ReplicateKey request without tags, where other lists (ReplicaKeys) go
 * out empty (ReplicateKey response,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html#API_ReplicateKey_ResponseSyntax).
 */
export const replicateKeyResult = (result: ReplicateKeyResult): WireObject =>
  wireObject({
    ReplicaKeyMetadata: encodeKeyMetadata(result.replicaKeyMetadata),
    ReplicaPolicy: result.replicaPolicy,
    ReplicaTags: result.replicaTags.length === 0 ? undefined : result.replicaTags.map(tag)
  })
