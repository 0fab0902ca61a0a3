import {
  CreateKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  GenerateMacCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand
} from "@aws-sdk/client-kms"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rejects, removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"

/** Differences that outside suites (Terraform's aws_kms_key, SDK conformance runs) found (issue #16). */
let server: RunningServer
let kms: KMSClient
const utf8 = (s: string) => new TextEncoder().encode(s)

beforeAll(async () => {
  server = await startServer()
  kms = server.client()
})
afterAll(async () => {
  await server.stop()
  removeDir(server.dataDir)
})

describe("GetKeyRotationStatus on keys that cannot rotate", () => {
  it.each([["ECC_NIST_P256", "SIGN_VERIFY"], ["RSA_2048", "ENCRYPT_DECRYPT"], ["HMAC_256", "GENERATE_VERIFY_MAC"]] as const)(
    "answers KeyRotationEnabled false for %s, and still refuses Enable/DisableKeyRotation",
    async (KeySpec, KeyUsage) => {
      const key = (await kms.send(new CreateKeyCommand({ KeySpec, KeyUsage }))).KeyMetadata!
      const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))
      expect(status.KeyRotationEnabled).toBe(false)
      expect(status.KeyId).toBe(key.Arn)
      expect(status.RotationPeriodInDays).toBeUndefined()
      expect((await rejects(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })))).name).toBe("UnsupportedOperationException")
      expect((await rejects(kms.send(new DisableKeyRotationCommand({ KeyId: key.KeyId })))).name).toBe("UnsupportedOperationException")
    }
  )
  it("still refuses a key of origin EXTERNAL, naming the origin", async () => {
    const key = (await kms.send(new CreateKeyCommand({ Origin: "EXTERNAL" }))).KeyMetadata!
    const refused = await rejects(kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId })))
    expect([refused.name, refused.message]).toEqual([
      "UnsupportedOperationException",
      `${key.Arn} origin is EXTERNAL which is not valid for this operation.`
    ])
  })
})

describe("CreateKey with KeySpec and CustomerMasterKeySpec", () => {
  it("refuses both members even when they are equal", async () => {
    const refused = await rejects(kms.send(new CreateKeyCommand({ KeySpec: "SYMMETRIC_DEFAULT", CustomerMasterKeySpec: "SYMMETRIC_DEFAULT" })))
    expect([refused.name, refused.message]).toEqual([
      "ValidationException",
      "You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated."
    ])
  })
})

describe("Verify and VerifyMac with DryRun", () => {
  it("refuses a wrong MAC before answering the dry run", async () => {
    const key = (await kms.send(new CreateKeyCommand({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" }))).KeyMetadata!
    const request = { KeyId: key.KeyId, Message: utf8("m"), MacAlgorithm: "HMAC_SHA_256" } as const
    const { Mac } = await kms.send(new GenerateMacCommand(request))
    const wrong = await rejects(kms.send(new VerifyMacCommand({ ...request, Mac: new Uint8Array(32), DryRun: true })))
    expect(wrong.name).toBe("KMSInvalidMacException")
    const right = await rejects(kms.send(new VerifyMacCommand({ ...request, Mac, DryRun: true })))
    expect(right.name).toBe("DryRunOperationException")
  })
  it("refuses a wrong signature before answering the dry run", async () => {
    const key = (await kms.send(new CreateKeyCommand({ KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" }))).KeyMetadata!
    const request = { KeyId: key.KeyId, Message: utf8("m"), SigningAlgorithm: "ECDSA_SHA_256" } as const
    const { Signature } = await kms.send(new SignCommand(request))
    const tampered = Uint8Array.from(Signature!, (byte, i) => (i === Signature!.length - 2 ? byte ^ 1 : byte))
    const wrong = await rejects(kms.send(new VerifyCommand({ ...request, Signature: tampered, DryRun: true })))
    expect(wrong.name).toBe("KMSInvalidSignatureException")
    const right = await rejects(kms.send(new VerifyCommand({ ...request, Signature, DryRun: true })))
    expect(right.name).toBe("DryRunOperationException")
  })
})
