import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto"
import { SecretBytes } from "@trent/crypto"
import { Context, Effect, Layer, Schema } from "effect"

/** The PKCS#8 bytes given as an audit signing key are not an Ed25519 private key. */
export class InvalidAuditSigningKey extends Schema.TaggedError<InvalidAuditSigningKey>()("InvalidAuditSigningKey", {
  message: Schema.String
}) {}

const spkiOf = (key: KeyObject): Uint8Array => new Uint8Array(createPublicKey(key).export({ format: "der", type: "spki" }))

/**
 * Signs a Region's audit checkpoints (Ed25519, RFC 8032). The private key
 * stays inside the service: the runtime keeps it in the Region's keyvault,
 * wrapped under the root key, and never in the audit file, so whoever can
 * edit the audit file cannot sign a checkpoint over the edit. The public key
 * (SPKI DER) is published for `verify`.
 */
export class AuditSigner extends Context.Service<AuditSigner, {
  /** SubjectPublicKeyInfo, DER. */
  readonly publicKey: Uint8Array
  /** An Ed25519 signature (64 bytes) over `message`. */
  sign(message: Uint8Array): Uint8Array
}>()("@trent/audit/AuditSigner") {
  /** A signer over an Ed25519 private key given as PKCS#8 DER (as generateAuditSigningKey returns it). */
  static fromPrivateKey(pkcs8: SecretBytes): Effect.Effect<AuditSigner["Service"], InvalidAuditSigningKey> {
    return Effect.try({
      try: () => {
        const key = createPrivateKey({ key: Buffer.from(pkcs8.unsafeBytes()), format: "der", type: "pkcs8" })
        if (key.asymmetricKeyType !== "ed25519") throw new Error(`it is a ${String(key.asymmetricKeyType)} key`)
        return AuditSigner.of({
          publicKey: spkiOf(key),
          sign: (message) => new Uint8Array(sign(null, message, key))
        })
      },
      // The cause's text is node:crypto's parse error or the key type; never key bytes.
      catch: (cause) =>
        new InvalidAuditSigningKey({
          message: `the audit signing key is not an Ed25519 PKCS#8 private key: ${cause instanceof Error ? cause.message : String(cause)}`
        })
    })
  }

  static layerFromPrivateKey(pkcs8: SecretBytes): Layer.Layer<AuditSigner, InvalidAuditSigningKey> {
    return Layer.effect(AuditSigner, AuditSigner.fromPrivateKey(pkcs8))
  }
}

/** A new per-Region audit signing key: the PKCS#8 private key (secret) and its SPKI public key. */
export const generateAuditSigningKey = (): { readonly privateKey: SecretBytes; readonly publicKey: Uint8Array } => {
  const { privateKey } = generateKeyPairSync("ed25519")
  return {
    privateKey: SecretBytes.adopt(new Uint8Array(privateKey.export({ format: "der", type: "pkcs8" }))),
    publicKey: spkiOf(privateKey)
  }
}
