import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  IncompatibleAlgorithm,
  IncompatibleMessageType,
  InvalidCiphertext,
  InvalidCryptoParameter,
  InvalidDigestLength,
  InvalidKeyMaterial,
  InvalidPublicKey,
  KeyUnwrapFailed,
  PlaintextTooLarge,
  UnsupportedKeySpec
} from "./CryptoErrors.ts"

describe("crypto errors", () => {
  it("InvalidCiphertext carries nothing but its tag, so it cannot say why decryption failed", () => {
    const error = new InvalidCiphertext()
    expect(error._tag).toBe("InvalidCiphertext")
    expect(Schema.encodeSync(InvalidCiphertext)(error)).toEqual({ _tag: "InvalidCiphertext" })
    expect(JSON.parse(JSON.stringify(error))).toEqual({ _tag: "InvalidCiphertext" })
  })

  it("KeyUnwrapFailed carries nothing but its tag", () => {
    expect(Schema.encodeSync(KeyUnwrapFailed)(new KeyUnwrapFailed())).toEqual({ _tag: "KeyUnwrapFailed" })
  })

  it("InvalidCryptoParameter carries only its message", () => {
    const error = new InvalidCryptoParameter({ message: "plaintext must be 1 to 4096 bytes, got 0" })
    expect(error.message).toBe("plaintext must be 1 to 4096 bytes, got 0")
    expect(Schema.encodeSync(InvalidCryptoParameter)(error)).toEqual({
      _tag: "InvalidCryptoParameter",
      message: "plaintext must be 1 to 4096 bytes, got 0"
    })
  })

  it("round-trip through their schemas, so they can cross a process boundary", () => {
    for (const [schema, error] of [
      [InvalidCiphertext, new InvalidCiphertext()],
      [KeyUnwrapFailed, new KeyUnwrapFailed()],
      [InvalidCryptoParameter, new InvalidCryptoParameter({ message: "m" })]
    ] as const) {
      const decoded = Schema.decodeUnknownSync(schema)(Schema.encodeUnknownSync(schema)(error))
      expect(decoded).toBeInstanceOf(schema)
      expect(decoded).toEqual(error)
    }
  })

  it("are Errors that Effect can yield", () => {
    expect(new InvalidCiphertext()).toBeInstanceOf(Error)
    expect(new KeyUnwrapFailed()).toBeInstanceOf(Error)
    expect(new InvalidCryptoParameter({ message: "m" })).toBeInstanceOf(Error)
  })

  it("carry AWS's own wording where AWS's is recorded (AWS KMS API reference §5.1–5.3)", () => {
    expect(IncompatibleAlgorithm.of("HMAC_SHA_256", "HMAC_224").message).toBe("Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.")
    expect(InvalidDigestLength.of("ECDSA_SHA_256").message).toBe("Digest is invalid length for algorithm ECDSA_SHA_256.")
    expect(PlaintextTooLarge.of("RSAES_OAEP_SHA_256", "RSA_2048", 190).message).toBe(
      "Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes."
    )
    expect(PlaintextTooLarge.of("RSAES_OAEP_SHA_1", "RSA_4096", 470)).toMatchObject({ algorithm: "RSAES_OAEP_SHA_1", keySpec: "RSA_4096", limit: 470 })
    expect(IncompatibleMessageType.of("ED25519_SHA_512", "DIGEST").message).toBe(
      "MessageType DIGEST is not valid for signing algorithm ED25519_SHA_512."
    )
    expect(UnsupportedKeySpec.of("SM2").message).toBe("Key spec SM2 is not supported.")
  })

  it("the asymmetric and HMAC errors round-trip through their schemas too", () => {
    for (const [schema, error] of [
      [IncompatibleAlgorithm, IncompatibleAlgorithm.of("ECDH", "RSA_2048")],
      [IncompatibleMessageType, IncompatibleMessageType.of("ML_DSA_SHAKE_256", "DIGEST")],
      [InvalidDigestLength, InvalidDigestLength.of("ED25519_PH_SHA_512")],
      [PlaintextTooLarge, PlaintextTooLarge.of("RSAES_OAEP_SHA_1", "RSA_3072", 342)],
      [InvalidKeyMaterial, new InvalidKeyMaterial({ message: "m" })],
      [InvalidPublicKey, new InvalidPublicKey({ message: "m" })],
      [UnsupportedKeySpec, UnsupportedKeySpec.of("SM2")]
    ] as const) {
      const decoded = Schema.decodeUnknownSync(schema as Schema.Codec<unknown>)(Schema.encodeUnknownSync(schema as Schema.Codec<unknown>)(error))
      expect(decoded).toBeInstanceOf(schema)
      expect(decoded).toEqual(error)
      expect(decoded).toBeInstanceOf(Error)
    }
  })
})
