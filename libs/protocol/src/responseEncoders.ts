import type { KeyRotationEntry, KeyRotationStatus, Tag } from "@trent/domain"
import { customKeyStoreEntry } from "./encodeCustomKeyStore.ts"
import { encodeKeyMetadata } from "./encodeKeyMetadata.ts"
import { encodePaged } from "./PagedList.ts"
import type { AliasListEntry, GrantListEntry, ListKeysEntry, ReplicateKeyResult } from "./RegionResults.ts"
import type { ResponseOf, ServedOperation } from "./ServedOperation.ts"
import { blobToWire, epochSeconds, optionalEpochSeconds, secretToWire, wireObject, type WireObject } from "./WireValues.ts"

/**
 * Every served operation's response encoder (aws-kms-api.md §3): PascalCase
 * members exactly as the model names them. `KeyId` in crypto and deletion
 * responses is the key ARN, as the Region returns it (§2.1).
 */
type ResponseEncoders = { readonly [Op in ServedOperation]: (result: ResponseOf<Op>) => WireObject }

const noOutput = (): WireObject => ({})
const keyIdOnly = (result: { readonly keyId: string }): WireObject => ({ KeyId: result.keyId })
const keyMaterial = (result: { readonly keyId: string; readonly keyMaterialId: string }): WireObject => ({
  KeyId: result.keyId,
  KeyMaterialId: result.keyMaterialId
})

const keyListEntry = (entry: ListKeysEntry): WireObject => ({ KeyId: entry.keyId, KeyArn: entry.keyArn })
const tag = (entry: Tag): WireObject => ({ TagKey: entry.tagKey, TagValue: entry.tagValue })
/** A predefined `alias/aws/…` whose AWS managed key does not exist yet has only AliasName and AliasArn, as AWS lists it. */
const aliasListEntry = (entry: AliasListEntry): WireObject =>
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
const rotationsListEntry = (entry: KeyRotationEntry): WireObject =>
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
const grantListEntry = (entry: GrantListEntry): WireObject =>
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
const rotationStatus = (status: KeyRotationStatus): WireObject =>
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
const replicateKey = (result: ReplicateKeyResult): WireObject =>
  wireObject({
    ReplicaKeyMetadata: encodeKeyMetadata(result.replicaKeyMetadata),
    ReplicaPolicy: result.replicaPolicy,
    ReplicaTags: result.replicaTags.length === 0 ? undefined : result.replicaTags.map(tag)
  })

export const responseEncoders: ResponseEncoders = {
  CreateKey: (metadata) => ({ KeyMetadata: encodeKeyMetadata(metadata) }),
  DescribeKey: (metadata) => ({ KeyMetadata: encodeKeyMetadata(metadata) }),
  ListKeys: (page) => encodePaged("Keys", page, keyListEntry),
  EnableKey: noOutput,
  DisableKey: noOutput,
  ScheduleKeyDeletion: (result) =>
    wireObject({
      KeyId: result.keyId,
      DeletionDate: optionalEpochSeconds(result.deletionDate),
      KeyState: result.keyState,
      PendingWindowInDays: result.pendingWindowInDays
    }),
  CancelKeyDeletion: keyIdOnly,
  UpdateKeyDescription: noOutput,
  EnableKeyRotation: noOutput,
  DisableKeyRotation: noOutput,
  GetKeyRotationStatus: rotationStatus,
  RotateKeyOnDemand: keyIdOnly,
  ListKeyRotations: (page) => encodePaged("Rotations", page, rotationsListEntry),
  TagResource: noOutput,
  UntagResource: noOutput,
  ListResourceTags: (page) => encodePaged("Tags", page, tag),
  PutKeyPolicy: noOutput,
  GetKeyPolicy: (result) => ({ Policy: result.policy, PolicyName: result.policyName }),
  ListKeyPolicies: (page) => encodePaged("PolicyNames", page, (name) => name),
  CreateAlias: noOutput,
  UpdateAlias: noOutput,
  DeleteAlias: noOutput,
  ListAliases: (page) => encodePaged("Aliases", page, aliasListEntry),
  Encrypt: (result) => ({
    CiphertextBlob: blobToWire(result.ciphertextBlob),
    KeyId: result.keyId,
    EncryptionAlgorithm: result.encryptionAlgorithm
  }),
  Decrypt: (result) =>
    wireObject({
      KeyId: result.keyId,
      Plaintext: secretToWire(result.plaintext),
      EncryptionAlgorithm: result.encryptionAlgorithm,
      KeyMaterialId: result.keyMaterialId
    }),
  ReEncrypt: (result) => wireObject({
    CiphertextBlob: blobToWire(result.ciphertextBlob),
    SourceKeyId: result.sourceKeyId,
    KeyId: result.keyId,
    SourceEncryptionAlgorithm: result.sourceEncryptionAlgorithm,
    DestinationEncryptionAlgorithm: result.destinationEncryptionAlgorithm,
    SourceKeyMaterialId: result.sourceKeyMaterialId,
    DestinationKeyMaterialId: result.destinationKeyMaterialId
  }),
  GenerateDataKey: (result) => ({
    CiphertextBlob: blobToWire(result.ciphertextBlob),
    Plaintext: secretToWire(result.plaintext),
    KeyId: result.keyId,
    KeyMaterialId: result.keyMaterialId
  }),
  GenerateDataKeyWithoutPlaintext: (result) => ({
    CiphertextBlob: blobToWire(result.ciphertextBlob),
    KeyId: result.keyId,
    KeyMaterialId: result.keyMaterialId
  }),
  GenerateRandom: (result) => ({ Plaintext: secretToWire(result.plaintext) }),
  GenerateDataKeyPair: (result) => ({
    PrivateKeyCiphertextBlob: blobToWire(result.privateKeyCiphertextBlob),
    PrivateKeyPlaintext: secretToWire(result.privateKeyPlaintext),
    PublicKey: blobToWire(result.publicKey),
    KeyId: result.keyId,
    KeyPairSpec: result.keyPairSpec,
    KeyMaterialId: result.keyMaterialId
  }),
  GenerateDataKeyPairWithoutPlaintext: (result) => ({
    PrivateKeyCiphertextBlob: blobToWire(result.privateKeyCiphertextBlob),
    PublicKey: blobToWire(result.publicKey),
    KeyId: result.keyId,
    KeyPairSpec: result.keyPairSpec,
    KeyMaterialId: result.keyMaterialId
  }),
  Sign: (result) => ({
    KeyId: result.keyId,
    Signature: blobToWire(result.signature),
    SigningAlgorithm: result.signingAlgorithm
  }),
  Verify: (result) => ({
    KeyId: result.keyId,
    SignatureValid: result.signatureValid,
    SigningAlgorithm: result.signingAlgorithm
  }),
  GetPublicKey: (result) =>
    wireObject({
      KeyId: result.keyId,
      PublicKey: blobToWire(result.publicKey),
      CustomerMasterKeySpec: result.customerMasterKeySpec,
      KeySpec: result.keySpec,
      KeyUsage: result.keyUsage,
      EncryptionAlgorithms: result.encryptionAlgorithms,
      SigningAlgorithms: result.signingAlgorithms,
      KeyAgreementAlgorithms: result.keyAgreementAlgorithms
    }),
  GenerateMac: (result) => ({ Mac: blobToWire(result.mac), MacAlgorithm: result.macAlgorithm, KeyId: result.keyId }),
  VerifyMac: (result) => ({ KeyId: result.keyId, MacValid: result.macValid, MacAlgorithm: result.macAlgorithm }),
  DeriveSharedSecret: (result) => ({
    KeyId: result.keyId,
    SharedSecret: secretToWire(result.sharedSecret),
    KeyAgreementAlgorithm: result.keyAgreementAlgorithm,
    KeyOrigin: result.keyOrigin
  }),
  CreateGrant: (result) => ({ GrantToken: result.grantToken, GrantId: result.grantId }),
  ListGrants: (page) => encodePaged("Grants", page, grantListEntry),
  ListRetirableGrants: (page) => encodePaged("Grants", page, grantListEntry),
  RetireGrant: noOutput,
  RevokeGrant: noOutput,
  GetKeyLastUsage: (result) =>
    wireObject({
      KeyId: result.keyId,
      KeyLastUsage: result.keyLastUsage === undefined ? {} : {
        Operation: result.keyLastUsage.operation,
        Timestamp: epochSeconds(result.keyLastUsage.timestamp),
        CloudTrailEventId: result.keyLastUsage.cloudTrailEventId,
        KmsRequestId: result.keyLastUsage.kmsRequestId
      },
      TrackingStartDate: epochSeconds(result.trackingStartDate),
      KeyCreationDate: epochSeconds(result.keyCreationDate)
    }),
  ReplicateKey: replicateKey,
  UpdatePrimaryRegion: noOutput,
  GetParametersForImport: (result) => ({
    KeyId: result.keyId,
    ImportToken: blobToWire(result.importToken),
    PublicKey: blobToWire(result.publicKey),
    ParametersValidTo: epochSeconds(result.parametersValidTo)
  }),
  ImportKeyMaterial: keyMaterial,
  DeleteImportedKeyMaterial: keyMaterial,
  CreateCustomKeyStore: (result) => ({ CustomKeyStoreId: result.customKeyStoreId }),
  DescribeCustomKeyStores: (page) => encodePaged("CustomKeyStores", page, customKeyStoreEntry),
  UpdateCustomKeyStore: noOutput,
  ConnectCustomKeyStore: noOutput,
  DisconnectCustomKeyStore: noOutput,
  DeleteCustomKeyStore: noOutput
}
