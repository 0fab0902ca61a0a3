import {
  AlreadyExistsException,
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EncapsulateCommand,
  DisabledException,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  KMSClient,
  KMSInvalidStateException,
  ListAliasesCommand,
  ListKeyPoliciesCommand,
  ListKeyRotationsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  NotFoundException,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  DescribeCustomKeyStoresCommand,
  paginateListKeys,
  paginateListAliases
} from "@aws-sdk/client-kms"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rejects, removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"

let server: RunningServer
let kms: KMSClient
const utf8 = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b)

beforeAll(async () => {
  server = await startServer()
  kms = server.client()
})
afterAll(async () => {
  await server.stop()
  removeDir(server.dataDir)
})


describe("@aws-sdk/client-kms against Trent", () => {
  it("creates, describes, lists, updates and deletes keys", async () => {
    const created = await kms.send(new CreateKeyCommand({ Description: "e2e", Tags: [{ TagKey: "team", TagValue: "pay" }] }))
    const metadata = created.KeyMetadata!
    expect(metadata.KeyId).toMatch(/^[0-9a-f-]{36}$/)
    expect(metadata.Arn).toBe(`arn:aws:kms:eu-west-1:111122223333:key/${metadata.KeyId}`)
    expect(metadata).toMatchObject({
      AWSAccountId: "111122223333",
      Description: "e2e",
      Enabled: true,
      KeyState: "Enabled",
      KeyUsage: "ENCRYPT_DECRYPT",
      KeySpec: "SYMMETRIC_DEFAULT",
      CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
      Origin: "AWS_KMS",
      KeyManager: "CUSTOMER",
      MultiRegion: false,
      EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"]
    })
    expect(metadata.CreationDate).toBeInstanceOf(Date)
    expect(Math.abs(metadata.CreationDate!.getTime() - Date.now())).toBeLessThan(60_000)
    const keyId = metadata.KeyId!

    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: "renamed" }))
    expect((await kms.send(new DescribeKeyCommand({ KeyId: metadata.Arn }))).KeyMetadata?.Description).toBe("renamed")
    await kms.send(new DisableKeyCommand({ KeyId: keyId }))
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe("Disabled")
    await kms.send(new EnableKeyCommand({ KeyId: keyId }))

    await kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: "env", TagValue: "test" }] }))
    await kms.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ["team"] }))
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: "env", TagValue: "test" }])

    const policy = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }))
    expect(JSON.parse(policy.Policy!).Statement[0].Principal.AWS).toBe("arn:aws:iam::111122223333:root")
    const newPolicy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }] })
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: "default", Policy: newPolicy }))
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(newPolicy)
    expect((await kms.send(new ListKeyPoliciesCommand({ KeyId: keyId }))).PolicyNames).toEqual(["default"])

    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }))
    expect(scheduled).toMatchObject({ KeyId: metadata.Arn, KeyState: "PendingDeletion", PendingWindowInDays: 7 })
    expect(scheduled.DeletionDate!.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000)
    const pending = await rejects(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("x") })))
    expect(pending).toBeInstanceOf(KMSInvalidStateException)
    expect(pending.message).toBe(`${metadata.Arn} is pending deletion.`)
    expect((await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }))).KeyId).toBe(metadata.Arn)
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe("Disabled")
  })

  it("encrypts, decrypts, re-encrypts and makes data keys and random bytes", async () => {
    const a = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const b = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    await kms.send(new CreateAliasCommand({ AliasName: "alias/e2e-a", TargetKeyId: a.KeyId }))
    const context = { purpose: "e2e", "ünï": "cödé" }
    const encrypted = await kms.send(new EncryptCommand({ KeyId: "alias/e2e-a", Plaintext: utf8("secret"), EncryptionContext: context }))
    expect(encrypted.KeyId).toBe(a.Arn)
    expect(encrypted.EncryptionAlgorithm).toBe("SYMMETRIC_DEFAULT")
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: context }))
    expect(text(decrypted.Plaintext)).toBe("secret")
    expect(decrypted.KeyId).toBe(a.Arn)
    expect(await rejects(kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob })))).toBeInstanceOf(InvalidCiphertextException)
    expect(await rejects(kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: context, KeyId: b.KeyId }))))
      .toBeInstanceOf(IncorrectKeyException)

    const moved = await kms.send(new ReEncryptCommand({
      CiphertextBlob: encrypted.CiphertextBlob,
      SourceEncryptionContext: context,
      DestinationKeyId: b.Arn
    }))
    expect(moved).toMatchObject({ SourceKeyId: a.Arn, KeyId: b.Arn })
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob }))).Plaintext)).toBe("secret")

    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: a.Arn, KeySpec: "AES_256" }))
    expect(dataKey.Plaintext).toHaveLength(32)
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }))).Plaintext).toEqual(dataKey.Plaintext)
    const withoutPlaintext = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: a.KeyId, NumberOfBytes: 64 }))
    expect((withoutPlaintext as { Plaintext?: unknown }).Plaintext).toBeUndefined()
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: withoutPlaintext.CiphertextBlob }))).Plaintext).toHaveLength(64)
    expect((await kms.send(new GenerateRandomCommand({ NumberOfBytes: 1024 }))).Plaintext).toHaveLength(1024)

    await kms.send(new DisableKeyCommand({ KeyId: a.KeyId }))
    const disabled = await rejects(kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: context })))
    expect(disabled).toBeInstanceOf(DisabledException)
    expect(disabled.message).toBe(`${a.Arn} is disabled.`)
  })

  it("rotates keys on demand and automatically, listing rotations, and old ciphertext still decrypts", async () => {
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const before = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("before") }))
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 180 }))
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))
    expect(status).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 180, KeyId: key.Arn })
    expect(status.NextRotationDate).toBeInstanceOf(Date)
    expect((await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }))).KeyId).toBe(key.Arn)
    const rotations = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))
    expect(rotations.Rotations).toHaveLength(1)
    expect(rotations.Rotations?.[0]).toMatchObject({ KeyId: key.Arn, RotationType: "ON_DEMAND" })
    expect(rotations.Truncated).toBe(false)
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }))).Plaintext)).toBe("before")
    await kms.send(new DisableKeyRotationCommand({ KeyId: key.KeyId }))
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).KeyRotationEnabled).toBe(false)
  })

  it("manages aliases with AWS's errors", async () => {
    const a = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const b = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    await kms.send(new CreateAliasCommand({ AliasName: "alias/e2e-x", TargetKeyId: a.KeyId }))
    expect(await rejects(kms.send(new CreateAliasCommand({ AliasName: "alias/e2e-x", TargetKeyId: b.KeyId })))).toBeInstanceOf(AlreadyExistsException)
    await kms.send(new UpdateAliasCommand({ AliasName: "alias/e2e-x", TargetKeyId: b.Arn }))
    const listed = await kms.send(new ListAliasesCommand({ KeyId: b.KeyId }))
    expect(listed.Aliases?.map((x) => [x.AliasName, x.TargetKeyId, x.AliasArn])).toEqual([
      ["alias/e2e-x", b.KeyId, "arn:aws:kms:eu-west-1:111122223333:alias/e2e-x"]
    ])
    expect(listed.Aliases?.[0]?.CreationDate).toBeInstanceOf(Date)
    await kms.send(new DeleteAliasCommand({ AliasName: "alias/e2e-x" }))
    const missing = await rejects(kms.send(new DescribeKeyCommand({ KeyId: "alias/e2e-x" })))
    expect(missing).toBeInstanceOf(NotFoundException)
    expect(missing.message).toBe("Alias arn:aws:kms:eu-west-1:111122223333:alias/e2e-x is not found.")
    const invalid = await rejects(kms.send(new CreateAliasCommand({ AliasName: "no-prefix", TargetKeyId: a.KeyId })))
    expect(invalid.name).toBe("ValidationException")
  })

  it("paginates every list operation with Limit, Marker, Truncated and NextMarker", async () => {
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    for (let i = 0; i < 5; i++) await kms.send(new CreateAliasCommand({ AliasName: `alias/page-${i}`, TargetKeyId: key.KeyId }))
    await kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [1, 2, 3].map((i) => ({ TagKey: `t${i}`, TagValue: "" })) }))
    for (let i = 0; i < 3; i++) await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }))

    const keys: Array<string> = []
    for await (const page of paginateListKeys({ client: kms, pageSize: 2 }, {})) keys.push(...(page.Keys ?? []).map((k) => k.KeyId!))
    expect(keys).toContain(key.KeyId)
    expect(new Set(keys).size).toBe(keys.length)
    const aliases: Array<string> = []
    for await (const page of paginateListAliases({ client: kms, pageSize: 2 }, { KeyId: key.KeyId })) {
      aliases.push(...(page.Aliases ?? []).map((a) => a.AliasName!))
    }
    expect(aliases).toEqual([0, 1, 2, 3, 4].map((i) => `alias/page-${i}`))

    const firstTags = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 2 }))
    expect(firstTags).toMatchObject({ Truncated: true })
    expect(firstTags.NextMarker).toBeTypeOf("string")
    const restTags = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 2, Marker: firstTags.NextMarker }))
    expect(restTags.Tags).toEqual([{ TagKey: "t3", TagValue: "" }])
    expect(restTags.Truncated).toBe(false)
    expect(restTags.NextMarker).toBeUndefined()

    const firstRotations = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, Limit: 2 }))
    expect(firstRotations.Rotations).toHaveLength(2)
    const restRotations = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, Limit: 2, Marker: firstRotations.NextMarker }))
    expect(restRotations.Rotations).toHaveLength(1)
    const policies = await kms.send(new ListKeyPoliciesCommand({ KeyId: key.KeyId, Limit: 1 }))
    expect(policies).toMatchObject({ PolicyNames: ["default"], Truncated: false })

    const badMarker = await rejects(kms.send(new ListKeysCommand({ Marker: "bogus" })))
    expect(badMarker.name).toBe("InvalidMarkerException")
  })

  it("answers validation errors, operations it does not know, and unknown keys as AWS does", async () => {
    const tooBig = await rejects(kms.send(new GenerateRandomCommand({ NumberOfBytes: 2048 })))
    expect(tooBig.name).toBe("ValidationException")
    expect(tooBig.message).toBe("1 validation error detected: Value '2048' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024")
    expect(tooBig.$metadata.httpStatusCode).toBe(400)
    // Encapsulate and Decapsulate (ML-KEM) are the SDK's only operations Trent does not know yet: a target it does not know.
    const unserved = await rejects(kms.send(new EncapsulateCommand({ KeyId: "1234abcd-12ab-34cd-56ef-1234567890ab", EncapsulationAlgorithm: "ML_KEM" })))
    expect(unserved.name).toBe("UnknownOperationException")
    expect(unserved.$metadata.httpStatusCode).toBe(400)
    expect((await kms.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores).toEqual([])
    const unknown = await rejects(kms.send(new DescribeKeyCommand({ KeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" })))
    expect(unknown).toBeInstanceOf(NotFoundException)
    expect(unknown.message).toBe("Key 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' does not exist")
    expect(unknown.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it("keeps Regions isolated: a key of one Region is not found in another", async () => {
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const other = server.client("us-east-1")
    expect(await rejects(other.send(new DescribeKeyCommand({ KeyId: key.KeyId })))).toBeInstanceOf(NotFoundException)
    const created = (await other.send(new CreateKeyCommand({}))).KeyMetadata!
    expect(created.Arn).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\//)
  })
})
