import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import { canonicalRequest } from "./CanonicalRequest.ts"
import { headerValue, type HttpRequestParts } from "./HttpRequestParts.ts"
import { signRequestForService } from "./RequestSigner.ts"
import type { SignatureClaim } from "./SignatureClaim.ts"
import { credentialScope, deriveSigningKey, sha256Hex, signatureBytes, stringToSign } from "./SignatureV4.ts"
import { signatureMatches } from "./SignatureVerification.ts"
import { suite, type SuiteCase, suiteCases } from "./sigV4TestSuite.test-support.ts"

const secret = Redacted.make(suite.secretAccessKey)
const encoder = new TextEncoder()

// IAM User Guide, "Create a signed AWS API request" / the older "Examples of the complete Signature Version 4
// signing process": GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08 at 20150830T123600Z.
describe("the AWS documentation's IAM ListUsers example", () => {
  const request = {
    method: "GET",
    path: "/",
    query: "Action=ListUsers&Version=2010-05-08",
    signedHeaders: ["content-type", "host", "x-amz-date"],
    header: (name: string) =>
      ({
        "content-type": "application/x-www-form-urlencoded; charset=utf-8",
        host: "iam.amazonaws.com",
        "x-amz-date": "20150830T123600Z"
      })[name],
    payloadHash: sha256Hex("")
  }

  it("builds the published canonical request and its hash", () => {
    const canonical = canonicalRequest(request)
    expect(canonical).toBe(
      "GET\n/\nAction=ListUsers&Version=2010-05-08\n" +
        "content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n" +
        "content-type;host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    expect(sha256Hex(canonical)).toBe("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59")
  })

  it("derives the published signing key and signature", () => {
    const key = deriveSigningKey(secret, "20150830", "us-east-1", "iam")
    expect(key.export().toString("hex")).toBe(
      "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
    )
    const toSign = stringToSign("20150830T123600Z", credentialScope("20150830", "us-east-1", "iam"), canonicalRequest(request))
    expect(signatureBytes(key, toSign).toString("hex")).toBe("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
  })

  it("signs it into the published Authorization header", () => {
    const added = signRequestForService({
      method: "GET",
      path: "/",
      query: "Action=ListUsers&Version=2010-05-08",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", Host: "iam.amazonaws.com" },
      body: new Uint8Array(),
      accessKeyId: suite.accessKeyId,
      secretAccessKey: suite.secretAccessKey,
      region: "us-east-1",
      service: "iam",
      now: suite.now
    })
    expect(added).toEqual({
      authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, " +
        "SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
      "x-amz-date": "20150830T123600Z"
    })
  })
})

const suiteRequest = (c: SuiteCase): HttpRequestParts => ({
  method: c.method,
  path: c.path,
  query: c.query,
  headers: {
    host: "example.amazonaws.com",
    "x-amz-date": suite.amzDate,
    ...c.headers,
    ...(c.sessionToken === undefined ? {} : { "x-amz-security-token": c.sessionToken })
  },
  body: encoder.encode(c.body)
})

const suiteClaim = (c: SuiteCase, signature = c.signature): SignatureClaim => ({
  accessKeyId: suite.accessKeyId,
  amzDate: suite.amzDate,
  region: suite.region,
  scope: credentialScope("20150830", suite.region, suite.service),
  signedHeaders: c.signedHeaders.split(";"),
  signature,
  hasSessionToken: c.sessionToken !== undefined
})

const suiteKey = () => deriveSigningKey(secret, "20150830", suite.region, suite.service)

describe("AWS's SigV4 test suite", () => {
  it.each(suiteCases)("signRequest produces the published signature for $name", (c) => {
    const request = suiteRequest(c)
    const { "x-amz-date": _date, "x-amz-security-token": _token, ...headers } = request.headers as Record<string, string>
    const added = signRequestForService({
      method: c.method,
      path: c.path,
      query: c.query,
      headers,
      body: request.body,
      accessKeyId: suite.accessKeyId,
      secretAccessKey: suite.secretAccessKey,
      ...(c.sessionToken === undefined ? {} : { sessionToken: c.sessionToken }),
      region: suite.region,
      service: suite.service,
      now: suite.now
    })
    expect(added["authorization"]).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ` +
        `SignedHeaders=${c.signedHeaders}, Signature=${c.signature}`
    )
    expect(added["x-amz-date"]).toBe(suite.amzDate)
  })

  it.each(suiteCases)("the verifier accepts the published signature for $name", (c) => {
    expect(signatureMatches(suiteClaim(c), suiteRequest(c), suiteKey())).toBe(true)
  })

  it.each(suiteCases)("the verifier rejects $name with one signature digit changed", (c) => {
    const flipped = `${c.signature.slice(0, 63)}${c.signature[63] === "0" ? "1" : "0"}`
    expect(signatureMatches(suiteClaim(c, flipped), suiteRequest(c), suiteKey())).toBe(false)
  })

  it("joins a header repeated on the wire with commas, as the suite's get-header-key-duplicate expects", () => {
    const c = suiteCases.find((s) => s.name === "get-header-key-duplicate")!
    const request = { ...suiteRequest(c), headers: { ...suiteRequest(c).headers, "my-header1": ["value2", "value2", "value1"] } }
    expect(headerValue(request.headers, "my-header1")).toBe("value2,value2,value1")
    expect(signatureMatches(suiteClaim(c), request, suiteKey())).toBe(true)
  })
})
