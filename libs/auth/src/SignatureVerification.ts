import type { KeyObject } from "node:crypto"
import { SecretBytes } from "@trent/crypto"
import { canonicalRequest } from "./CanonicalRequest.ts"
import { headerValue, type HttpRequestParts } from "./HttpRequestParts.ts"
import type { SignatureClaim } from "./SignatureClaim.ts"
import { sha256Hex, signatureBytes, stringToSign } from "./SignatureV4.ts"

const hexSignature = /^[0-9a-f]{64}$/

/**
 * Recomputes the signature over the request as received and compares it with
 * the one sent, in constant time. The payload hash is always the hash of the
 * body received: a client that signed an `x-amz-content-sha256` value other
 * than the body's hash (or "UNSIGNED-PAYLOAD") fails here, so a body can never
 * be swapped under a header that vouches for another.
 */
export const signatureMatches = (claim: SignatureClaim, request: HttpRequestParts, signingKey: KeyObject): boolean => {
  const canonical = canonicalRequest({
    method: request.method,
    path: request.path,
    query: request.query,
    signedHeaders: claim.signedHeaders,
    header: (name) => headerValue(request.headers, name),
    payloadHash: sha256Hex(request.body)
  })
  const expected = signatureBytes(signingKey, stringToSign(claim.amzDate, claim.scope, canonical))
  // A malformed signature still costs a full computation, so its timing says nothing either.
  const provided = hexSignature.test(claim.signature) ? Buffer.from(claim.signature, "hex") : new Uint8Array(32)
  return SecretBytes.adopt(expected).equals(SecretBytes.adopt(provided)) && hexSignature.test(claim.signature)
}
