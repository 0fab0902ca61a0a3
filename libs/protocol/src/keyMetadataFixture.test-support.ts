import type { KeyMetadata } from "@trent/domain"

/** One symmetric key's metadata and its wire form, shared by the response tests. */
export const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"
export const ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY}`
export const MATERIAL = "a".repeat(64)

export const metadata: KeyMetadata = {
  awsAccountId: "111122223333",
  keyId: KEY,
  arn: ARN,
  creationDate: 1_700_000_000_123,
  enabled: true,
  description: "",
  keyUsage: "ENCRYPT_DECRYPT",
  keyState: "Enabled",
  deletionDate: undefined,
  origin: "AWS_KMS",
  keyManager: "CUSTOMER",
  customerMasterKeySpec: "SYMMETRIC_DEFAULT",
  keySpec: "SYMMETRIC_DEFAULT",
  encryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
  signingAlgorithms: undefined,
  macAlgorithms: undefined,
  keyAgreementAlgorithms: undefined,
  multiRegion: false,
  multiRegionConfiguration: undefined,
  pendingDeletionWindowInDays: undefined,
  expirationModel: undefined,
  validTo: undefined,
  currentKeyMaterialId: MATERIAL
}

export const wireMetadata = {
  AWSAccountId: "111122223333",
  KeyId: KEY,
  Arn: ARN,
  CreationDate: 1_700_000_000.123,
  Enabled: true,
  Description: "",
  KeyUsage: "ENCRYPT_DECRYPT",
  KeyState: "Enabled",
  Origin: "AWS_KMS",
  KeyManager: "CUSTOMER",
  CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
  KeySpec: "SYMMETRIC_DEFAULT",
  EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
  MultiRegion: false,
  CurrentKeyMaterialId: MATERIAL
}
