import type { KeyMetadata } from "@trent/domain"
import { epochSeconds, optionalEpochSeconds, wireObject, type WireObject } from "./WireValues.ts"

/**
 * KeyMetadata (aws-kms-api.md §2.2) in the model's member order. Members the
 * key does not have (DeletionDate unless PendingDeletion, the algorithm lists
 * other than the one its usage has, CustomerMasterKeySpec for specs the
 * deprecated enum lacks, CurrentKeyMaterialId) are left out.
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
    Origin: metadata.origin,
    KeyManager: metadata.keyManager,
    CustomerMasterKeySpec: metadata.customerMasterKeySpec,
    KeySpec: metadata.keySpec,
    EncryptionAlgorithms: metadata.encryptionAlgorithms,
    SigningAlgorithms: metadata.signingAlgorithms,
    KeyAgreementAlgorithms: metadata.keyAgreementAlgorithms,
    MultiRegion: metadata.multiRegion,
    MacAlgorithms: metadata.macAlgorithms,
    CurrentKeyMaterialId: metadata.currentKeyMaterialId
  })
