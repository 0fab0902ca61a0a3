import { Effect } from "effect"
import type { LiveKey } from "../Key.ts"
import { InvalidKeyUsage, InvalidRequest } from "../KeyErrors.ts"
import { arnOfKey } from "../keyViews.ts"
import type { EncryptionAlgorithm, KeyUsage } from "../KeySpec.ts"
import { keySpecRules } from "../KeySpecRules.ts"

/**
 * The operation needs a key of this usage: `<ARN> key usage is <U> which is not valid for <Op>.`
 * (InvalidKeyUsageException, https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html#API_Encrypt_Errors).
 */
export const checkUsage = (state: LiveKey, operation: string, usage: KeyUsage): Effect.Effect<void, InvalidKeyUsage> =>
  state.key.keyUsage === usage
    ? Effect.void
    : Effect.fail(
      new InvalidKeyUsage({
        message: `${arnOfKey(state.key)} key usage is ${state.key.keyUsage} which is not valid for ${operation}.`
      })
    )

/** The algorithm must be one of the key spec's: `Algorithm <A> is incompatible with key spec <S>.` (InvalidKeyUsageException). */
export const checkAlgorithm = <A extends string>(
  state: LiveKey,
  algorithm: A,
  allowed: ReadonlyArray<string>
): Effect.Effect<A, InvalidKeyUsage> =>
  allowed.includes(algorithm)
    ? Effect.succeed(algorithm)
    : Effect.fail(new InvalidKeyUsage({ message: `Algorithm ${algorithm} is incompatible with key spec ${state.key.keySpec}.` }))

/**
 * Encrypt, Decrypt and ReEncrypt: an ENCRYPT_DECRYPT key and one of its spec's
 * encryption algorithms, SYMMETRIC_DEFAULT when none is named
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html#KMS-Encrypt-request-EncryptionAlgorithm) — so an RSA key
 * without an algorithm gets AWS's "Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_4096."
 */
export const checkEncryptionUse = (
  state: LiveKey,
  operation: string,
  algorithm: EncryptionAlgorithm | undefined
): Effect.Effect<EncryptionAlgorithm, InvalidKeyUsage> =>
  Effect.flatMap(
    checkUsage(state, operation, "ENCRYPT_DECRYPT"),
    () => checkAlgorithm(state, algorithm ?? "SYMMETRIC_DEFAULT", keySpecRules[state.key.keySpec].encryptionAlgorithms)
  )

/**
 * Data keys and data key pairs: a symmetric encryption key only
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html#KMS-GenerateDataKey-request-KeyId).
 */
export const checkSymmetricUse = (state: LiveKey, operation: string): Effect.Effect<void, InvalidKeyUsage> =>
  Effect.asVoid(checkEncryptionUse(state, operation, undefined))

/**
 * Asymmetric and HMAC keys take no encryption context
 * (https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html).
 */
export const refuseContext = (state: LiveKey, context: Readonly<Record<string, string>> | undefined) =>
  context === undefined || Object.keys(context).length === 0
    ? Effect.void
    : Effect.fail(new InvalidRequest({ message: `EncryptionContext is not supported for KMS keys with key spec ${state.key.keySpec}.` }))
