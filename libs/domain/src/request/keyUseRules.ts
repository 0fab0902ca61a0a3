import { Effect } from "effect"
import type { LiveKey } from "../Key.ts"
import { InvalidKeyUsage, InvalidRequest } from "../KeyErrors.ts"
import { arnOfKey } from "../keyViews.ts"
import type { EncryptionAlgorithm, KeyUsage, MessageType, SigningAlgorithm } from "../KeySpec.ts"
import { EXTERNAL_MU_BYTES, keySpecRules, maxOaepPlaintext, signingAlgorithmRules } from "../KeySpecRules.ts"

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

/**
 * The checks Encrypt makes of an RSA key before any work: it takes no encryption context and at most
 * modulusBytes − 2·hashBytes − 2 bytes of plaintext
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html#KMS-Encrypt-request-Plaintext).
 */
export const checkSealable = (
  state: LiveKey,
  algorithm: EncryptionAlgorithm,
  plaintextLength: number,
  context: Readonly<Record<string, string>> | undefined
): Effect.Effect<void, InvalidRequest> => {
  const spec = state.key.keySpec
  const limit = maxOaepPlaintext(spec, algorithm)
  if (limit === undefined) return Effect.void
  return Effect.andThen(
    refuseContext(state, context),
    plaintextLength > limit
      ? Effect.fail(new InvalidRequest({
        message: `Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`
      }))
      : Effect.void
  )
}

/**
 * How a Sign or Verify message must look: a message type the algorithm takes, and a DIGEST or
 * EXTERNAL_MU message of exactly the algorithm's length: `Digest is invalid length for algorithm <ALG>.`
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html#KMS-Sign-request-MessageType).
 */
export const checkSigningMessage = (
  algorithm: SigningAlgorithm,
  messageType: MessageType,
  message: Uint8Array
): Effect.Effect<void, InvalidRequest> => {
  const rule = signingAlgorithmRules[algorithm]
  if (!rule.messageTypes.includes(messageType)) {
    return Effect.fail(new InvalidRequest({
      message: `The message type ${messageType} is not valid for the signing algorithm ${algorithm}. ` +
        `Valid message types: ${rule.messageTypes.join(", ")}.`
    }))
  }
  const exact = messageType === "DIGEST" ? rule.digestBytes : messageType === "EXTERNAL_MU" ? EXTERNAL_MU_BYTES : undefined
  return exact === undefined || message.length === exact
    ? Effect.void
    : Effect.fail(new InvalidRequest({ message: `Digest is invalid length for algorithm ${algorithm}.` }))
}
