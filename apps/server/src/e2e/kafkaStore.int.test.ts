import { randomUUID } from "node:crypto"
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CreateAliasCommand, CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand, ListKeysCommand } from "@aws-sdk/client-kms"
import { afterAll, describe, expect, inject, it } from "vitest"
import { removeDir, shareRootKey, startServer } from "./serverFixture.test-support.ts"

declare module "vitest" {
  export interface ProvidedContext {
    kafkaBrokers: string
  }
}

const dirs: Array<string> = []
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "trent-kafka-server-"))
  dirs.push(dir)
  return dir
}
shareRootKey(3)
afterAll(() => {
  for (const dir of dirs) removeDir(dir)
})

describe("the server on the Kafka store", () => {
  it("keeps keys, aliases and every earlier ciphertext across restarts, warm (replica) and cold (no replica)", async () => {
    const settings = {
      store: "kafka" as const,
      kafkaBrokers: inject("kafkaBrokers").split(","),
      kafkaTopicPrefix: `e2e-${randomUUID().slice(0, 8)}`,
      regions: ["eu-west-1"]
    }
    const firstDir = freshDir()
    const first = await startServer(settings, firstDir)
    const kms = first.client()
    const key = (await kms.send(new CreateKeyCommand({ Description: "on kafka" }))).KeyMetadata!
    await kms.send(new CreateAliasCommand({ AliasName: "alias/kafka", TargetKeyId: key.KeyId }))
    const blobs: Array<Uint8Array> = []
    for (let i = 0; i < 10; i++) {
      blobs.push((await kms.send(new EncryptCommand({ KeyId: "alias/kafka", Plaintext: new TextEncoder().encode(`m${i}`) }))).CiphertextBlob!)
    }
    await first.stop()

    const checkEverything = async (server: Awaited<ReturnType<typeof startServer>>) => {
      const client = server.client()
      expect((await client.send(new DescribeKeyCommand({ KeyId: "alias/kafka" }))).KeyMetadata?.Description).toBe("on kafka")
      expect((await client.send(new ListKeysCommand({}))).Keys?.map((k) => k.KeyId)).toEqual([key.KeyId])
      for (const [i, blob] of blobs.entries()) {
        const opened = await client.send(new DecryptCommand({ CiphertextBlob: blob }))
        expect(new TextDecoder().decode(opened.Plaintext)).toBe(`m${i}`)
      }
    }

    const warm = await startServer(settings, firstDir)
    try {
      await checkEverything(warm)
    } finally {
      await warm.stop()
    }
    const cold = await startServer(settings, freshDir())
    try {
      await checkEverything(cold)
    } finally {
      await cold.stop()
    }
  })

  it("refuses to make a new root key on a new data directory whose topics already hold keys", async () => {
    const settings = {
      store: "kafka" as const,
      kafkaBrokers: inject("kafkaBrokers").split(","),
      kafkaTopicPrefix: `e2e-${randomUUID().slice(0, 8)}`,
      regions: ["eu-west-1"]
    }
    const sharedKey = process.env["TRENT_ROOT_KEY"]
    delete process.env["TRENT_ROOT_KEY"]
    try {
      // The first server makes the Region's root.key in its own directory.
      const firstDir = freshDir()
      const first = await startServer(settings, firstDir)
      await first.client().send(new CreateKeyCommand({}))
      await first.stop()
      expect(existsSync(join(firstDir, "eu-west-1", "root.key"))).toBe(true)
      // A second one, without that file or TRENT_ROOT_KEY, must not make another that opens nothing.
      const secondDir = freshDir()
      const failure: unknown = await startServer(settings, secondDir).then(() => undefined, (error) => error)
      expect(String(failure)).toMatch(/the root key file .*root\.key is missing, but the Region has data \(\d+ events? in its log, its keyvault\)/)
      expect(existsSync(join(secondDir, "eu-west-1", "root.key"))).toBe(false)
    } finally {
      process.env["TRENT_ROOT_KEY"] = sharedKey
    }
  }, 60_000)
})
