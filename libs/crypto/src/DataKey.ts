import { Effect } from "effect"
import type { InvalidCryptoParameter } from "./CryptoErrors.ts"
import { checkNumberOfBytes, randomBytes } from "./RandomBytes.ts"
import { SecretBytes } from "./SecretBytes.ts"
import type { WebCrypto } from "./WebCrypto.ts"

/** GenerateDataKey's KeySpec → NumberOfBytes (AWS KMS API reference, DataKeySpec). */
export const dataKeySpecBytes: { readonly AES_128: 16; readonly AES_256: 32 } = Object.freeze({
  AES_128: 16,
  AES_256: 32
})

/** The plaintext half of GenerateDataKey: `numberOfBytes` (1..1024) random secret bytes. */
export const generateDataKey = (
  numberOfBytes: number
): Effect.Effect<SecretBytes, InvalidCryptoParameter, WebCrypto> =>
  checkNumberOfBytes(numberOfBytes).pipe(
    Effect.flatMap(randomBytes),
    Effect.map(SecretBytes.adopt)
  )
