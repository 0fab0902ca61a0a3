import { Schema } from "effect"

/**
 * The errors @trent/crypto raises. Each is a serializable tagged error that
 * never carries secret material; `protocol` alone maps them to AWS `__type`.
 */

/**
 * Every decryption failure, whatever its cause: a malformed blob, an unknown
 * format version, a flipped bit, the wrong key material, or an encryption
 * context that differs in any pair. It has no fields on purpose: AWS answers
 * all of these with an empty `InvalidCiphertextException`, and a reason would
 * be an oracle for whoever is probing the ciphertext.
 */
export class InvalidCiphertext extends Schema.TaggedError<InvalidCiphertext>()("InvalidCiphertext", {}) {}

/** Wrapped key material failed to authenticate or unwrap under the KEK and binding given. */
export class KeyUnwrapFailed extends Schema.TaggedError<KeyUnwrapFailed>()("KeyUnwrapFailed", {}) {}

/**
 * A caller passed a size or identifier outside what the operation accepts
 * (plaintext of 0 or more than 4096 bytes, NumberOfBytes outside 1..1024, a
 * malformed key id). The message names the parameter and the rule, never a
 * secret value.
 */
export class InvalidCryptoParameter extends Schema.TaggedError<InvalidCryptoParameter>()("InvalidCryptoParameter", {
  message: Schema.String
}) {}

/**
 * An algorithm (signing, encryption, MAC or key agreement) that the key's spec
 * does not support. The message is AWS's InvalidKeyUsageException text (
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html): `Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.`
 */
export class IncompatibleAlgorithm extends Schema.TaggedError<IncompatibleAlgorithm>()("IncompatibleAlgorithm", {
  algorithm: Schema.String,
  keySpec: Schema.String,
  message: Schema.String
}) {
  static of(algorithm: string, keySpec: string): IncompatibleAlgorithm {
    return new IncompatibleAlgorithm({
      algorithm,
      keySpec,
      message: `Algorithm ${algorithm} is incompatible with key spec ${keySpec}.`
    })
  }
}

/**
 * A MessageType the signing algorithm does not take (ED25519_SHA_512 is RAW
 * only, ED25519_PH_SHA_512 DIGEST only, EXTERNAL_MU is for ML-DSA only; AWS KMS
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html). The caller answers with a ValidationException; the text
 * is Trent's own, AWS's is not recorded.
 */
export class IncompatibleMessageType extends Schema.TaggedError<IncompatibleMessageType>()("IncompatibleMessageType", {
  algorithm: Schema.String,
  messageType: Schema.String,
  message: Schema.String
}) {
  static of(algorithm: string, messageType: string): IncompatibleMessageType {
    return new IncompatibleMessageType({
      algorithm,
      messageType,
      message: `MessageType ${messageType} is not valid for signing algorithm ${algorithm}.`
    })
  }
}

/**
 * A DIGEST (or EXTERNAL_MU) message whose length is not the algorithm's hash
 * length. The message is AWS's ValidationException text (
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html): `Digest is invalid length for algorithm ECDSA_SHA_256.`
 */
export class InvalidDigestLength extends Schema.TaggedError<InvalidDigestLength>()("InvalidDigestLength", {
  algorithm: Schema.String,
  message: Schema.String
}) {
  static of(algorithm: string): InvalidDigestLength {
    return new InvalidDigestLength({ algorithm, message: `Digest is invalid length for algorithm ${algorithm}.` })
  }
}

/**
 * An RSA-OAEP plaintext over `modulusBytes − 2·hashBytes − 2`. It carries the
 * limit so the caller can answer with AWS's ValidationException (
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html): `Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot
 * encrypt data larger than 190 bytes.`
 */
export class PlaintextTooLarge extends Schema.TaggedError<PlaintextTooLarge>()("PlaintextTooLarge", {
  algorithm: Schema.String,
  keySpec: Schema.String,
  limit: Schema.Number,
  message: Schema.String
}) {
  static of(algorithm: string, keySpec: string, limit: number): PlaintextTooLarge {
    return new PlaintextTooLarge({
      algorithm,
      keySpec,
      limit,
      message: `Algorithm ${algorithm} and key spec ${keySpec} cannot encrypt data larger than ${limit} bytes.`
    })
  }
}

/**
 * Key material that is not a usable key of the spec named: a PKCS#8 that does
 * not parse, holds another algorithm, curve or modulus size, or fails its
 * pairwise consistency check; HMAC key bytes of a length the spec does not
 * accept. The message says which rule failed, never what the bytes were.
 */
export class InvalidKeyMaterial extends Schema.TaggedError<InvalidKeyMaterial>()("InvalidKeyMaterial", {
  message: Schema.String
}) {}

/**
 * A public key (X.509 SubjectPublicKeyInfo, DER) that does not parse, is not a
 * key of the expected spec or curve, or is not a valid point on it.
 */
export class InvalidPublicKey extends Schema.TaggedError<InvalidPublicKey>()("InvalidPublicKey", {
  message: Schema.String
}) {}

/** A key spec from the AWS model that Trent does not implement (SM2, which AWS offers only in China Regions). */
export class UnsupportedKeySpec extends Schema.TaggedError<UnsupportedKeySpec>()("UnsupportedKeySpec", {
  keySpec: Schema.String,
  message: Schema.String
}) {
  static of(keySpec: string): UnsupportedKeySpec {
    return new UnsupportedKeySpec({ keySpec, message: `Key spec ${keySpec} is not supported.` })
  }
}
