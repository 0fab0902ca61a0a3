import type { Effect } from "effect"
import { type AsymmetricKeyPair, generateAsymmetricKeyPair } from "../asymmetric/AsymmetricKeyGeneration.ts"

/** GetParametersForImport's WrappingKeySpec (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html) without SM2, which is China-only. */
export const wrappingKeySpecs = Object.freeze(["RSA_2048", "RSA_3072", "RSA_4096"] as const)
export type WrappingKeySpec = (typeof wrappingKeySpecs)[number]

/**
 * A fresh RSA wrapping key pair for GetParametersForImport (
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html): `publicKey` is the X.509 SubjectPublicKeyInfo DER that the
 * operation returns as PublicKey, `privateKey` the PKCS#8 PrivateKeyInfo DER
 * that the caller keeps, with the import token, to unwrap EncryptedKeyMaterial.
 * It is an RSA key pair like any RSA_* key's (e = 65537), generated on libuv's
 * thread pool so that RSA_4096's prime search (about a second) never blocks
 * the event loop. A generator failure is a defect.
 */
export const generateWrappingKeyPair = (spec: WrappingKeySpec): Effect.Effect<AsymmetricKeyPair> =>
  generateAsymmetricKeyPair(spec)
