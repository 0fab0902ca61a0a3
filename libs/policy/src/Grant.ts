import { Schema } from "effect"

/** GrantOperation, every value of the API model's enum (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html). */
export const GrantOperations = [
  "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo",
  "Sign", "Verify", "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey", "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext", "GenerateMac", "VerifyMac", "DeriveSharedSecret"
] as const
export const GrantOperation = Schema.Literals(GrantOperations)
export type GrantOperation = typeof GrantOperation.Type

export const EncryptionContext = Schema.Record(Schema.String, Schema.String)
export type EncryptionContext = typeof EncryptionContext.Type

/** GrantConstraints (API Reference, "GrantConstraints"). */
export const GrantConstraints = Schema.Struct({
  encryptionContextSubset: Schema.optional(EncryptionContext),
  encryptionContextEquals: Schema.optional(EncryptionContext)
})
export type GrantConstraints = typeof GrantConstraints.Type

export const Grant = Schema.Struct({
  grantId: Schema.String,
  granteePrincipal: Schema.String,
  retiringPrincipal: Schema.optional(Schema.String),
  operations: Schema.Array(GrantOperation),
  constraints: Schema.optional(GrantConstraints),
  /** The root ARN of the account that created the grant, as ListGrants shows it. */
  issuingAccount: Schema.String
})
export type Grant = typeof Grant.Type

/**
 * The grant operations that take an encryption context, the only ones grant
 * constraints apply to: "AWS KMS applies the grant constraints only to
 * cryptographic operations that support an encryption context … Grant
 * constraints are not applied to operations that do not support an encryption
 * context, such as cryptographic operations with asymmetric KMS keys and
 * management operations, such as DescribeKey or RetireGrant" (API Reference,
 * "GrantConstraints"). Constrained grants exist only on symmetric encryption
 * keys (see grantRules), so these are always symmetric operations there.
 */
export const OperationsWithEncryptionContext: ReadonlySet<GrantOperation> = new Set<GrantOperation>([
  "Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
  "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext"
])
