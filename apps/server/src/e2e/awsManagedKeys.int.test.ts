import {
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  type KMSServiceException,
  ListAliasesCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UpdateKeyDescriptionCommand
} from "@aws-sdk/client-kms"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RunningServer, removeDir, startServer } from "./serverFixture.test-support.ts"

let server: RunningServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
  removeDir(server.dataDir)
})

const refusal = (promise: Promise<unknown>) =>
  promise.then(() => "succeeded", (error: KMSServiceException) => error.name)

describe("AWS managed keys over the SDK", () => {
  it("DescribeKey on alias/aws/s3 creates the key: KeyManager AWS, AWS's policy, readable by the account", async () => {
    const kms = server.client()
    const key = (await kms.send(new DescribeKeyCommand({ KeyId: "alias/aws/s3" }))).KeyMetadata!
    expect(key).toMatchObject({ KeyManager: "AWS", KeySpec: "SYMMETRIC_DEFAULT", KeyUsage: "ENCRYPT_DECRYPT", Enabled: true, Origin: "AWS_KMS" })
    const policy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId! }))).Policy!)
    expect(policy.Id).toBe("auto-s3-2")
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId! }))).KeyRotationEnabled).toBe(true)
    const listed = (await kms.send(new ListAliasesCommand({}))).Aliases!
    expect(listed.find((a) => a.AliasName === "alias/aws/s3")).toMatchObject({ TargetKeyId: key.KeyId })
    // Predefined aliases whose key does not exist yet are listed without a target, as AWS lists them.
    const ebs = listed.find((a) => a.AliasName === "alias/aws/ebs")!
    expect(ebs).toEqual({ AliasName: "alias/aws/ebs", AliasArn: "arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs" })
  })

  it("lets users neither use it directly (only through its service) nor change, disable or delete it", async () => {
    const kms = server.client()
    const keyId = (await kms.send(new DescribeKeyCommand({ KeyId: "alias/aws/secretsmanager" }))).KeyMetadata!.KeyId!
    const plaintext = new TextEncoder().encode("x")
    expect(await refusal(kms.send(new EncryptCommand({ KeyId: "alias/aws/secretsmanager", Plaintext: plaintext })))).toBe("AccessDeniedException")
    expect(await refusal(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: "default", Policy: "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }))))
      .toBe("AccessDeniedException")
    expect(await refusal(kms.send(new DisableKeyCommand({ KeyId: keyId })))).toBe("AccessDeniedException")
    expect(await refusal(kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 })))).toBe("AccessDeniedException")
    expect(await refusal(kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: "a", TagValue: "b" }] })))).toBe("AccessDeniedException")
    expect(await refusal(kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: "mine" })))).toBe("AccessDeniedException")
    expect(await refusal(kms.send(new DeleteAliasCommand({ AliasName: "alias/aws/secretsmanager" })))).toBe("NotAuthorizedException")
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({ KeyState: "Enabled", KeyManager: "AWS" })
  })

  it("answers NotFound for an alias/aws/ name that is no AWS service", async () => {
    expect(await refusal(server.client().send(new DescribeKeyCommand({ KeyId: "alias/aws/nonsense" })))).toBe("NotFoundException")
  })
})
