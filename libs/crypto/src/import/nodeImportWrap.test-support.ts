import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from "node:crypto"
import type { ImportWrappingAlgorithm } from "./ImportWrappingAlgorithm.ts"

/**
 * What an importer does with node:crypto, written out independently of the
 * code under test: RSA-OAEP (the hash for OAEP and MGF1, empty label) with
 * publicEncrypt, and RFC 5649 with createCipheriv("id-aes256-wrap-pad").
 */
const hashOf = {
  RSAES_OAEP_SHA_1: "sha1",
  RSAES_OAEP_SHA_256: "sha256",
  RSA_AES_KEY_WRAP_SHA_1: "sha1",
  RSA_AES_KEY_WRAP_SHA_256: "sha256"
} as const

export const oaepWrap = (algorithm: ImportWrappingAlgorithm, spki: Uint8Array, plaintext: Uint8Array): Uint8Array =>
  new Uint8Array(
    publicEncrypt(
      {
        key: createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" }),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: hashOf[algorithm]
      },
      plaintext
    )
  )

/** RFC 5649 under `cipher` (AES-256 KWP unless a test asks for another), IV A65959A6 unless given. */
export const aesWrap = (
  aesKey: Uint8Array,
  material: Uint8Array,
  cipher = "id-aes256-wrap-pad",
  iv = Buffer.from("A65959A6", "hex")
): Uint8Array => {
  const wrapper = createCipheriv(cipher, aesKey, iv)
  return new Uint8Array(Buffer.concat([wrapper.update(material), wrapper.final()]))
}

export const concat = (...parts: ReadonlyArray<Uint8Array>): Uint8Array => new Uint8Array(Buffer.concat(parts))

/** EncryptedKeyMaterial for `algorithm`; the AES key of RSA_AES_KEY_WRAP_* is fresh unless given. */
export const nodeImportWrap = (
  algorithm: ImportWrappingAlgorithm,
  spki: Uint8Array,
  material: Uint8Array,
  aesKey: Uint8Array = randomBytes(32)
): Uint8Array =>
  algorithm === "RSAES_OAEP_SHA_1" || algorithm === "RSAES_OAEP_SHA_256"
    ? oaepWrap(algorithm, spki, material)
    : concat(oaepWrap(algorithm, spki, aesKey), aesWrap(aesKey, material))
