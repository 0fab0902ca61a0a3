import type { KeyMetadata, MultiRegionConfiguration, MultiRegionKey } from "@trent/domain"
import { epochSeconds, optionalEpochSeconds, wireObject, type WireObject } from "./WireValues.ts"

const multiRegionKey = (key: MultiRegionKey): WireObject => ({ Arn: key.arn, Region: key.region })

/** A new primary has `ReplicaKeys: []`: the list is sent even when empty (§2.2). */
const multiRegionConfiguration = (configuration: MultiRegionConfiguration): WireObject => ({
  MultiRegionKeyType: configuration.multiRegionKeyType,
  PrimaryKey: multiRegionKey(configuration.primaryKey),
  ReplicaKeys: configuration.replicaKeys.map(multiRegionKey)
})

/**
 * KeyMetadata (aws-kms-api.md §2.2) in the model's member order. Members the
 * key does not have (DeletionDate unless PendingDeletion, ValidTo and
 * ExpirationModel unless imported material says so, the algorithm lists other
 * than the one its usage has, CustomerMasterKeySpec for specs the deprecated
 * enum lacks, MultiRegionConfiguration for single-Region keys,
 * PendingDeletionWindowInDays unless PendingReplicaDeletion,
 * CurrentKeyMaterialId) are left out.
 */
export const encodeKeyMetadata = (metadata: KeyMetadata): WireObject =>
  wireObject({
    AWSAccountId: metadata.awsAccountId,
    KeyId: metadata.keyId,
    Arn: metadata.arn,
    CreationDate: epochSeconds(metadata.creationDate),
    Enabled: metadata.enabled,
    Description: metadata.description,
    KeyUsage: metadata.keyUsage,
    KeyState: metadata.keyState,
    DeletionDate: optionalEpochSeconds(metadata.deletionDate),
    ValidTo: optionalEpochSeconds(metadata.validTo),
    Origin: metadata.origin,
    CustomKeyStoreId: metadata.customKeyStoreId,
    ExpirationModel: metadata.expirationModel,
    KeyManager: metadata.keyManager,
    CustomerMasterKeySpec: metadata.customerMasterKeySpec,
    KeySpec: metadata.keySpec,
    EncryptionAlgorithms: metadata.encryptionAlgorithms,
    SigningAlgorithms: metadata.signingAlgorithms,
    KeyAgreementAlgorithms: metadata.keyAgreementAlgorithms,
    MultiRegion: metadata.multiRegion,
    MultiRegionConfiguration: metadata.multiRegionConfiguration === undefined
      ? undefined
      : multiRegionConfiguration(metadata.multiRegionConfiguration),
    PendingDeletionWindowInDays: metadata.pendingDeletionWindowInDays,
    MacAlgorithms: metadata.macAlgorithms,
    XksKeyConfiguration: metadata.xksKeyId === undefined ? undefined : { Id: metadata.xksKeyId },
    CurrentKeyMaterialId: metadata.currentKeyMaterialId
  })
