import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  type KMSClient,
  ListResourceTagsCommand,
  TagResourceCommand
} from "@aws-sdk/client-kms"
import { execFileSync } from "node:child_process"
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openAuditChainsReadOnly } from "@trent/audit"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { credentialsConfig, credentialsOf } from "./crossServerChanges.test-support.ts"
import { removeDir } from "./serverFixture.test-support.ts"
import { startServerProcess } from "./serverProcess.test-support.ts"

const utf8 = (text: string) => new TextEncoder().encode(text)
const workerPids = (primary: number) =>
  execFileSync("ps", ["--ppid", String(primary), "-o", "pid="], { encoding: "utf8" }).split("\n").map((line) => Number(line.trim())).filter((pid) => pid > 0)

const pem = (file: string) =>
  new Uint8Array(Buffer.from(readFileSync(file, "utf8").replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, ""), "base64"))

describe("trent serve --workers 2", () => {
  it("survives kill -9 of a worker under mixed load: every acknowledged write and ciphertext survives, the audit verifies", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trent-workers-"))
    const config = join(dir, "credentials.json")
    writeFileSync(config, credentialsConfig())
    chmodSync(config, 0o600)
    const server = await startServerProcess(["--workers", "2", "--data-dir", dir, "--regions", "eu-west-1", "--credentials-config", config])
    const clients: Array<KMSClient> = Array.from({ length: 6 }, () => server.client(credentialsOf("admin")))
    try {
      const key = (await clients[0]!.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!
      const ciphertexts: Array<{ blob: Uint8Array; text: string }> = []
      const tags: Array<string> = []
      const keys: Array<string> = []
      const aliases: Array<string> = []
      let failed = 0
      let stop = false
      const loop = async (client: KMSClient, lane: number) => {
        for (let i = 0; !stop; i++) {
          const text = `m-${lane}-${i}`
          try {
            switch (i % 4) {
              case 0:
              case 1:
                ciphertexts.push({ blob: (await client.send(new EncryptCommand({ KeyId: key, Plaintext: utf8(text) }))).CiphertextBlob!, text })
                break
              case 2:
                await client.send(new TagResourceCommand({ KeyId: key, Tags: [{ TagKey: text, TagValue: "v" }] }))
                tags.push(text)
                break
              case 3: {
                const made = (await client.send(new CreateKeyCommand({ Description: text }))).KeyMetadata!.KeyId!
                keys.push(made)
                await client.send(new CreateAliasCommand({ AliasName: `alias/${text}`, TargetKeyId: made }))
                aliases.push(`alias/${text}`)
                break
              }
            }
          } catch {
            failed++
          }
        }
      }
      const load = Promise.all(clients.map(loop))
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      const [victim] = workerPids(server.child.pid!)
      expect(victim).toBeDefined()
      process.kill(victim!, "SIGKILL")
      // Past the primary's restart of the worker.
      await new Promise((resolve) => setTimeout(resolve, 2_500))
      stop = true
      await load
      expect(server.lines.some((line) => /exited \(SIGKILL\); starting it again/.test(line))).toBe(true)
      expect(workerPids(server.child.pid!)).toHaveLength(2)
      console.log(`[workers] acknowledged: ${ciphertexts.length} encrypts, ${tags.length} tags, ${keys.length} keys, ${aliases.length} aliases; failed in flight: ${failed}`)

      const check = clients[0]!
      for (const { blob, text } of ciphertexts) {
        expect(new TextDecoder().decode((await check.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext)).toBe(text)
      }
      const stored = new Set<string>()
      for (let marker: string | undefined, first = true; first || marker !== undefined; first = false) {
        const page = await check.send(new ListResourceTagsCommand({ KeyId: key, ...(marker === undefined ? {} : { Marker: marker }) }))
        for (const tag of page.Tags ?? []) stored.add(tag.TagKey!)
        marker = page.NextMarker
      }
      for (const tag of tags) expect(stored.has(tag)).toBe(true)
      for (const made of keys) expect((await check.send(new DescribeKeyCommand({ KeyId: made }))).KeyMetadata?.KeyId).toBe(made)
      for (const alias of aliases) expect((await check.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata?.KeyId).toBeDefined()
    } finally {
      expect(await server.stop()).toBe(0)
    }
    // Every writer's chain (the killed worker's included) verifies; every acknowledged request has its record.
    const report = await Effect.runPromise(Effect.scoped(Effect.flatMap(
      openAuditChainsReadOnly(join(dir, "eu-west-1")),
      (audit) => audit.verify(pem(join(dir, "eu-west-1", "audit-public-key.pem")))
    )))
    expect(report).toMatchObject({ ok: true })
    removeDir(dir)
  })
})
