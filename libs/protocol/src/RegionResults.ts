import type { SecretBytes } from "@trent/crypto"
import type { CustomerMasterKeySpec, DataKeyPairSpec, EncryptionAlgorithm, KeyAgreementAlgorithm, KeyMetadata, KeySpec, KeyUsage, MacAlgorithm, Origin, SigningAlgorithm, Tag } from "@trent/domain"

/**
 * The result of each operation of the Region API: times are epoch
 * milliseconds, blobs are bytes, secrets are SecretBytes. Defined here, once:
 * the runtime's RegionApi returns them and the encoders accept exactly these.
 */
export interface Paged<Item> {
  readonly items: ReadonlyArray<Item>
  readonly nextMarker: string | undefined
  readonly truncated: boolean
}
export interface ListKeysEntry {
  readonly keyId: string
  readonly keyArn: string
}
/** The three times and target are absent together: a predefined `alias/aws/<service>` before its key exists. */
export interface AliasListEntry {
  readonly aliasName: string
  readonly aliasArn: string
  readonly targetKeyId: string | undefined
  readonly creationDate: number | undefined
  readonly lastUpdatedDate: number | undefined
}
/** A multi-Region primary with replicas waits in PendingReplicaDeletion, without a DeletionDate (aws-kms-api.md §7.1). */
export interface ScheduleKeyDeletionResult {
  readonly keyId: string
  readonly deletionDate: number | undefined
  readonly keyState: "PendingDeletion" | "PendingReplicaDeletion"
  readonly pendingWindowInDays: number
}
export interface EncryptResult {
  readonly ciphertextBlob: Uint8Array
  readonly keyId: string
  readonly encryptionAlgorithm: EncryptionAlgorithm
}
/** KeyMaterialId is for symmetric keys only (aws-kms-api.md §3.2). */
export interface DecryptResult {
  readonly keyId: string
  readonly plaintext: SecretBytes
  readonly encryptionAlgorithm: EncryptionAlgorithm
  readonly keyMaterialId: string | undefined
}
export interface ReEncryptResult {
  readonly ciphertextBlob: Uint8Array
  readonly sourceKeyId: string
  readonly keyId: string
  readonly sourceEncryptionAlgorithm: EncryptionAlgorithm
  readonly destinationEncryptionAlgorithm: EncryptionAlgorithm
  readonly sourceKeyMaterialId: string | undefined
  readonly destinationKeyMaterialId: string | undefined
}
export interface GenerateDataKeyResult {
  readonly ciphertextBlob: Uint8Array
  readonly plaintext: SecretBytes
  readonly keyId: string
  readonly keyMaterialId: string
}

/** A data key pair: the private key is PKCS#8 DER, sealed like any data key under the symmetric key (§3.3). */
export interface GenerateDataKeyPairResult {
  readonly privateKeyCiphertextBlob: Uint8Array
  readonly privateKeyPlaintext: SecretBytes
  readonly publicKey: Uint8Array
  readonly keyId: string
  readonly keyPairSpec: DataKeyPairSpec
  readonly keyMaterialId: string
}
export interface SignResult {
  readonly keyId: string
  readonly signature: Uint8Array
  readonly signingAlgorithm: SigningAlgorithm
}
export interface VerifyResult {
  readonly keyId: string
  readonly signatureValid: true
  readonly signingAlgorithm: SigningAlgorithm
}
export interface GenerateMacResult {
  readonly mac: Uint8Array
  readonly macAlgorithm: MacAlgorithm
  readonly keyId: string
}
export interface VerifyMacResult {
  readonly keyId: string
  readonly macValid: true
  readonly macAlgorithm: MacAlgorithm
}
export interface DeriveSharedSecretResult {
  readonly keyId: string
  readonly sharedSecret: SecretBytes
  readonly keyAgreementAlgorithm: KeyAgreementAlgorithm
  readonly keyOrigin: Origin
}
/** GetPublicKey shows only the one algorithm list that matches the key's usage (§3.2). */
export interface GetPublicKeyResult {
  readonly keyId: string
  readonly publicKey: Uint8Array
  readonly customerMasterKeySpec: CustomerMasterKeySpec | undefined
  readonly keySpec: KeySpec
  readonly keyUsage: KeyUsage
  readonly encryptionAlgorithms: ReadonlyArray<EncryptionAlgorithm> | undefined
  readonly signingAlgorithms: ReadonlyArray<SigningAlgorithm> | undefined
  readonly keyAgreementAlgorithms: ReadonlyArray<KeyAgreementAlgorithm> | undefined
}

/** GrantListEntry (§2.3): KeyId is the key ARN; IssuingAccount the issuing account's root ARN. */
export interface GrantListEntry {
  readonly keyId: string
  readonly grantId: string
  readonly name: string | undefined
  readonly creationDate: number
  readonly granteePrincipal: string
  readonly retiringPrincipal: string | undefined
  readonly issuingAccount: string
  readonly operations: ReadonlyArray<string>
  readonly constraints: {
    readonly encryptionContextSubset?: Readonly<Record<string, string>> | undefined
    readonly encryptionContextEquals?: Readonly<Record<string, string>> | undefined
  } | undefined
}

/** GetKeyLastUsage (aws-kms-api.md §3.1), answered from the Region's audit trail. */
export interface KeyLastUsageResult {
  readonly keyId: string
  readonly keyLastUsage: {
    readonly operation: string
    readonly timestamp: number
    readonly cloudTrailEventId: string
    readonly kmsRequestId: string
  } | undefined
  readonly trackingStartDate: number
  readonly keyCreationDate: number
}

/** ReplicateKey (aws-kms-api.md §3.9): the new replica, its policy and its tags. */
export interface ReplicateKeyResult {
  readonly replicaKeyMetadata: KeyMetadata
  readonly replicaPolicy: string
  readonly replicaTags: ReadonlyArray<Tag>
}

/** GetParametersForImport (§3.10): KeyId is the key ARN; the token and wrapping key last until parametersValidTo. */
export interface GetParametersForImportResult {
  readonly keyId: string
  readonly importToken: Uint8Array
  readonly publicKey: Uint8Array
  readonly parametersValidTo: number
}

/** ImportKeyMaterial (§3.10): KeyId is the key ARN; KeyMaterialId the imported material's. */
export interface ImportKeyMaterialResult {
  readonly keyId: string
  readonly keyMaterialId: string
}

/** DeleteImportedKeyMaterial (§3.10): KeyId is the key ARN; KeyMaterialId the deleted material's. */
export interface DeleteImportedKeyMaterialResult {
  readonly keyId: string
  readonly keyMaterialId: string
}
