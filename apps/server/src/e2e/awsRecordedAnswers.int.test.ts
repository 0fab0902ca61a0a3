import {
  CreateKeyCommand,
  type CreateKeyCommandInput,
  DeleteImportedKeyMaterialCommand,
  DeriveSharedSecretCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  type ImportKeyMaterialCommandInput,
  KMSClient,
  type MacAlgorithmSpec,
  ReEncryptCommand,
  ReplicateKeyCommand,
  TagResourceCommand,
  VerifyMacCommand
} from "@aws-sdk/client-kms"
import { generateKeyPairSync, randomBytes } from "node:crypto"
import { importedMaterialId } from "@trent/crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { wrapWithNode } from "./importWrapping.test-support.ts"
import { rejects, removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"

/**
 * Answers that once differed, field by field, from responses recorded from real
 * AWS KMS; each test asserts AWS's exact answer through @aws-sdk/client-kms.
 */
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

const createKey = async (input: CreateKeyCommandInput = {}) => (await kms.send(new CreateKeyCommand(input))).KeyMetadata!
const describeKey = async (keyId: string) => (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!
const importMaterial = async (keyId: string, material: Uint8Array, terms: Partial<ImportKeyMaterialCommandInput> = {}) => {
  const { ImportToken, PublicKey } = await kms.send(new GetParametersForImportCommand({
    KeyId: keyId, WrappingAlgorithm: "RSA_AES_KEY_WRAP_SHA_256", WrappingKeySpec: "RSA_2048"
  }))
  return kms.send(new ImportKeyMaterialCommand({
    KeyId: keyId,
    ImportToken,
    EncryptedKeyMaterial: wrapWithNode("RSA_AES_KEY_WRAP_SHA_256", PublicKey!, material),
    ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE",
    ...terms
  }))
}
const pkcs8 = (pair: { readonly privateKey: { export(options: { format: "der"; type: "pkcs8" }): Buffer } }) =>
  new Uint8Array(pair.privateKey.export({ format: "der", type: "pkcs8" }))

describe("DescribeKey after DeleteImportedKeyMaterial", () => {
  it.each([
    ["SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", () => randomBytes(32)],
    ["RSA_2048", "SIGN_VERIFY", () => pkcs8(generateKeyPairSync("rsa", { modulusLength: 2048 }))],
    ["ECC_NIST_P256", "SIGN_VERIFY", () => pkcs8(generateKeyPairSync("ec", { namedCurve: "prime256v1" }))],
    ["HMAC_256", "GENERATE_VERIFY_MAC", () => randomBytes(32)]
  ] as const)("%s: omits ExpirationModel while the key is back in PendingImport", async (KeySpec, KeyUsage, material) => {
    const key = await createKey({ Origin: "EXTERNAL", KeySpec, KeyUsage })
    await importMaterial(key.KeyId!, material())
    expect(await describeKey(key.KeyId!)).toMatchObject({ KeyState: "Enabled", ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" })
    await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }))
    const deleted = await describeKey(key.KeyId!)
    expect(deleted).toMatchObject({ KeyState: "PendingImport", Enabled: false, Origin: "EXTERNAL" })
    expect(deleted).not.toHaveProperty("ExpirationModel")
    expect(deleted).not.toHaveProperty("ValidTo")
  })
})

describe("the reserved tag prefix", () => {
  it.each(["AWS:key1", "Aws:key1"])("refuses %s in CreateKey and TagResource with TagException", async (TagKey) => {
    const created = await rejects(createKey({ Tags: [{ TagKey, TagValue: "v" }] }))
    expect([created.name, created.message]).toEqual(["TagException", "Tags beginning with aws: are reserved"])
    const key = await createKey()
    const tagged = await rejects(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey, TagValue: "v" }] })))
    expect([tagged.name, tagged.message]).toEqual(["TagException", "Tags beginning with aws: are reserved"])
  })
})

describe("ReEncrypt with a SourceKeyId that did not encrypt", () => {
  it("answers IncorrectKeyException even when that key is an HMAC key", async () => {
    const key = await createKey()
    const hmac = await createKey({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" })
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("s") }))
    const error = await rejects(kms.send(new ReEncryptCommand({ CiphertextBlob, SourceKeyId: hmac.KeyId, DestinationKeyId: hmac.KeyId })))
    expect([error.name, error.message]).toEqual([
      "IncorrectKeyException",
      "The key ID in the request does not identify a CMK that can perform this operation."
    ])
  })
})

describe("ReplicateKey", () => {
  const replicaArn = (keyId: string) => `arn:aws:kms:us-east-1:111122223333:key/${keyId}`
  it("answers a request without tags with a Creating replica that has no CurrentKeyMaterialId, and no ReplicaTags", async () => {
    const primary = await createKey({ MultiRegion: true })
    const replicated = await kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: "us-east-1" }))
    expect(replicated.ReplicaKeyMetadata).toMatchObject({ Arn: replicaArn(primary.KeyId!), KeyState: "Creating", Enabled: false })
    expect(replicated.ReplicaKeyMetadata).not.toHaveProperty("CurrentKeyMaterialId")
    expect(replicated).not.toHaveProperty("ReplicaTags")
  })
  it("refuses a replica: '<key ARN> is not a multi-region primary key.'", async () => {
    const primary = await createKey({ MultiRegion: true })
    await kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: "us-east-1" }))
    const east = server.client("us-east-1")
    const error = await rejects(east.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: "eu-west-1" })))
    expect([error.name, error.message]).toEqual(["UnsupportedOperationException", `${replicaArn(primary.KeyId!)} is not a multi-region primary key.`])
  })
})

describe("ImportKeyMaterial with new material while other material is pending rotation", () => {
  it("names the key by its ARN in KMSInvalidStateException", async () => {
    const key = await createKey({ Origin: "EXTERNAL" })
    await importMaterial(key.KeyId!, randomBytes(32))
    const pending = await importMaterial(key.KeyId!, randomBytes(32), { ImportType: "NEW_KEY_MATERIAL" })
    const other = randomBytes(32)
    const error = await rejects(importMaterial(key.KeyId!, other, { ImportType: "NEW_KEY_MATERIAL" }))
    expect([error.name, error.message]).toEqual([
      "KMSInvalidStateException",
      `New key material (id: ${importedMaterialId(key.KeyId!, other)}) cannot be imported into KMS key ${key.Arn}, ` +
      `because another key material (id: ${pending.KeyMaterialId}) is pending rotation.`
    ])
  })
})

describe("GenerateMac and VerifyMac with an invalid MacAlgorithm", () => {
  it("lists the allowed values in AWS's order", async () => {
    const key = await createKey({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" })
    const MacAlgorithm = "INVALID" as MacAlgorithmSpec
    const expected = "1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: " +
      "Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]"
    for (const call of [
      kms.send(new GenerateMacCommand({ KeyId: key.KeyId, Message: utf8("m"), MacAlgorithm })),
      kms.send(new VerifyMacCommand({ KeyId: key.KeyId, Message: utf8("m"), Mac: utf8("mac"), MacAlgorithm }))
    ]) {
      const error = await rejects(call)
      expect([error.name, error.message]).toEqual(["ValidationException", expected])
    }
  })
})

describe("DeriveSharedSecret with a malformed PublicKey", () => {
  it("answers ValidationException with an empty message", async () => {
    const key = await createKey({ KeySpec: "ECC_NIST_P256", KeyUsage: "KEY_AGREEMENT" })
    const error = await rejects(kms.send(new DeriveSharedSecretCommand({
      KeyId: key.KeyId, KeyAgreementAlgorithm: "ECDH", PublicKey: new Uint8Array([1, 2, 3, 4])
    })))
    expect(error.name).toBe("ValidationException")
    // A body without message text (AWS's "" as botocore records it) is what the JS SDK calls "UnknownError".
    expect(error.message).toBe("UnknownError")
  })
})
