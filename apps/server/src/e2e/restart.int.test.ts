import { CreateAliasCommand, CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand } from "@aws-sdk/client-kms"
import { describe, expect, it } from "vitest"
import { removeDir, startServer } from "./serverFixture.test-support.ts"

describe("restarting the server on the same data directory", () => {
  it("keeps keys, aliases, credentials and every earlier ciphertext", async () => {
    const first = await startServer()
    const kms = first.client()
    const key = (await kms.send(new CreateKeyCommand({ Description: "survivor" }))).KeyMetadata!
    await kms.send(new CreateAliasCommand({ AliasName: "alias/survivor", TargetKeyId: key.KeyId }))
    const blobs: Array<Uint8Array> = []
    for (let i = 0; i < 20; i++) {
      blobs.push((await kms.send(new EncryptCommand({ KeyId: "alias/survivor", Plaintext: new TextEncoder().encode(`m${i}`), EncryptionContext: { i: String(i) } }))).CiphertextBlob!)
    }
    await first.stop()

    const second = await startServer({}, first.dataDir)
    try {
      expect([second.credentials.accessKeyId, second.credentials.secretAccessKey]).toEqual([first.credentials.accessKeyId, first.credentials.secretAccessKey])
      const again = second.client()
      expect((await again.send(new DescribeKeyCommand({ KeyId: "alias/survivor" }))).KeyMetadata?.Description).toBe("survivor")
      for (const [i, blob] of blobs.entries()) {
        const opened = await again.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { i: String(i) } }))
        expect(new TextDecoder().decode(opened.Plaintext)).toBe(`m${i}`)
      }
    } finally {
      await second.stop()
      removeDir(first.dataDir)
    }
  })
})
