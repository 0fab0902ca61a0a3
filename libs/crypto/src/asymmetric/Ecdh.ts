import { createPublicKey, diffieHellman, type KeyObject } from "node:crypto"
import { InvalidPublicKey } from "../CryptoErrors.ts"
import { SecretBytes } from "../SecretBytes.ts"
import type { EcCurve } from "./AsymmetricKeySpec.ts"

/**
 * ECDH on the NIST curves (SP 800-56A Rev. 3 §5.7.1.2, cofactor 1), the
 * shared secret being the raw x-coordinate of d·Q at the curve's coordinate
 * length — 32, 48 or 66 bytes, leading zeros kept (
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html). All on node:crypto (OpenSSL): its SPKI
 * decoder refuses a point that is not on the named curve (a full public-key
 * validation, SP 800-56A §5.6.2.3.3, as these curves have cofactor 1), and
 * its derive step refuses the point at infinity. On top of that the peer key
 * must be exactly the DER that OpenSSL writes back for the key it read, which
 * names its curve: OpenSSL would otherwise take explicit curve parameters
 * (RFC 5480 §2.1.1 forbids them in PKIX) and match them to a named curve even
 * with a wrong cofactor (Wycheproof's NoCofactor and LargeCofactor cases). A
 * compressed point (RFC 5480 §2.2 allows it) is decompressed onto the curve
 * and accepted.
 */
export const deriveEcdhSecret = (
  privateKey: KeyObject,
  peerSpki: Uint8Array
): SecretBytes | InvalidPublicKey => {
  const curve = privateKey.asymmetricKeyDetails!.namedCurve as EcCurve
  const der = Buffer.from(peerSpki.buffer, peerSpki.byteOffset, peerSpki.length)
  let peer: KeyObject
  try {
    peer = createPublicKey({ key: der, format: "der", type: "spki" })
  } catch {
    return new InvalidPublicKey({ message: "peer public key is not a DER SubjectPublicKeyInfo of a valid point" })
  }
  if (peer.asymmetricKeyType !== "ec" || peer.asymmetricKeyDetails?.namedCurve !== curve) {
    return new InvalidPublicKey({ message: `peer public key must be an EC key on ${curve}` })
  }
  if (!der.equals(peer.export({ format: "der", type: "spki" }))) {
    return new InvalidPublicKey({ message: "peer public key must be DER and name its curve (no explicit curve parameters)" })
  }
  try {
    const shared = diffieHellman({ privateKey, publicKey: peer })
    const secret = SecretBytes.copy(shared)
    shared.fill(0)
    return secret
  } catch {
    return new InvalidPublicKey({ message: "peer public key gives no shared secret" })
  }
}
