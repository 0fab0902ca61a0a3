import { Effect } from "effect"
import type { AesGcmBox } from "./AesGcm.ts"
import { AES_256_GCM } from "./AesGcmParameters.ts"
import { concatBytes } from "./concatBytes.ts"
import { InvalidCiphertext } from "./CryptoErrors.ts"
import { isKeyId, KEY_ID_LENGTH } from "./KeyId.ts"
import { MATERIAL_ID_BYTES, materialIdFromBytes, materialIdToBytes } from "./MaterialId.ts"

/**
 * The symmetric ciphertext blob that Encrypt returns and Decrypt takes:
 *
 *   formatVersion (1 byte, 0x01) | keyId (36 ASCII) | materialId (32 raw bytes)
 *   | iv (12) | ciphertext | tag (16)
 *
 * Self-describing, so Decrypt needs no KeyId (observed in public KMS ciphertexts; AWS publishes no format). The
 * header (version..iv) is authenticated as AAD together with the canonical
 * encryption context, so no header byte can change without failing the tag.
 */
export const CIPHERTEXT_FORMAT_VERSION = 0x01

/** Encrypt's plaintext bounds for SYMMETRIC_DEFAULT (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html). */
export const SYMMETRIC_PLAINTEXT_MIN = 1
export const SYMMETRIC_PLAINTEXT_MAX = 4096

const keyIdOffset = 1
const materialIdOffset = keyIdOffset + KEY_ID_LENGTH
const ivOffset = materialIdOffset + MATERIAL_ID_BYTES
const headerLength = ivOffset + AES_256_GCM.ivBytes

/** Header plus tag: 97 bytes, so a 4096-byte plaintext makes a 4193-byte blob (the limit is 6144). */
export const CIPHERTEXT_OVERHEAD = headerLength + AES_256_GCM.tagBytes

export interface CiphertextHeader {
  readonly keyId: string
  /** 64 lowercase hex characters. */
  readonly materialId: string
}

/** Where a parsed blob keeps its parts; not exported from the package, so only parseCiphertext makes one. */
export const ciphertextParts: unique symbol = Symbol("@trent/crypto/ParsedCiphertext")

export interface ParsedCiphertext extends CiphertextHeader {
  readonly [ciphertextParts]: {
    /** version..iv, exactly as in the blob: the first part of the AAD. */
    readonly header: Uint8Array
    readonly box: AesGcmBox
  }
}

/** version ‖ keyId ‖ materialId; the caller checks both ids' formats first. */
export const ciphertextHeaderPrefix = (keyId: string, materialId: string): Uint8Array =>
  concatBytes(
    Uint8Array.of(CIPHERTEXT_FORMAT_VERSION),
    Uint8Array.from(keyId, (char) => char.charCodeAt(0)),
    materialIdToBytes(materialId)
  )

const asciiOf = (bytes: Uint8Array): string => String.fromCharCode(...bytes)

const hasValidFrame = (blob: Uint8Array): boolean =>
  blob.length >= CIPHERTEXT_OVERHEAD + SYMMETRIC_PLAINTEXT_MIN &&
  blob.length <= CIPHERTEXT_OVERHEAD + SYMMETRIC_PLAINTEXT_MAX &&
  blob[0] === CIPHERTEXT_FORMAT_VERSION

/**
 * Checks the blob's format and reads its header, without any key: the caller
 * uses keyId and materialId to find the key and its material, then calls
 * decryptSymmetric. Nothing read here is trusted until that authenticates it.
 * The blob is copied, so later changes to the caller's array change nothing.
 */
export const parseCiphertext = (blob: Uint8Array): Effect.Effect<ParsedCiphertext, InvalidCiphertext> => {
  if (!hasValidFrame(blob)) return Effect.fail(new InvalidCiphertext())
  const bytes = blob.slice()
  const keyId = asciiOf(bytes.subarray(keyIdOffset, materialIdOffset))
  if (!isKeyId(keyId)) return Effect.fail(new InvalidCiphertext())
  const tagOffset = bytes.length - AES_256_GCM.tagBytes
  return Effect.succeed({
    keyId,
    materialId: materialIdFromBytes(bytes.subarray(materialIdOffset, ivOffset)),
    [ciphertextParts]: {
      header: bytes.subarray(0, headerLength),
      box: {
        iv: bytes.subarray(ivOffset, headerLength),
        ciphertext: bytes.subarray(headerLength, tagOffset),
        tag: bytes.subarray(tagOffset)
      }
    }
  })
}
