import { Effect } from "effect"
import { createPrivateKey, type KeyObject } from "node:crypto"
import { oaepDecrypt } from "../asymmetric/RsaOaep.ts"
import { InvalidCiphertext } from "../CryptoErrors.ts"
import type { SecretBytes } from "../SecretBytes.ts"
import { aesKwpUnwrap } from "./AesKeyWrapPad.ts"
import {
  importWrappingParameters,
  type ImportWrappingParameters,
  isImportWrappingAlgorithm,
  type WrappingAlgorithm
} from "./ImportWrappingAlgorithm.ts"

/**
 * The wrapping private key is Trent's own (generateWrappingKeyPair, kept with
 * the import token), so one that is not an RSA PKCS#8 is a defect, not the
 * importer's InvalidCiphertext.
 */
const parseWrappingKey = (pkcs8: SecretBytes): KeyObject => {
  const bytes = pkcs8.unsafeBytes()
  const key = createPrivateKey({ key: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), format: "der", type: "pkcs8" })
  if (key.asymmetricKeyType !== "rsa") throw new Error("the wrapping private key is not an RSA key")
  return key
}

const modulusBytes = (key: KeyObject): number => Math.ceil(key.asymmetricKeyDetails!.modulusLength! / 8)

/**
 * RSA_AES_KEY_WRAP_*: `OAEP(ephemeral AES-256 key) ‖ KWP(material)`. The
 * ephemeral key is zeroed as soon as the material is out. An OAEP failure and
 * a KWP failure both end as InvalidCiphertext; they may differ in time, which
 * tells only whether the whole OAEP padding checked — a 2^-160 event for any
 * ciphertext not made with the public key, so no Manger-style oracle (OpenSSL
 * decodes OAEP itself in constant time).
 */
const unwrapOaepThenKwp = (
  key: KeyObject,
  parameters: ImportWrappingParameters,
  encrypted: Uint8Array
): SecretBytes | InvalidCiphertext => {
  const k = modulusBytes(key)
  if (encrypted.length <= k) return new InvalidCiphertext()
  const ephemeral = oaepDecrypt(key, parameters.oaep, encrypted.subarray(0, k))
  if (ephemeral instanceof InvalidCiphertext) return ephemeral
  try {
    return aesKwpUnwrap(ephemeral, encrypted.subarray(k))
  } finally {
    ephemeral.destroy()
  }
}

/**
 * ImportKeyMaterial's unwrap of EncryptedKeyMaterial (
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html) with the wrapping private key (PKCS#8 DER) issued for it:
 *
 * - RSAES_OAEP_SHA_1 / _256: RSA-OAEP directly over the material, the hash
 *   for OAEP and MGF1, empty label;
 * - RSA_AES_KEY_WRAP_SHA_1 / _256: the first modulus-length bytes are an
 *   AES-256 key under that RSA-OAEP, the rest the material under AES key wrap
 *   with padding (RFC 5649).
 *
 * Every failure — a wrong length, bad padding, another wrapping key or
 * algorithm, truncation, a flipped bit — is the one fieldless
 * InvalidCiphertext, as AWS answers. The material is not checked against the
 * key spec here (see checkImportedMaterial); RSA-OAEP may carry an empty one.
 * RSAES_PKCS1_V1_5 and SM2PKE unwrap nothing here (InvalidCiphertext): the
 * caller refuses them before it issues parameters.
 */
export const unwrapImportedMaterial = (input: {
  readonly wrappingAlgorithm: WrappingAlgorithm
  readonly wrappingPrivateKey: SecretBytes
  readonly encryptedKeyMaterial: Uint8Array
}): Effect.Effect<SecretBytes, InvalidCiphertext> =>
  Effect.suspend(() => {
    if (!isImportWrappingAlgorithm(input.wrappingAlgorithm)) return Effect.fail(new InvalidCiphertext())
    const key = parseWrappingKey(input.wrappingPrivateKey)
    const parameters = importWrappingParameters[input.wrappingAlgorithm]
    const material = parameters.construction === "oaep"
      ? oaepDecrypt(key, parameters.oaep, input.encryptedKeyMaterial)
      : unwrapOaepThenKwp(key, parameters, input.encryptedKeyMaterial)
    return material instanceof InvalidCiphertext ? Effect.fail(material) : Effect.succeed(material)
  })
