import { concatBytes } from "../concatBytes.ts"
import type { HashName } from "./SigningAlgorithm.ts"

/**
 * The DER prefix of DigestInfo { AlgorithmIdentifier { hash OID, NULL }, OCTET
 * STRING digest } for each hash (RFC 8017 §9.2, note 1).
 */
const digestInfoPrefix: { readonly [H in HashName]: Uint8Array } = Object.freeze({
  sha256: Uint8Array.of(0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20),
  sha384: Uint8Array.of(0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30),
  sha512: Uint8Array.of(0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40)
})

/**
 * EMSA-PKCS1-v1_5-ENCODE over a digest already computed (RFC 8017 §9.2, steps
 * 2–5): `0x00 ‖ 0x01 ‖ 0xFF… ‖ 0x00 ‖ DigestInfo`, `emLen` bytes long. Signing
 * applies the raw RSA private operation to it; verifying re-encodes and
 * compares the whole block, as §8.2.2 step 3 asks, so no parser of the
 * recovered block can be fooled (Bleichenbacher 2006). `emLen` is at least 11
 * bytes over the DigestInfo for every AWS modulus (256..512 bytes).
 */
export const emsaPkcs1v15Encode = (hash: HashName, digest: Uint8Array, emLen: number): Uint8Array => {
  const t = concatBytes(digestInfoPrefix[hash], digest)
  const padding = new Uint8Array(emLen - t.length - 3).fill(0xff)
  return concatBytes(Uint8Array.of(0x00, 0x01), padding, Uint8Array.of(0x00), t)
}
