/**
 * The actions a principal of another account may ever be allowed on a KMS
 * key. Each operation's page in the AWS KMS API Reference states "Cross-account
 * use: Yes" for exactly these; every other operation says "Cross-account use:
 * No. You cannot perform this operation on a KMS key in a different AWS
 * account", whatever the key policy and the caller's IAM policies allow (KMS
 * Developer Guide, "Allowing users in other accounts to use a KMS key": the
 * key policy can give another account "only" these permissions). ReEncrypt is
 * authorized as kms:ReEncryptFrom and kms:ReEncryptTo.
 */
export const crossAccountActions: ReadonlySet<string> = new Set([
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:GenerateMac",
  "kms:GetPublicKey",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:Sign",
  "kms:Verify",
  "kms:VerifyMac",
  "kms:DeriveSharedSecret",
  "kms:CreateGrant",
  "kms:ListGrants",
  "kms:RetireGrant",
  "kms:RevokeGrant",
  "kms:GetKeyRotationStatus"
])

const lowerCase = new Set([...crossAccountActions].map((action) => action.toLowerCase()))

/** IAM action names are case-insensitive (IAM User Guide, "IAM JSON policy elements: Action"). */
export const allowedAcrossAccounts = (action: string): boolean => lowerCase.has(action.toLowerCase())
