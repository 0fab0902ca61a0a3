import type { GrantConstraints, GrantOperation } from "./Grant.ts"
import { InvalidRequest } from "./PolicyErrors.ts"

/** The families of keys the grant-operation table distinguishes (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html). */
export const GrantKeyKinds = ["SymmetricEncryption", "AsymmetricEncryption", "SignVerify", "Hmac", "KeyAgreement"] as const
export type GrantKeyKind = (typeof GrantKeyKinds)[number]

/** The kind of key a KeySpec and KeyUsage make (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html). */
export const grantKeyKind = (keySpec: string, keyUsage: string): GrantKeyKind => {
  switch (keyUsage) {
    case "SIGN_VERIFY":
      return "SignVerify"
    case "GENERATE_VERIFY_MAC":
      return "Hmac"
    case "KEY_AGREEMENT":
      return "KeyAgreement"
    default:
      return keySpec === "SYMMETRIC_DEFAULT" ? "SymmetricEncryption" : "AsymmetricEncryption"
  }
}

/** "Any key: CreateGrant, DescribeKey, RetireGrant" — the operations that are not cryptographic. */
const AnyKeyOperations: ReadonlyArray<GrantOperation> = ["CreateGrant", "DescribeKey", "RetireGrant"]

/**
 * Grant operations each kind of key accepts, the table of https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
 * (KMS Developer Guide, "Grants in AWS KMS" › "Grant operations").
 */
export const grantOperationsByKeyKind: Readonly<Record<GrantKeyKind, ReadonlyArray<GrantOperation>>> = Object.freeze({
  SymmetricEncryption: [
    "Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
    "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", ...AnyKeyOperations
  ],
  AsymmetricEncryption: ["Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GetPublicKey", ...AnyKeyOperations],
  SignVerify: ["Sign", "Verify", "GetPublicKey", ...AnyKeyOperations],
  Hmac: ["GenerateMac", "VerifyMac", ...AnyKeyOperations],
  KeyAgreement: ["DeriveSharedSecret", "GetPublicKey", ...AnyKeyOperations]
})

const keyKindNames: Readonly<Record<GrantKeyKind, string>> = {
  SymmetricEncryption: "a symmetric encryption KMS key",
  AsymmetricEncryption: "an asymmetric encryption KMS key",
  SignVerify: "a KMS key with SIGN_VERIFY key usage",
  Hmac: "an HMAC KMS key",
  KeyAgreement: "a KMS key with KEY_AGREEMENT key usage"
}

/**
 * CreateGrant's checks on Operations and Constraints, answered as
 * ValidationException:
 * - only CreateGrant: "Grants must not contain only the CreateGrant operation."
 *   (obs: AWS's answer quoted in ansible/ansible#31960);
 * - an operation the key's kind does not support (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html; the text
 *   is Trent's, AWS's is not on record);
 * - constraints on an asymmetric, HMAC or key-agreement key's cryptographic
 *   operations: "You cannot use an encryption context grant constraint for
 *   cryptographic operations with asymmetric KMS keys or HMAC KMS keys" (API
 *   Reference, "CreateGrant" › Constraints; Trent's text).
 */
export const validateGrantOperations = (
  keyKind: GrantKeyKind,
  operations: ReadonlyArray<GrantOperation>,
  constraints?: GrantConstraints
): InvalidRequest | undefined => {
  if (operations.length > 0 && operations.every((operation) => operation === "CreateGrant")) {
    return new InvalidRequest({ message: "Grants must not contain only the CreateGrant operation." })
  }
  const allowed = grantOperationsByKeyKind[keyKind]
  const invalid = [...new Set(operations.filter((operation) => !allowed.includes(operation)))]
  if (invalid.length > 0) {
    return new InvalidRequest({
      message: `Grant operations [${invalid.join(", ")}] are not valid for ${keyKindNames[keyKind]}.`
    })
  }
  const constrained =
    constraints !== undefined &&
    (constraints.encryptionContextSubset !== undefined || constraints.encryptionContextEquals !== undefined)
  const cryptographic = operations.some((operation) => !AnyKeyOperations.includes(operation))
  if (constrained && keyKind !== "SymmetricEncryption" && cryptographic) {
    return new InvalidRequest({
      message: `Encryption context grant constraints are not supported for ${keyKindNames[keyKind]}.`
    })
  }
  return undefined
}
