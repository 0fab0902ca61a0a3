import {
  arnOfKey,
  DryRunSucceeded,
  type EncryptionAlgorithm,
  InvalidKeyUsage,
  InvalidRequest,
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

/** The key must be a symmetric encryption key, and any algorithm named must be SYMMETRIC_DEFAULT (§5.1). */
export const checkSymmetricUse = (
  state: LiveKey,
  operation: string,
  algorithm: EncryptionAlgorithm | undefined
): Effect.Effect<void, InvalidKeyUsage> => {
  const { key } = state
  if (key.keyUsage !== "ENCRYPT_DECRYPT") {
    return Effect.fail(
      new InvalidKeyUsage({ message: `${arnOfKey(key)} key usage is ${key.keyUsage} which is not valid for ${operation}.` })
    )
  }
  if (algorithm !== undefined && algorithm !== "SYMMETRIC_DEFAULT") {
    return Effect.fail(new InvalidKeyUsage({ message: `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.` }))
  }
  return Effect.void
}

/** DryRun: every check has passed; report success as AWS does, and change nothing. */
export const dryRunSucceeded: Effect.Effect<never, DryRunSucceeded> = Effect.suspend(() =>
  Effect.fail(new DryRunSucceeded({ message: "The request would have succeeded, but the DryRun option is set." }))
)

export const stopIfDryRun = (dryRun: boolean | undefined): Effect.Effect<void, DryRunSucceeded> =>
  dryRun === true ? dryRunSucceeded : Effect.void
