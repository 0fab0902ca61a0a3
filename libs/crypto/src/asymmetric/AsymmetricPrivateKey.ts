import { Effect } from "effect"
import { IncompatibleAlgorithm, type InvalidCiphertext, type InvalidKeyMaterial, type InvalidPublicKey } from "../CryptoErrors.ts"
import type { SecretBytes } from "../SecretBytes.ts"
import { parsePrivateKey, spkiOf } from "./AsymmetricKeyParsing.ts"
import { type EncryptionAlgorithm, isRsaEncryptionAlgorithm, keySpecRules } from "../KeySpecRules.ts"
import { type AsymmetricKeyParameters, asymmetricKeyParameters, type AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { type SigningKeyHandle, signMessage } from "./AsymmetricSignature.ts"
import { deriveEcdhSecret } from "./Ecdh.ts"
import { signingKeyHandle } from "./KeyHandles.ts"
import { oaepDecrypt } from "./RsaOaep.ts"
import type { MessageType, SigningAlgorithm } from "./SigningAlgorithm.ts"
import { signingInputViolation, type SigningInputViolation } from "./SigningInputRules.ts"

const redacted = "<AsymmetricPrivateKey redacted>"

/**
 * An asymmetric private key parsed once and kept for its key version's life
 * (the resident key of a key actor), like AesGcmKey: parsing a PKCS#8 costs
 * more than many a signature. It holds an OpenSSL KeyObject, and for the
 * DIGEST / EXTERNAL_MU paths the raw secret @noble needs, read on first use.
 * Prints redacted; its bytes cannot be had back from it.
 */
export class AsymmetricPrivateKey {
  readonly spec: AsymmetricKeySpec
  readonly #parameters: AsymmetricKeyParameters
  readonly #key: SigningKeyHandle
  readonly #publicKey: Uint8Array

  private constructor(spec: AsymmetricKeySpec, key: SigningKeyHandle) {
    this.spec = spec
    this.#parameters = asymmetricKeyParameters[spec]
    this.#key = key
    this.#publicKey = spkiOf(key.privateKey)
  }

  /**
   * Parses a PKCS#8 PrivateKeyInfo (DER) that must be a key of `spec`
   * (algorithm, curve, modulus size). Material from outside Trent goes through
   * `publicKeyFromPrivateKey` first, whose pairwise test this skips.
   */
  static fromPkcs8(spec: AsymmetricKeySpec, pkcs8: SecretBytes): Effect.Effect<AsymmetricPrivateKey, InvalidKeyMaterial> {
    return Effect.suspend(() => {
      const parsed = parsePrivateKey(spec, pkcs8.unsafeBytes())
      return parsed instanceof Error
        ? Effect.fail(parsed)
        : Effect.succeed(new AsymmetricPrivateKey(spec, signingKeyHandle(asymmetricKeyParameters[spec], parsed)))
    })
  }

  /** The public key, X.509 SubjectPublicKeyInfo DER (GetPublicKey's PublicKey); a fresh copy. */
  get publicKey(): Uint8Array {
    return Uint8Array.from(this.#publicKey)
  }

  /**
   * Sign (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html): the signature, or why the request does
   * not fit this key — an algorithm of another spec, a message type the
   * algorithm does not take, a digest of the wrong length.
   */
  sign(request: {
    readonly algorithm: SigningAlgorithm
    readonly messageType: MessageType
    readonly message: Uint8Array
  }): Effect.Effect<Uint8Array, SigningInputViolation> {
    return Effect.suspend(() => {
      const violation = signingInputViolation({ spec: this.spec, ...request })
      return violation === undefined ? Effect.succeed(signMessage(this.#key, request)) : Effect.fail(violation)
    })
  }

  /**
   * Decrypt of an RSA-OAEP ciphertext; every decryption failure is the reasonless InvalidCiphertext.
   * An algorithm that is not RSAES_OAEP_*, or a key that is not RSA, is IncompatibleAlgorithm.
   */
  decrypt(request: {
    readonly algorithm: EncryptionAlgorithm
    readonly ciphertext: Uint8Array
  }): Effect.Effect<SecretBytes, IncompatibleAlgorithm | InvalidCiphertext> {
    return Effect.suspend((): Effect.Effect<SecretBytes, IncompatibleAlgorithm | InvalidCiphertext> => {
      if (this.#parameters.family !== "rsa" || !isRsaEncryptionAlgorithm(request.algorithm)) {
        return Effect.fail(IncompatibleAlgorithm.of(request.algorithm, this.spec))
      }
      const opened = oaepDecrypt(this.#key.privateKey, request.algorithm, request.ciphertext)
      return opened instanceof Error ? Effect.fail(opened) : Effect.succeed(opened)
    })
  }

  /**
   * DeriveSharedSecret with ECDH: the raw x-coordinate shared with the peer's
   * public key (SPKI DER, on this key's curve). Only the NIST curves offer ECDH.
   */
  deriveSharedSecret(peerPublicKey: Uint8Array): Effect.Effect<SecretBytes, IncompatibleAlgorithm | InvalidPublicKey> {
    return Effect.suspend((): Effect.Effect<SecretBytes, IncompatibleAlgorithm | InvalidPublicKey> => {
      if (!keySpecRules[this.spec].keyAgreementAlgorithms.includes("ECDH")) return Effect.fail(IncompatibleAlgorithm.of("ECDH", this.spec))
      const shared = deriveEcdhSecret(this.#key.privateKey, peerPublicKey)
      return shared instanceof Error ? Effect.fail(shared) : Effect.succeed(shared)
    })
  }

  toString(): string {
    return redacted
  }

  toJSON(): string {
    return redacted
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return redacted
  }
}
