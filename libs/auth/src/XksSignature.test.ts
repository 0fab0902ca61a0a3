import { Redacted, Result } from "effect"
import { describe, expect, it } from "vitest"
import type { HttpRequestParts } from "./HttpRequestParts.ts"
import { signRequest } from "./RequestSigner.ts"
import { verifyXksSignature, type XksCredential } from "./XksSignature.ts"

// The credentials of the spec's Appendix D script.
const old: XksCredential = { accessKeyId: "HGIE2BUAFNDMBCMSQVWLGCEXAMPLE", secretAccessKey: Redacted.make("VU6W2byoiBrhDqNGbx703oL0syCAmhlQgwNUT123456") }
const rotated: XksCredential = { accessKeyId: "MUBSXM6K3KMXHN6RRCXI7TWQH4NU76HY", secretAccessKey: Redacted.make("FYtE5EFA5FT0mCc3DrGUe2sti527BitkQ0Zr9MO9fvE") }
const now = Date.UTC(2026, 0, 15, 12, 0, 0)
const path = "/path/kms/xks/v1/keys/b42c7fbf-de61-441c-ae24-123456789012/encrypt"
const body = new TextEncoder().encode(`{"requestMetadata":{"kmsOperation":"Encrypt"}}`)

const signed = (credential: XksCredential, options: { service?: "kms" | "kms-xks-proxy"; at?: number; body?: Uint8Array } = {}): HttpRequestParts => {
  const headers = { host: "xks.example.com", "content-type": "application/json" }
  const added = signRequest({
    method: "POST",
    path,
    headers,
    body: options.body ?? body,
    accessKeyId: credential.accessKeyId,
    secretAccessKey: Redacted.value(credential.secretAccessKey),
    region: "us-east-2",
    service: options.service ?? "kms-xks-proxy",
    now: options.at ?? now
  })
  return { method: "POST", path, query: "", headers: { ...headers, ...added }, body }
}

const tagOf = (result: Result.Result<string, { readonly _tag: string; readonly message: string }>) =>
  Result.isSuccess(result) ? result.success : result.failure._tag

describe("verifyXksSignature", () => {
  it("accepts a request signed for kms-xks-proxy in any Region and answers the access key id", () => {
    expect(tagOf(verifyXksSignature([old], signed(old), now))).toBe(old.accessKeyId)
  })

  it("refuses a request signed for the kms service name", () => {
    const result = verifyXksSignature([old], signed(old, { service: "kms" }), now)
    expect(tagOf(result)).toBe("InvalidSignatureException")
  })

  it("accepts both credentials while a rotation is under way, and only the new one after", () => {
    expect(tagOf(verifyXksSignature([old, rotated], signed(old), now))).toBe(old.accessKeyId)
    expect(tagOf(verifyXksSignature([old, rotated], signed(rotated), now))).toBe(rotated.accessKeyId)
    expect(tagOf(verifyXksSignature([rotated], signed(old), now))).toBe("UnrecognizedClientException")
  })

  it("refuses a signature made with another secret under a known access key id", () => {
    const forged = signed({ accessKeyId: old.accessKeyId, secretAccessKey: rotated.secretAccessKey })
    expect(tagOf(verifyXksSignature([old], forged, now))).toBe("InvalidSignatureException")
  })

  it("refuses a body other than the one signed", () => {
    const request = { ...signed(old), body: new TextEncoder().encode(`{"requestMetadata":{"kmsOperation":"Decrypt"}}`) }
    expect(tagOf(verifyXksSignature([old], request, now))).toBe("InvalidSignatureException")
  })

  it("refuses a request signed more than 5 minutes away from the proxy's clock (Appendix A, Task 4)", () => {
    expect(tagOf(verifyXksSignature([old], signed(old, { at: now - 4 * 60_000 }), now))).toBe(old.accessKeyId)
    expect(tagOf(verifyXksSignature([old], signed(old, { at: now - 6 * 60_000 }), now))).toBe("InvalidSignatureException")
    expect(tagOf(verifyXksSignature([old], signed(old, { at: now + 6 * 60_000 }), now))).toBe("InvalidSignatureException")
  })

  it("refuses an unsigned request", () => {
    const request: HttpRequestParts = { method: "POST", path, query: "", headers: { host: "xks.example.com" }, body }
    expect(tagOf(verifyXksSignature([old], request, now))).toBe("MissingAuthenticationTokenException")
  })
})
