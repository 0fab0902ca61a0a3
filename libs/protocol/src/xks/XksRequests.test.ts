import { createHash } from "node:crypto"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { xksErrorOf, xksErrorResponse } from "./XksError.ts"
import { decodeXksRequest } from "./XksRequests.ts"
import { cdivInput, encodeXksEncryptResponse } from "./XksResponses.ts"

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"))
const text = (value: Uint8Array) => Buffer.from(value).toString("utf8")

// The spec's payload examples (its JSON lacks a few commas; they are added here).
const encryptExample = {
  requestMetadata: {
    awsPrincipalArn: "arn:aws:iam::123456789012:user/Alice",
    kmsKeyArn: "arn:aws:kms:us-east-2:123456789012:/key/1234abcd-12ab-34cd-56ef-1234567890ab",
    kmsOperation: "Encrypt",
    kmsRequestId: "4112f4d6-db54-4af4-ae30-c55a22a8dfae",
    kmsViaService: "ebs"
  },
  additionalAuthenticatedData: "cHJvamVjdD1uaWxlLGRlcGFydG1lbnQ9bWFya2V0aW5n",
  plaintext: "SGVsbG8gV29ybGQh",
  encryptionAlgorithm: "AES_GCM",
  ciphertextDataIntegrityValueAlgorithm: "SHA_256"
}

const decryptExample = {
  requestMetadata: { ...encryptExample.requestMetadata, kmsOperation: "Decrypt", kmsRequestId: "5112f4d6-db54-4af4-ae30-c55a22a8dfae" },
  additionalAuthenticatedData: "cHJvamVjdD1uaWxlLGRlcGFydG1lbnQ9bWFya2V0aW5n",
  encryptionAlgorithm: "AES_GCM",
  ciphertext: "ghxkK1txeDNn3q8Y",
  ciphertextMetadata: "a2V5X3ZlcnNpb249MQ==",
  initializationVector: "HMrlRw85cAJUd5Ax",
  authenticationTag: "vBxN2ncH1oEkR8WVXpmyYQ=="
}

const errorName = (result: Result.Result<unknown, { readonly errorName: string }>) =>
  Result.isFailure(result) ? result.failure.errorName : "Success"

describe("XKS request decoding", () => {
  it("decodes the spec's Encrypt example", () => {
    const decoded = Result.getOrThrow(decodeXksRequest("Encrypt", encryptExample))
    expect(text(decoded.plaintext)).toBe("Hello World!")
    expect(text(decoded.additionalAuthenticatedData!)).toBe("project=nile,department=marketing")
    expect(decoded.ciphertextDataIntegrityValueAlgorithm).toBe("SHA_256")
    expect(decoded.requestMetadata.kmsViaService).toBe("ebs")
  })

  it("decodes the spec's Decrypt example", () => {
    const decoded = Result.getOrThrow(decodeXksRequest("Decrypt", decryptExample))
    expect(text(decoded.ciphertextMetadata!)).toBe("key_version=1")
    expect(decoded.initializationVector.length).toBe(12)
    expect(decoded.authenticationTag.length).toBe(16)
  })

  it("decodes the spec's GetKeyMetadata (no kmsKeyArn for CreateKey) and GetHealthStatus examples", () => {
    const metadata = { requestMetadata: { awsPrincipalArn: "arn:aws:iam::123456789012:user/Alice", kmsOperation: "CreateKey", kmsRequestId: "4112f4d6" } }
    expect(errorName(decodeXksRequest("GetKeyMetadata", metadata))).toBe("Success")
    const health = { requestMetadata: { kmsRequestId: "4112f4d6-db54-4af4-ae30-c55a22a8dfae", kmsOperation: "CreateCustomKeyStore" } }
    expect(errorName(decodeXksRequest("GetHealthStatus", health))).toBe("Success")
  })

  it("accepts requestMetadata fields KMS may add later, and any kmsOperation (Appendix B)", () => {
    const future = { ...encryptExample, requestMetadata: { ...encryptExample.requestMetadata, kmsOperation: "BulkEncrypt", sourceIdentity: "x" } }
    expect(errorName(decodeXksRequest("Encrypt", future))).toBe("Success")
  })

  it.each([
    ["no requestMetadata", { ...encryptExample, requestMetadata: undefined }],
    ["no kmsKeyArn", { ...encryptExample, requestMetadata: { ...encryptExample.requestMetadata, kmsKeyArn: undefined } }],
    ["no awsPrincipalArn", { ...encryptExample, requestMetadata: { ...encryptExample.requestMetadata, awsPrincipalArn: undefined } }],
    ["no kmsRequestId", { ...encryptExample, requestMetadata: { ...encryptExample.requestMetadata, kmsRequestId: undefined } }],
    ["no plaintext", { ...encryptExample, plaintext: undefined }],
    ["plaintext not Base64", { ...encryptExample, plaintext: "not base64!" }],
    ["plaintext a number", { ...encryptExample, plaintext: 7 }],
    ["no encryptionAlgorithm", { ...encryptExample, encryptionAlgorithm: undefined }],
    ["encryptionAlgorithm AES_GCM_256", { ...encryptExample, encryptionAlgorithm: "AES_GCM_256" }],
    ["CDIV algorithm SHA_512", { ...encryptExample, ciphertextDataIntegrityValueAlgorithm: "SHA_512" }],
    ["a body that is an array", [encryptExample]]
  ])("answers ValidationException for an Encrypt with %s", (_, body) => {
    expect(errorName(decodeXksRequest("Encrypt", body))).toBe("ValidationException")
  })

  it("answers ValidationException for a Decrypt without IV or tag, or with ciphertextMetadata over 20 bytes", () => {
    expect(errorName(decodeXksRequest("Decrypt", { ...decryptExample, initializationVector: undefined }))).toBe("ValidationException")
    expect(errorName(decodeXksRequest("Decrypt", { ...decryptExample, authenticationTag: undefined }))).toBe("ValidationException")
    const long = Buffer.alloc(21).toString("base64")
    expect(errorName(decodeXksRequest("Decrypt", { ...decryptExample, ciphertextMetadata: long }))).toBe("ValidationException")
  })

  it("answers UnsupportedOperationException (501) for a plaintext beyond Trent's limit, which is above the spec's 4300 bytes", () => {
    expect(errorName(decodeXksRequest("Encrypt", { ...encryptExample, plaintext: Buffer.alloc(4300).toString("base64") }))).toBe("Success")
    const result = decodeXksRequest("Encrypt", { ...encryptExample, plaintext: Buffer.alloc(6145).toString("base64") })
    expect(errorName(result)).toBe("UnsupportedOperationException")
    expect(xksErrorResponse(Result.isFailure(result) ? result.failure : { errorName: "InternalException" }).status).toBe(501)
  })
})

describe("XKS responses", () => {
  it("computes the spec's Ciphertext Data Integrity Value example (Appendix C)", () => {
    const output = {
      ciphertext: bytes("ghxkK1txeDNn3q8Y"),
      ciphertextMetadata: bytes("a2V5X3ZlcnNpb249MQ=="),
      initializationVector: bytes("HMrlRw85cAJUd5Ax"),
      authenticationTag: bytes("vBxN2ncH1oEkR8WVXpmyYQ==")
    }
    const input = cdivInput(bytes("cHJvamVjdD1uaWxlLGRlcGFydG1lbnQ9bWFya2V0aW5n"), output)
    expect(input.length).toBe(86)
    const cdiv = createHash("sha256").update(input).digest()
    expect(cdiv.toString("base64")).toBe("qHA/ImC9h5HsLRXqCyPmWgYx7tzyoTplzILbP0fPXsc=")
    expect(JSON.parse(encodeXksEncryptResponse({ ...output, ciphertextDataIntegrityValue: new Uint8Array(cdiv) }))).toEqual({
      authenticationTag: "vBxN2ncH1oEkR8WVXpmyYQ==",
      ciphertext: "ghxkK1txeDNn3q8Y",
      ciphertextDataIntegrityValue: "qHA/ImC9h5HsLRXqCyPmWgYx7tzyoTplzILbP0fPXsc=",
      ciphertextMetadata: "a2V5X3ZlcnNpb249MQ==",
      initializationVector: "HMrlRw85cAJUd5Ax"
    })
  })

  it.each([
    ["ValidationException", 400], ["InvalidStateException", 400], ["InvalidCiphertextException", 400], ["InvalidKeyUsageException", 400],
    ["AuthenticationFailedException", 401], ["AccessDeniedException", 403], ["KeyNotFoundException", 404], ["InvalidUriPathException", 404],
    ["ThrottlingException", 429], ["UnsupportedOperationException", 501], ["DependencyTimeoutException", 503], ["InternalException", 500]
  ] as const)("answers %s with HTTP %i, as the spec's error table says", (name, status) => {
    const response = xksErrorResponse({ errorName: name })
    expect(response.status).toBe(status)
    expect(JSON.parse(response.body)).toEqual({ errorName: name })
  })

  it("never answers the detail of an internal failure, and keeps messages printable ASCII under 512 characters", () => {
    const internal = xksErrorOf({ _tag: "RegionInternalError", message: "material abc of key k does not unwrap" })
    expect(internal.errorName).toBe("InternalException")
    expect(internal.errorMessage).not.toContain("unwrap")
    const long = xksErrorResponse({ errorName: "KeyNotFoundException", errorMessage: "é".repeat(600) })
    const message = (JSON.parse(long.body) as { errorMessage: string }).errorMessage
    expect(message.length).toBeLessThan(512)
    expect(message).toMatch(/^[\x20-\x7e]*$/)
  })
})
