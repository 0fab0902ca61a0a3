import { Effect } from "effect"
import { concatBytes } from "./concatBytes.ts"
import { InvalidCiphertext } from "./CryptoErrors.ts"
import { isKeyId, KEY_ID_LENGTH } from "./KeyId.ts"

/**
 * The ciphertext blob of a key in an external key store: Trent's own
 * symmetric blob (CiphertextBlob.ts, made under the key's material with the
 * encryption context), then encrypted again by the external key through the
 * store's XKS proxy ("double encryption", External key stores, Developer Guide):
 *
 *   formatVersion (1 byte, 0x02) | keyId (36 ASCII)
 *   | metadataLength (1) | ciphertextMetadata | ivLength (1) | iv | tag (16)
 *   | outer ciphertext (the proxy's encryption of the inner blob)
 *
 * The header (version ‖ keyId) is the AAD given to the proxy, so the key it
 * names is bound by the external key as well as by the inner blob's own AAD.
 * Nothing here is trusted before the proxy and then Trent authenticate it.
 */
export const DOUBLE_ENCRYPTED_FORMAT_VERSION = 0x02
const TAG_BYTES = 16

/** The parts the proxy's Encrypt returned, and the ones its Decrypt takes back. */
export interface ExternalLayer {
  readonly ciphertext: Uint8Array
  readonly ciphertextMetadata: Uint8Array
  readonly initializationVector: Uint8Array
  readonly authenticationTag: Uint8Array
}

export interface ParsedDoubleEncrypted {
  readonly keyId: string
  /** version ‖ keyId: the AAD the proxy authenticated. */
  readonly header: Uint8Array
  readonly external: ExternalLayer
}

/** version ‖ keyId: what the proxy is given as additionalAuthenticatedData. */
export const doubleEncryptedHeader = (keyId: string): Uint8Array =>
  Uint8Array.of(DOUBLE_ENCRYPTED_FORMAT_VERSION, ...Array.from(keyId, (char) => char.charCodeAt(0)))

export const isDoubleEncrypted = (blob: Uint8Array): boolean => blob[0] === DOUBLE_ENCRYPTED_FORMAT_VERSION

/** The blob; a metadata or IV longer than 255 bytes is a defect of the caller (the proxy's answer was checked). */
export const encodeDoubleEncrypted = (keyId: string, external: ExternalLayer): Uint8Array => {
  if (external.ciphertextMetadata.length > 255 || external.initializationVector.length > 255 || external.authenticationTag.length !== TAG_BYTES) {
    throw new Error("encodeDoubleEncrypted: metadata and IV must be at most 255 bytes and the tag 16")
  }
  return concatBytes(
    doubleEncryptedHeader(keyId),
    Uint8Array.of(external.ciphertextMetadata.length),
    external.ciphertextMetadata,
    Uint8Array.of(external.initializationVector.length),
    external.initializationVector,
    external.authenticationTag,
    external.ciphertext
  )
}

/** Reads the frame without any key; a blob that does not fit it is InvalidCiphertext. The blob is copied. */
export const parseDoubleEncrypted = (blob: Uint8Array): Effect.Effect<ParsedDoubleEncrypted, InvalidCiphertext> => {
  const bytes = blob.slice()
  const headerLength = 1 + KEY_ID_LENGTH
  if (bytes.length < headerLength + 2 || bytes[0] !== DOUBLE_ENCRYPTED_FORMAT_VERSION) return Effect.fail(new InvalidCiphertext())
  const keyId = String.fromCharCode(...bytes.subarray(1, headerLength))
  if (!isKeyId(keyId)) return Effect.fail(new InvalidCiphertext())
  let offset = headerLength
  const metadataLength = bytes[offset]!
  const metadata = bytes.subarray(offset + 1, offset + 1 + metadataLength)
  offset += 1 + metadataLength
  const ivLength = bytes[offset]
  if (ivLength === undefined) return Effect.fail(new InvalidCiphertext())
  const iv = bytes.subarray(offset + 1, offset + 1 + ivLength)
  offset += 1 + ivLength
  const tag = bytes.subarray(offset, offset + TAG_BYTES)
  const ciphertext = bytes.subarray(offset + TAG_BYTES)
  if (metadata.length !== metadataLength || iv.length !== ivLength || tag.length !== TAG_BYTES || ciphertext.length === 0) {
    return Effect.fail(new InvalidCiphertext())
  }
  return Effect.succeed({
    keyId,
    header: bytes.subarray(0, headerLength),
    external: { ciphertext, ciphertextMetadata: metadata, initializationVector: iv, authenticationTag: tag }
  })
}
