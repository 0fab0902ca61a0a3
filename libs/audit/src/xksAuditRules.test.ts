import { describe, expect, it } from "vitest"
import { auditRecordOf } from "./auditRecordOf.ts"
import { sampleInput } from "./auditFixtures.test-support.ts"

const requestMetadata = {
  awsPrincipalArn: "arn:aws:iam::123456789012:user/Alice",
  kmsKeyArn: "arn:aws:kms:us-east-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  kmsOperation: "Encrypt",
  kmsRequestId: "4112f4d6-db54-4af4-ae30-c55a22a8dfae",
  kmsViaService: "ebs"
}

describe("audit records of XKS proxy calls", () => {
  it("keep the requestMetadata and the external key id, never plaintext, AAD or ciphertext parts", () => {
    const record = auditRecordOf(sampleInput(0, {
      operation: "XksProxy.Encrypt",
      request: {
        uriPath: "/keystores/orders/kms/xks/v1",
        externalKeyId: "orders-1",
        requestMetadata,
        plaintext: new Uint8Array([1, 2, 3]),
        additionalAuthenticatedData: new Uint8Array([4]),
        encryptionAlgorithm: "AES_GCM"
      },
      response: { ciphertext: new Uint8Array([9]), initializationVector: new Uint8Array(12), authenticationTag: new Uint8Array(16) }
    }))
    expect(record.eventName).toBe("XksProxy.Encrypt")
    expect(record.requestParameters).toEqual({ uriPath: "/keystores/orders/kms/xks/v1", externalKeyId: "orders-1", requestMetadata, encryptionAlgorithm: "AES_GCM" })
    expect(record.responseElements).toBeNull()
  })

  it("keep GetKeyMetadata's answer", () => {
    const record = auditRecordOf(sampleInput(0, {
      operation: "XksProxy.GetKeyMetadata",
      request: { externalKeyId: "orders-1", requestMetadata },
      response: { keySpec: "AES_256", keyUsage: ["ENCRYPT", "DECRYPT"], keyStatus: "ENABLED", keyArn: "x" }
    }))
    expect(record.responseElements).toEqual({ keySpec: "AES_256", keyUsage: ["ENCRYPT", "DECRYPT"], keyStatus: "ENABLED" })
  })
})
