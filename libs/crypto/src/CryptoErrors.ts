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
