import {
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand
} from "@aws-sdk/client-kms"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { removeDir, startServer } from "./serverFixture.test-support.ts"
import { startServerProcess } from "./serverProcess.test-support.ts"

const keyId = "11111111-2222-4333-8444-555555555555"
const hmacId = "22222222-3333-4444-8555-666666666666"
const policy = {
  Version: "2012-10-17",
  Statement: [{ Sid: "seeded", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }]
}
const seedYaml = (material?: string) => `
Keys:
  - KeyId: ${keyId}
    Description: payments
    Aliases: [alias/payments, alias/payments-v1]
    Tags: [{ TagKey: team, TagValue: payments }]
    Policy: ${JSON.stringify(policy)}
${material === undefined ? "" : `    Material: ${material}\n`}  - KeyId: ${hmacId}
    Region: us-east-1
    KeySpec: HMAC_256
`
const writeSeed = (dir: string, text: string) => {
  const file = join(dir, "seed.yaml")
  writeFileSync(file, text)
  return file
}

describe("--seed FILE", () => {
  it("creates the seed's keys, aliases, policy and tags at start, and changes nothing on every later start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trent-seed-"))
    const seedFile = writeSeed(mkdtempSync(join(tmpdir(), "trent-seedfile-")), seedYaml())
    let server = await startServer({ seedFile }, dir)
    let blob: Uint8Array
    try {
      const kms = server.client("eu-west-1")
      const key = (await kms.send(new DescribeKeyCommand({ KeyId: "alias/payments" }))).KeyMetadata!
      expect(key).toMatchObject({ KeyId: keyId, Description: "payments", KeySpec: "SYMMETRIC_DEFAULT", KeyManager: "CUSTOMER", Enabled: true })
      expect(JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy!)).toEqual(policy)
      expect((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: "team", TagValue: "payments" }])
      const hmac = (await server.client("us-east-1").send(new DescribeKeyCommand({ KeyId: hmacId }))).KeyMetadata!
      expect(hmac).toMatchObject({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" })
      blob = (await kms.send(new EncryptCommand({ KeyId: "alias/payments", Plaintext: new TextEncoder().encode("seeded") }))).CiphertextBlob!
      // A user's change to a seeded alias stands: the seed does not put it back on the next start... unless it is gone, when it does.
      await kms.send(new DeleteAliasCommand({ AliasName: "alias/payments-v1" }))
    } finally {
      await server.stop()
    }
    server = await startServer({ seedFile }, dir)
    try {
      const kms = server.client("eu-west-1")
      expect((await kms.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId)).toEqual([keyId])
      const aliases = (await kms.send(new ListAliasesCommand({ KeyId: keyId }))).Aliases!.map((a) => a.AliasName).sort()
      expect(aliases).toEqual(["alias/payments", "alias/payments-v1"])
      const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: blob }))
      expect(new TextDecoder().decode(Plaintext)).toBe("seeded")
    } finally {
      await server.stop()
      removeDir(dir)
    }
  }, 60_000)

  it("refuses to start on a seed with fixed material outside dev mode, and with it in dev mode ciphertexts outlive a wiped data directory", async () => {
    const material = Buffer.alloc(32, 9).toString("base64")
    const seedFile = writeSeed(mkdtempSync(join(tmpdir(), "trent-seedfile-")), seedYaml(material))
    await expect(startServer({ seedFile }, mkdtempSync(join(tmpdir(), "trent-seed-")))).rejects.toThrow(/accepted only in dev mode/)
    const first = await startServer({ seedFile, devMode: true })
    const blob = (await first.client().send(new EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode("fixed") }))).CiphertextBlob!
    await first.stop()
    removeDir(first.dataDir)
    const second = await startServer({ seedFile, devMode: true })
    try {
      const { Plaintext } = await second.client().send(new DecryptCommand({ CiphertextBlob: blob }))
      expect(new TextDecoder().decode(Plaintext)).toBe("fixed")
    } finally {
      await second.stop()
      removeDir(second.dataDir)
    }
  }, 60_000)

  it("is applied again after a dev reset: the Regions hold the seed's keys and aliases, and nothing else", async () => {
    const seedFile = writeSeed(mkdtempSync(join(tmpdir(), "trent-seedfile-")), seedYaml())
    const server = await startServer({ seedFile, devMode: true })
    try {
      const kms = server.client("eu-west-1")
      await kms.send(new CreateKeyCommand({ Description: "made by a test" }))
      await kms.send(new DeleteAliasCommand({ AliasName: "alias/payments-v1" }))
      expect((await kms.send(new ListKeysCommand({}))).Keys).toHaveLength(2)
      const reset = await fetch(`${server.url}/_trent/reset`, { method: "POST" })
      expect(reset.status).toBe(200)
      expect((await kms.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId)).toEqual([keyId])
      const aliases = (await kms.send(new ListAliasesCommand({ KeyId: keyId }))).Aliases!.map((a) => a.AliasName).sort()
      expect(aliases).toEqual(["alias/payments", "alias/payments-v1"])
      expect((await server.client("us-east-1").send(new DescribeKeyCommand({ KeyId: hmacId }))).KeyMetadata!.KeySpec).toBe("HMAC_256")
    } finally {
      await server.stop()
      removeDir(server.dataDir)
    }
  }, 60_000)

  it("under --workers 2 is applied once, by the first worker, before the others start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trent-seed-workers-"))
    const seedFile = writeSeed(mkdtempSync(join(tmpdir(), "trent-seedfile-")), seedYaml())
    const server = await startServerProcess(["--workers", "2", "--data-dir", dir, "--regions", "eu-west-1,us-east-1", "--dev", "--seed", seedFile])
    try {
      const applied = server.lines.filter((line) => line.includes("seed applied"))
      expect(applied).toHaveLength(1)
      const kms = server.client({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "dev" })
      for (let i = 0; i < 4; i++) expect((await kms.send(new DescribeKeyCommand({ KeyId: "alias/payments" }))).KeyMetadata!.KeyId).toBe(keyId)
    } finally {
      expect(await server.stop()).toBe(0)
      removeDir(dir)
    }
  }, 90_000)
})
