import {
  arnOfKey,
  DryRunSucceeded,
  type EncryptionAlgorithm,
  InvalidKeyUsage,
  InvalidRequest,
  type KeyUsage,
  keySpecRules,
  type LiveKey,
  maxLength,
  maxValue,
  minLength,
  minValue,
  validationMessage
} from "@trent/domain"
import { Effect } from "effect"

/** Request checks shared by the symmetric cryptographic operations (aws-kms-api.md §2.4, §5, §7.7, §7.11). */
export const MAX_PLAINTEXT_BYTES = 4096
export const MAX_CIPHERTEXT_BYTES = 6144
export const MAX_NUMBER_OF_BYTES = 1024

const blobLength = (path: string, bytes: Uint8Array, max: number): Effect.Effect<void, InvalidRequest> => {
  if (bytes.length < 1) {
    return Effect.fail(new InvalidRequest({ message: validationMessage([{ path, value: undefined, rule: minLength(1) }]) }))
  }
  if (bytes.length > max) {
    return Effect.fail(new InvalidRequest({ message: validationMessage([{ path, value: undefined, rule: maxLength(max) }]) }))
  }
  return Effect.void
}

export const checkPlaintext = (plaintext: Uint8Array) => blobLength("plaintext", plaintext, MAX_PLAINTEXT_BYTES)

export const requireCiphertext = (ciphertext: Uint8Array | undefined, path = "ciphertextBlob") =>
  ciphertext === undefined
    ? Effect.fail(new InvalidRequest({ message: validationMessage([{ path, value: undefined, rule: "not be null" }]) }))
    : Effect.as(blobLength(path, ciphertext, MAX_CIPHERTEXT_BYTES), ciphertext)

export const checkNumberOfBytes = (numberOfBytes: number): Effect.Effect<number, InvalidRequest> => {
  const path = "numberOfBytes"
  if (!Number.isInteger(numberOfBytes) || numberOfBytes < 1) {
    return Effect.fail(new InvalidRequest({ message: validationMessage([{ path, value: numberOfBytes, rule: minValue(1) }]) }))
  }
  if (numberOfBytes > MAX_NUMBER_OF_BYTES) {
    return Effect.fail(
      new InvalidRequest({ message: validationMessage([{ path, value: numberOfBytes, rule: maxValue(MAX_NUMBER_OF_BYTES) }]) })
    )
  }
  return Effect.succeed(numberOfBytes)
}

/** The operation needs a key of this usage (obs: `<ARN> key usage is <U> which is not valid for <Op>.`, §5.1). */
export const checkUsage = (state: LiveKey, operation: string, usage: KeyUsage): Effect.Effect<void, InvalidKeyUsage> =>
  state.key.keyUsage === usage
    ? Effect.void
    : Effect.fail(
      new InvalidKeyUsage({
        message: `${arnOfKey(state.key)} key usage is ${state.key.keyUsage} which is not valid for ${operation}.`
      })
    )

/** The algorithm must be one of the key spec's (obs: `Algorithm <A> is incompatible with key spec <S>.`, §5.1). */
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
 * encryption algorithms, SYMMETRIC_DEFAULT when none is named — so an RSA key
 * without an algorithm gets AWS's "Algorithm SYMMETRIC_DEFAULT is incompatible
 * with key spec RSA_4096." (obs).
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

/** Data keys and data key pairs: a symmetric encryption key only (§3.3). */
export const checkSymmetricUse = (state: LiveKey, operation: string): Effect.Effect<void, InvalidKeyUsage> =>
  Effect.asVoid(checkEncryptionUse(state, operation, undefined))

/** Asymmetric and HMAC keys take no encryption context (§7.4). */
export const refuseContext = (state: LiveKey, context: Readonly<Record<string, string>> | undefined) =>
  context === undefined || Object.keys(context).length === 0
    ? Effect.void
    : Effect.fail(new InvalidRequest({ message: `EncryptionContext is not supported for KMS keys with key spec ${state.key.keySpec}.` }))

/** DryRun: every check has passed; report success as AWS does, and change nothing. */
export const dryRunSucceeded: Effect.Effect<never, DryRunSucceeded> = Effect.suspend(() =>
  Effect.fail(new DryRunSucceeded({ message: "The request would have succeeded, but the DryRun option is set." }))
)

export const stopIfDryRun = (dryRun: boolean | undefined): Effect.Effect<void, DryRunSucceeded> =>
  dryRun === true ? dryRunSucceeded : Effect.void
