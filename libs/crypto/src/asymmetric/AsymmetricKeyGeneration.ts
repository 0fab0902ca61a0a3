import { Effect } from "effect"
import { generateKeyPair, type KeyObject } from "node:crypto"
import { UnsupportedKeySpec } from "../CryptoErrors.ts"
import { SecretBytes } from "../SecretBytes.ts"
import { type AsymmetricKeyParameters, asymmetricKeyParameters, type AsymmetricKeySpec, type DataKeyPairSpec } from "./AsymmetricKeySpec.ts"

/**
 * A fresh key pair in the formats AWS KMS hands out (
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html): the private key a PKCS#8 PrivateKeyInfo (DER),
 * the public key an X.509 SubjectPublicKeyInfo (DER).
 */
export interface AsymmetricKeyPair {
  readonly privateKey: SecretBytes
  readonly publicKey: Uint8Array
}

type Done = (error: Error | null, publicKey: KeyObject, privateKey: KeyObject) => void

/**
 * node:crypto's asynchronous generateKeyPair runs on libuv's thread pool, so a
 * 4096-bit RSA key (often a second or more of prime search) never blocks the
 * event loop. RSA keys use e = 65537; EC keys name their curve.
 */
const generate = (parameters: AsymmetricKeyParameters, done: Done): void => {
  switch (parameters.family) {
    case "rsa":
      return generateKeyPair("rsa", { modulusLength: parameters.modulusBits, publicExponent: 0x10001 }, done)
    case "ec":
      return generateKeyPair("ec", { namedCurve: parameters.curve, paramEncoding: "named" }, done)
    case "ed25519":
      return generateKeyPair("ed25519", undefined, done)
    case "ml-dsa":
      return generateKeyPair(parameters.variant, undefined, done)
  }
}

const toKeyPair = (publicKey: KeyObject, privateKey: KeyObject): AsymmetricKeyPair => {
  const pkcs8 = privateKey.export({ format: "der", type: "pkcs8" })
  const pair = {
    privateKey: SecretBytes.copy(pkcs8),
    publicKey: new Uint8Array(publicKey.export({ format: "der", type: "spki" }))
  }
  pkcs8.fill(0)
  return pair
}

/** A key pair for CreateKey of an asymmetric spec; a generator failure is a defect. */
export const generateAsymmetricKeyPair = (spec: AsymmetricKeySpec): Effect.Effect<AsymmetricKeyPair> =>
  Effect.callback<AsymmetricKeyPair>((resume) => {
    generate(asymmetricKeyParameters[spec], (error, publicKey, privateKey) => {
      resume(error === null ? Effect.sync(() => toKeyPair(publicKey, privateKey)) : Effect.die(error))
    })
  })

/** GenerateDataKeyPair's key pair; SM2 (China Regions only) fails as UnsupportedKeySpec. */
export const generateDataKeyPair = (spec: DataKeyPairSpec): Effect.Effect<AsymmetricKeyPair, UnsupportedKeySpec> =>
  spec === "SM2" ? Effect.fail(UnsupportedKeySpec.of(spec)) : generateAsymmetricKeyPair(spec)
