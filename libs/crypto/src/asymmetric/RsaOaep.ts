import { constants, type KeyObject, privateDecrypt, publicEncrypt } from "node:crypto"
import { InvalidCiphertext } from "../CryptoErrors.ts"
import { SecretBytes } from "../SecretBytes.ts"
import { oaepParameters, type RsaEncryptionAlgorithm } from "./RsaEncryptionAlgorithm.ts"

/**
 * RSAES-OAEP (RFC 8017 §7.1) on node:crypto (OpenSSL): MGF1 on the OAEP hash
 * (OpenSSL's default when no MGF1 hash is set) and an empty label, as AWS KMS
 * encrypts (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html). The ciphertext is the bare RSA output
 * with no KMS framing, so data encrypted offline with the public key decrypts.
 */

const modulusBytes = (key: KeyObject): number => Math.ceil(key.asymmetricKeyDetails!.modulusLength! / 8)

/** Encrypts a plaintext already checked against the limit (`oaepPlaintextLimit`). */
export const oaepEncrypt = (publicKey: KeyObject, algorithm: RsaEncryptionAlgorithm, plaintext: Uint8Array): Uint8Array =>
  new Uint8Array(
    publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepParameters[algorithm].hash },
      plaintext
    )
  )

/**
 * Every failure is the same fieldless InvalidCiphertext: a ciphertext that is
 * not exactly k bytes (RFC 8017 §7.1.2 step 1), not below the modulus, or
 * whose padding does not check. OpenSSL's OAEP decoding runs in constant time
 * and its error is dropped, so no reason can become an oracle (Manger 2001).
 */
export const oaepDecrypt = (
  privateKey: KeyObject,
  algorithm: RsaEncryptionAlgorithm,
  ciphertext: Uint8Array
): SecretBytes | InvalidCiphertext => {
  if (ciphertext.length !== modulusBytes(privateKey)) return new InvalidCiphertext()
  try {
    const plaintext = privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepParameters[algorithm].hash },
      ciphertext
    )
    const secret = SecretBytes.copy(plaintext)
    plaintext.fill(0)
    return secret
  } catch {
    return new InvalidCiphertext()
  }
}
