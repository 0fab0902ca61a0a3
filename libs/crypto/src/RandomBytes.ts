import { Effect } from "effect"
import type { InvalidCryptoParameter } from "./CryptoErrors.ts"
import { needs } from "./needs.ts"
import { WebCrypto } from "./WebCrypto.ts"

/** NumberOfBytes for GenerateRandom and GenerateDataKey: 1 to 1024 (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html). */
export const NUMBER_OF_BYTES_MIN = 1
export const NUMBER_OF_BYTES_MAX = 1024

/** Fresh bytes from the injected WebCrypto CSPRNG (any count up to 65536, its per-call limit). */
export const randomBytes = (length: number): Effect.Effect<Uint8Array, never, WebCrypto> =>
  WebCrypto.useSync((webCrypto) => webCrypto.getRandomValues(new Uint8Array(length)))

export const checkNumberOfBytes = (numberOfBytes: number): Effect.Effect<number, InvalidCryptoParameter> =>
  Effect.as(
    needs(
      Number.isInteger(numberOfBytes) && numberOfBytes >= NUMBER_OF_BYTES_MIN && numberOfBytes <= NUMBER_OF_BYTES_MAX,
      `NumberOfBytes must be an integer from ${NUMBER_OF_BYTES_MIN} to ${NUMBER_OF_BYTES_MAX}, got ${numberOfBytes}`
    ),
    numberOfBytes
  )

/** GenerateRandom: `numberOfBytes` (1..1024) random bytes. Not secret once returned to the caller. */
export const generateRandomBytes = (
  numberOfBytes: number
): Effect.Effect<Uint8Array, InvalidCryptoParameter, WebCrypto> =>
  Effect.flatMap(checkNumberOfBytes(numberOfBytes), randomBytes)
