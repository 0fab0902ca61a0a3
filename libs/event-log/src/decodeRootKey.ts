import { SecretBytes } from "@trent/crypto"
import { Result } from "effect"
import { Base64 } from "effect/encoding"
import { RootKeyError } from "./RootKeyError.ts"

/** AES-256. */
export const rootKeyLength = 32

/**
 * Decodes the text form of a root key: strict base64 (RFC 4648; no stray
 * characters skipped, as Buffer.from would) of exactly 32 bytes, surrounding
 * whitespace ignored. `source` names where the text came from, for the error.
 */
export const decodeRootKey = (text: string, source: string): Result.Result<SecretBytes, RootKeyError> => {
  const decoded = Base64.decode(text.trim())
  if (Result.isFailure(decoded)) {
    return Result.fail(new RootKeyError({ message: `${source} is not valid base64` }))
  }
  const bytes = decoded.success
  if (bytes.length !== rootKeyLength) {
    bytes.fill(0)
    return Result.fail(
      new RootKeyError({
        message: `${source} must be the base64 encoding of exactly ${rootKeyLength} bytes (AES-256), it decodes to ${bytes.length}`
      })
    )
  }
  return Result.succeed(SecretBytes.adopt(bytes))
}
