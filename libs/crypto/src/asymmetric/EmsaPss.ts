import { createHash } from "node:crypto"
import { concatBytes } from "../concatBytes.ts"
import { timingSafeEqual } from "../constantTime.ts"
import type { HashName } from "./SigningAlgorithm.ts"

/**
 * EMSA-PSS over a digest already computed (RFC 8017 §9.1), with MGF1 on the
 * same hash and a salt as long as the hash, as AWS KMS uses it (
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html). node:crypto signs PSS only over a message it hashes itself,
 * so Sign and Verify with MessageType DIGEST encode here and apply the raw RSA
 * operation.
 */

const hashBytes: { readonly [H in HashName]: number } = Object.freeze({ sha256: 32, sha384: 48, sha512: 64 })

const digestOf = (hash: HashName, ...parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const h = createHash(hash)
  for (const part of parts) h.update(part)
  return new Uint8Array(h.digest())
}

/** MGF1 (RFC 8017 §B.2.1): Hash(seed ‖ C) for C = 0, 1, … until `length` bytes. */
const mgf1 = (hash: HashName, seed: Uint8Array, length: number): Uint8Array => {
  const out = new Uint8Array(length)
  const counter = new Uint8Array(4)
  for (let offset = 0, c = 0; offset < length; offset += hashBytes[hash], c++) {
    new DataView(counter.buffer).setUint32(0, c)
    out.set(digestOf(hash, seed, counter).subarray(0, length - offset), offset)
  }
  return out
}

const xorInPlace = (target: Uint8Array, mask: Uint8Array): void => {
  for (let i = 0; i < target.length; i++) target[i] = target[i]! ^ mask[i]!
}

/** Bits of the first byte of EM that must be zero: 8·emLen − emBits (RFC 8017 §9.1.1 step 11). */
const topMask = (emLen: number, emBits: number): number => 0xff >> (8 * emLen - emBits)

const mPrime = (hash: HashName, mHash: Uint8Array, salt: Uint8Array): Uint8Array =>
  digestOf(hash, new Uint8Array(8), mHash, salt)

/**
 * EMSA-PSS-ENCODE (RFC 8017 §9.1.1) from step 4, `mHash` being the digest and
 * `salt` hLen fresh random bytes. `emBits` is modBits − 1 (§8.1.1 step 1).
 */
export const emsaPssEncode = (hash: HashName, mHash: Uint8Array, salt: Uint8Array, emBits: number): Uint8Array => {
  const hLen = hashBytes[hash]
  const emLen = Math.ceil(emBits / 8)
  const h = mPrime(hash, mHash, salt)
  const db = new Uint8Array(emLen - hLen - 1)
  db[db.length - salt.length - 1] = 0x01
  db.set(salt, db.length - salt.length)
  xorInPlace(db, mgf1(hash, h, db.length))
  db[0] = db[0]! & topMask(emLen, emBits)
  return concatBytes(db, h, Uint8Array.of(0xbc))
}

/**
 * EMSA-PSS-VERIFY (RFC 8017 §9.1.2) from step 4, with sLen = hLen: true only
 * for a well-formed encoding of `mHash`. `em` is the recovered block of emLen
 * bytes (the raw RSA output less its leading zero byte when emLen < k).
 */
export const emsaPssVerify = (hash: HashName, mHash: Uint8Array, em: Uint8Array, emBits: number): boolean => {
  const hLen = hashBytes[hash]
  const emLen = Math.ceil(emBits / 8)
  if (em.length !== emLen || emLen < 2 * hLen + 2) return false
  if (em[emLen - 1] !== 0xbc) return false
  const db = em.slice(0, emLen - hLen - 1)
  const h = em.subarray(emLen - hLen - 1, emLen - 1)
  if ((db[0]! & ~topMask(emLen, emBits)) !== 0) return false
  xorInPlace(db, mgf1(hash, h, db.length))
  db[0] = db[0]! & topMask(emLen, emBits)
  const psLength = emLen - 2 * hLen - 2
  let bad = db[psLength]! ^ 0x01
  for (let i = 0; i < psLength; i++) bad |= db[i]!
  if (bad !== 0) return false
  return timingSafeEqual(mPrime(hash, mHash, db.subarray(psLength + 1)), h)
}
