import { Effect } from "effect"
import { IncompatibleAlgorithm, type InvalidPublicKey, PlaintextTooLarge } from "../CryptoErrors.ts"
import { parsePublicKey } from "./AsymmetricKeyParsing.ts"
import type { AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { type EncryptionAlgorithm, isRsaEncryptionAlgorithm } from "../KeySpecRules.ts"
import { oaepPlaintextLimit } from "./RsaEncryptionAlgorithm.ts"
import { oaepEncrypt } from "./RsaOaep.ts"

/**
 * Encrypt with an RSA key's public half (SPKI DER of `spec`): RSA-OAEP, MGF1
 * on the same hash, empty label. A plaintext over `modulusBytes − 2·hashBytes
 * − 2` fails with PlaintextTooLarge carrying the limit (
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html); the 1..4096-byte bound of the API is the caller's.
 * Any EncryptionAlgorithm is taken; one that is not RSAES_OAEP_* is IncompatibleAlgorithm.
 */
export const encryptOaep = (input: {
  readonly spec: AsymmetricKeySpec
  readonly publicKey: Uint8Array
  readonly algorithm: EncryptionAlgorithm
  readonly plaintext: Uint8Array
}): Effect.Effect<Uint8Array, IncompatibleAlgorithm | PlaintextTooLarge | InvalidPublicKey> =>
  Effect.suspend((): Effect.Effect<Uint8Array, IncompatibleAlgorithm | PlaintextTooLarge | InvalidPublicKey> => {
    const { algorithm } = input
    if (!isRsaEncryptionAlgorithm(algorithm)) return Effect.fail(IncompatibleAlgorithm.of(algorithm, input.spec))
    const limit = oaepPlaintextLimit(input.spec, algorithm)
    if (limit === undefined) return Effect.fail(IncompatibleAlgorithm.of(algorithm, input.spec))
    if (input.plaintext.length > limit) return Effect.fail(PlaintextTooLarge.of(input.algorithm, input.spec, limit))
    const publicKey = parsePublicKey(input.spec, input.publicKey)
    if (publicKey instanceof Error) return Effect.fail(publicKey)
    return Effect.succeed(oaepEncrypt(publicKey, algorithm, input.plaintext))
  })
