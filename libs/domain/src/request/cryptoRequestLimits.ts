import { dataKeySpecBytes } from "@trent/crypto"
import { Effect } from "effect"
import { InvalidRequest } from "../KeyErrors.ts"
import type { DataKeySpec } from "../KeySpec.ts"
import { maxLength, maxValue, minLength, minValue, validationMessage } from "../ValidationMessage.ts"

/**
 * The size limits of the cryptographic operations' blobs: Plaintext 1..4096 bytes
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html), CiphertextBlob 1..6144 bytes
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html) and NumberOfBytes 1..1024
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html), answered as
 * ValidationException messages.
 */
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

/**
 * GenerateDataKey's length: exactly one of NumberOfBytes and KeySpec
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html#KMS-GenerateDataKey-request-KeySpec).
 */
export const dataKeyLength = (request: {
  readonly numberOfBytes?: number | undefined
  readonly keySpec?: DataKeySpec | undefined
}): Effect.Effect<number, InvalidRequest> => {
  if (request.keySpec !== undefined) {
    return request.numberOfBytes === undefined
      ? Effect.succeed(dataKeySpecBytes[request.keySpec])
      : Effect.fail(new InvalidRequest({ message: "Please specify either number of bytes or key spec." }))
  }
  return request.numberOfBytes === undefined
    ? Effect.fail(new InvalidRequest({ message: "Please specify either number of bytes or key spec." }))
    : checkNumberOfBytes(request.numberOfBytes)
}
