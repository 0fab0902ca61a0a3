import { CreateKeyCommand, DecryptCommand, EncryptCommand, type KeyMetadata } from "@aws-sdk/client-kms"
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli } from "../testing/runCli.test-support.ts"
import { startTrentServer, type TrentServer } from "../testing/trentServer.test-support.ts"

let server: TrentServer
let key: KeyMetadata
let encryptRequestId: string
const copies: Array<string> = []

beforeAll(async () => {
  server = await startTrentServer()
  key = (await server.kms.send(new CreateKeyCommand({ Description: "audited" }))).KeyMetadata!
  const sealed = await server.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new TextEncoder().encode("hello") }))
  encryptRequestId = sealed.$metadata.requestId!
  await server.kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array(40) })).catch(() => undefined)
})
afterAll(async () => {
  await server.stop()
  for (const copy of copies) rmSync(copy, { recursive: true, force: true })
})

const at = () => ["--data-dir", server.dataDir, "--region", server.region]

describe("trent audit", () => {
  it("query: who used the key, and when, as a table", async () => {
    const run = await runCli(["audit", "query", "--key", key.KeyId!, ...at()])
    expect(run.code).toBe(0)
    const rows = run.stdout.trimEnd().split("\n")
    expect(rows[0]).toMatch(/^TIME\s+OPERATION\s+CALLER\s+OUTCOME\s+KEYS\s+REQUEST ID$/)
    expect(rows.slice(1).map((row) => row.split(/\s+/)[1])).toEqual(["CreateKey", "Encrypt"])
    expect(rows.find((row) => row.includes(encryptRequestId))).toMatch(/Encrypt\s+arn:aws:iam::111122223333:user\/admin\s+ok/)
  })

  it("query --key finds a Decrypt refused for its encryption context, by the key its ciphertext names", async () => {
    const own = (await server.kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const sealed = await server.kms.send(new EncryptCommand({ KeyId: own.KeyId, Plaintext: Uint8Array.of(1), EncryptionContext: { purpose: "a" } }))
    const refused = await server.kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { purpose: "b" } }))
      .then(() => undefined, (error: { name: string; $metadata: { requestId?: string } }) => error)
    expect(refused?.name).toBe("InvalidCiphertextException")
    const run = await runCli(["audit", "query", "--key", own.KeyId!, "--errors-only", "--json", ...at()])
    expect(run.code).toBe(0)
    const records = run.stdout.trimEnd().split("\n").map((line) => JSON.parse(line))
    expect(records).toMatchObject([{ eventName: "Decrypt", errorCode: "InvalidCiphertextException", requestID: refused?.$metadata.requestId }])
    expect(records[0].resources).toEqual([expect.objectContaining({ ARN: own.Arn })])
  })

  it("query --errors-only --json: whole CloudTrail records, failures only", async () => {
    const run = await runCli(["audit", "query", "--errors-only", "--json", ...at()])
    expect(run.code).toBe(0)
    const records = run.stdout.trimEnd().split("\n").map((line) => JSON.parse(line))
    expect(records.length).toBeGreaterThanOrEqual(1)
    for (const record of records) expect(record.errorCode).toEqual(expect.any(String))
    expect(records).toContainEqual(expect.objectContaining({ eventName: "Decrypt", errorCode: "InvalidCiphertextException", eventSource: "kms.amazonaws.com" }))
  })

  it("public-key prints the published key, and verify checks the chain against it", async () => {
    const key = await runCli(["audit", "public-key", ...at()])
    expect(key.code).toBe(0)
    expect(key.stdout.trim()).toBe(readFileSync(join(server.dataDir, server.region, "audit-public-key.pem"), "utf8").trim())
    const verified = await runCli(["audit", "verify", ...at()])
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(/^ok: Region us-east-1, \d+ records and \d+ signed checkpoints verified/)
  })

  it("verify names the first edited record and exits 1", async () => {
    const copy = mkdtempSync(join(tmpdir(), "trent-audit-copy-"))
    copies.push(copy)
    cpSync(join(server.dataDir, server.region), join(copy, server.region), { recursive: true })
    const db = new DatabaseSync(join(copy, server.region, "audit.db"))
    db.prepare("UPDATE audit_entries SET body = replace(body, 'user/admin', 'user/mallory') WHERE seq = 2").run()
    db.close()
    const run = await runCli(["audit", "verify", "--data-dir", copy, "--region", server.region])
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toMatch(/^trent: the audit trail of Region us-east-1 fails verification at entry 2: edited/)
  })

  it("verify against the witness: an older copy of audit.db put back, or the file removed, fails; --anchor reads a copy kept elsewhere", async () => {
    const other = await startTrentServer("eu-west-1")
    copies.push(other.dataDir)
    const regionDir = join(other.dataDir, other.region)
    const older = mkdtempSync(join(tmpdir(), "trent-audit-older-"))
    const offsite = join(older, "witness-copy.jsonl")
    copies.push(older)
    try {
      const created = (await other.kms.send(new CreateKeyCommand({}))).KeyMetadata!
      await other.kms.send(new EncryptCommand({ KeyId: created.KeyId, Plaintext: Uint8Array.of(1) }))
      // The attacker's copy, taken while the server ran: a valid chain, signed up to its genesis.
      for (const file of ["audit.db", "audit.db-wal"]) cpSync(join(regionDir, file), join(older, file))
    } finally {
      await other.halt()
    }
    const verify = (...flags: ReadonlyArray<string>) => runCli(["audit", "verify", "--data-dir", other.dataDir, "--region", other.region, ...flags])
    const witnessed = await verify()
    expect(witnessed.code).toBe(0)
    expect(witnessed.stdout).toMatch(/every chain reaches its witnessed checkpoint/)
    cpSync(join(regionDir, "audit-witness.jsonl"), offsite)

    for (const file of ["audit.db", "audit.db-wal"]) cpSync(join(older, file), join(regionDir, file))
    rmSync(join(regionDir, "audit.db-shm"), { force: true })
    const cut = await verify()
    expect(cut.code).toBe(1)
    expect(cut.stderr).toMatch(/fails verification at entry \d+: truncated-checkpoint/)

    // With the witness beside it removed too, only the copy kept elsewhere tells.
    rmSync(join(regionDir, "audit-witness.jsonl"))
    const unwitnessed = await verify()
    expect(unwitnessed.code).toBe(0)
    expect(unwitnessed.stdout).toMatch(/no witness was read, so truncation is not checked/)
    const anchored = await verify("--anchor", offsite)
    expect(anchored.code).toBe(1)
    expect(anchored.stderr).toMatch(/truncated-checkpoint/)

    for (const file of ["audit.db", "audit.db-wal"]) rmSync(join(regionDir, file), { force: true })
    const removed = await verify("--anchor", offsite)
    expect(removed.code).toBe(1)
  })

  it("says plainly when there is no audit trail, and refuses a bad Region name", async () => {
    const missing = await runCli(["audit", "verify", "--data-dir", join(tmpdir(), "nowhere-trent"), "--region", "eu-west-3"])
    expect(missing.code).toBe(1)
    const bad = await runCli(["audit", "query", ...at().slice(0, 2), "--region", "moon"])
    expect(bad.code).toBe(2)
  })
})
