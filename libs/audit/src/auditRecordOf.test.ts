import { SecretBytes } from "@trent/crypto"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { AuditRecord } from "./AuditRecord.ts"
import { auditRecordOf } from "./auditRecordOf.ts"
import { account, alice, keyArn, region, sampleInput } from "./auditFixtures.test-support.ts"

const decodes = (record: unknown) => expect(() => Schema.decodeUnknownSync(AuditRecord)(record)).not.toThrow()

describe("auditRecordOf", () => {
  it("writes an Encrypt call as CloudTrail does: parameters without the plaintext, null responseElements, keyMaterialId aside", () => {
    const record = auditRecordOf(sampleInput(0, {
      response: { ciphertextBlob: new Uint8Array(32), keyId: keyArn(0), encryptionAlgorithm: "SYMMETRIC_DEFAULT", keyMaterialId: "ab".repeat(32) }
    }))
    // After the example in ct-encrypt.html.
    expect(record).toEqual({
      eventVersion: "1.08",
      userIdentity: alice,
      eventTime: "2026-11-28T14:03:05Z",
      eventSource: "kms.amazonaws.com",
      eventName: "Encrypt",
      awsRegion: region,
      sourceIPAddress: "192.0.2.0",
      userAgent: "aws-cli/2.27.0",
      requestParameters: {
        keyId: keyArn(0),
        encryptionContext: { Department: "Engineering" },
        encryptionAlgorithm: "SYMMETRIC_DEFAULT"
      },
      responseElements: null,
      additionalEventData: { keyMaterialId: "ab".repeat(32) },
      requestID: sampleInput(0).requestId,
      eventID: sampleInput(0).eventId,
      readOnly: true,
      resources: [{ accountId: account, type: "AWS::KMS::Key", ARN: keyArn(0) }],
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: account,
      eventCategory: "Management"
    })
    decodes(record)
  })

  it("records the caller's identity fields only, not the rest of the server's principal", () => {
    const principal = { ...alice, identityPolicies: [{ Statement: [] }], secretAccessKey: "wJalrXUtnFEMI" }
    expect(auditRecordOf(sampleInput(0, { principal })).userIdentity).toEqual(alice)
  })

  it("truncates eventTime to the second in UTC", () => {
    expect(auditRecordOf(sampleInput(0, { time: Date.UTC(2026, 0, 2, 3, 4, 5, 999) })).eventTime).toBe("2026-01-02T03:04:05Z")
  })

  it("records CreateKey's key metadata under keyMetadata, with AWSAccountId and ISO dates", () => {
    const record = auditRecordOf(sampleInput(0, {
      operation: "CreateKey",
      request: { description: "", keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", policy: "{\"Version\":\"2012-10-17\"}", tags: [{ tagKey: "team", tagValue: "audit" }] },
      response: {
        awsAccountId: account,
        keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
        arn: keyArn(1),
        creationDate: Date.UTC(2026, 10, 28, 14, 3, 5),
        enabled: true,
        description: "",
        keyUsage: "ENCRYPT_DECRYPT",
        keyState: "Enabled",
        deletionDate: undefined,
        origin: "AWS_KMS",
        keyManager: "CUSTOMER",
        keySpec: "SYMMETRIC_DEFAULT",
        encryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
        multiRegion: false
      },
      resources: [keyArn(1)]
    }))
    expect(record.readOnly).toBe(false)
    expect(record.requestParameters).toEqual({
      description: "",
      keySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
      policy: "{\"Version\":\"2012-10-17\"}",
      tags: [{ tagKey: "team", tagValue: "audit" }]
    })
    expect(record.responseElements).toEqual({
      keyMetadata: {
        AWSAccountId: account,
        keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
        arn: keyArn(1),
        creationDate: "2026-11-28T14:03:05Z",
        enabled: true,
        description: "",
        keyUsage: "ENCRYPT_DECRYPT",
        keyState: "Enabled",
        origin: "AWS_KMS",
        keyManager: "CUSTOMER",
        keySpec: "SYMMETRIC_DEFAULT",
        encryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
        multiRegion: false
      }
    })
    decodes(record)
  })

  it("keeps PutKeyPolicy's policy text, as CloudTrail does (ct-put-key-policy.html)", () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [] })
    const record = auditRecordOf(sampleInput(0, { operation: "PutKeyPolicy", request: { keyId: keyArn(0), policyName: "default", policy }, response: undefined }))
    expect(record.requestParameters).toEqual({ keyId: keyArn(0), policyName: "default", policy })
    expect(record.responseElements).toBeNull()
  })

  it("records a grant's parameters and id but never its grant token or the tokens it was called with", () => {
    const record = auditRecordOf(sampleInput(0, {
      operation: "CreateGrant",
      request: {
        keyId: keyArn(0),
        granteePrincipal: alice.arn,
        operations: ["Encrypt", "Decrypt"],
        constraints: { encryptionContextSubset: { app: "x" } },
        grantTokens: ["earlier-grant-token"]
      },
      response: { grantToken: "new-grant-token", grantId: "f020fe75" }
    }))
    expect(record.requestParameters).toEqual({
      keyId: keyArn(0),
      granteePrincipal: alice.arn,
      operations: ["Encrypt", "Decrypt"],
      constraints: { encryptionContextSubset: { app: "x" } }
    })
    expect(record.responseElements).toEqual({ grantId: "f020fe75" })
    expect(JSON.stringify(record)).not.toMatch(/grant-token/)
  })

  it("gives ScheduleKeyDeletion's deletion date as an ISO time", () => {
    const record = auditRecordOf(sampleInput(0, {
      operation: "ScheduleKeyDeletion",
      request: { keyId: keyArn(0), pendingWindowInDays: 7 },
      response: { keyId: keyArn(0), deletionDate: Date.UTC(2026, 11, 5), keyState: "PendingDeletion", pendingWindowInDays: 7 }
    }))
    expect(record.responseElements).toEqual({
      keyId: keyArn(0),
      deletionDate: "2026-12-05T00:00:00Z",
      keyState: "PendingDeletion",
      pendingWindowInDays: 7
    })
  })

  it("records a failed request with errorCode and errorMessage, and nothing of its result", () => {
    const record = auditRecordOf(sampleInput(0, {
      operation: "Decrypt",
      request: { ciphertextBlob: new Uint8Array(64) },
      response: { plaintext: SecretBytes.copy(new Uint8Array(16)), keyMaterialId: "cd".repeat(32) },
      error: { code: "AccessDeniedException", message: "User is not authorized to perform kms:Decrypt" }
    }))
    expect(record).toMatchObject({
      errorCode: "AccessDeniedException",
      errorMessage: "User is not authorized to perform kms:Decrypt",
      requestParameters: null,
      responseElements: null
    })
    expect(record).not.toHaveProperty("additionalEventData")
    decodes(record)
  })

  it("records an unknown operation under its name with no parameters", () => {
    const record = auditRecordOf(sampleInput(0, { operation: "TrentSecretBackdoor", request: { keyId: "k" }, resources: [] }))
    expect(record).toMatchObject({ eventName: "TrentSecretBackdoor", requestParameters: null, responseElements: null, readOnly: false })
    expect(record.resources).toEqual([])
    expect(record.recipientAccountId).toBe(account)
  })

  it("writes null, not {}, for a request with nothing to record, and marks requests Trent issued itself", () => {
    const record = auditRecordOf(sampleInput(0, { operation: "ListKeys", request: {}, sourceIp: undefined, userAgent: undefined }))
    expect(record).toMatchObject({ requestParameters: null, sourceIPAddress: "Trent Internal", userAgent: "Trent Internal" })
  })

  it("names both keys of a ReEncrypt as resources, the key owner as recipient", () => {
    const other = "arn:aws:kms:eu-west-1:444455556666:key/abcd"
    const record = auditRecordOf(sampleInput(0, {
      operation: "ReEncrypt",
      request: { sourceKeyId: other, destinationKeyId: keyArn(0), ciphertextBlob: new Uint8Array(40) },
      resources: [other, keyArn(0)]
    }))
    expect(record.resources.map((r) => [r.accountId, r.ARN])).toEqual([["444455556666", other], [account, keyArn(0)]])
    expect(record.recipientAccountId).toBe("444455556666")
    expect(record.requestParameters).toEqual({ sourceKeyId: other, destinationKeyId: keyArn(0) })
  })
})
