import { randomBytes } from "node:crypto"
import { buildClient, CommitmentPolicy, getClient, KmsKeyringNode } from "@aws-crypto/client-node"
import { CreateKeyCommand, KMS } from "@aws-sdk/client-kms"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"

let server: RunningServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
  removeDir(server.dataDir)
})

describe("the AWS Encryption SDK for JavaScript with a KMS keyring pointed at Trent", () => {
  it("encrypts and decrypts a 1 MiB message", async () => {
    const kms = server.client()
    const keyArn = (await kms.send(new CreateKeyCommand({ Description: "esdk" }))).KeyMetadata!.Arn!
    const clientProvider = getClient(KMS, { endpoint: server.url, credentials: server.credentials })
    const keyring = new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider })
    const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)
    const message = randomBytes(1024 * 1024)
    const context = { stage: "e2e", purpose: "esdk" }
    const { result } = await encrypt(keyring, message, { encryptionContext: context })
    expect(result.length).toBeGreaterThan(message.length)
    const { plaintext, messageHeader } = await decrypt(keyring, result)
    expect(Buffer.compare(plaintext, message)).toBe(0)
    expect(messageHeader.encryptionContext).toMatchObject(context)
    expect(messageHeader.encryptedDataKeys[0]?.providerInfo).toBe(keyArn)
  })
})
