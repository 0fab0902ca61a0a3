import { CreateAliasCommand, CreateKeyCommand, DisableKeyCommand, type KeyMetadata, TagResourceCommand, UpdateAliasCommand } from "@aws-sdk/client-kms"
import { openSqliteEventLogReader } from "@trent/event-log"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli } from "../testing/runCli.test-support.ts"
import { startTrentServer, type TrentServer } from "../testing/trentServer.test-support.ts"

let server: TrentServer
let first: KeyMetadata
let second: KeyMetadata
let beforeRetarget: number

beforeAll(async () => {
  server = await startTrentServer()
  first = (await server.kms.send(new CreateKeyCommand({ Description: "payments", Tags: [{ TagKey: "team", TagValue: "pay" }] }))).KeyMetadata!
  second = (await server.kms.send(new CreateKeyCommand({ KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" }))).KeyMetadata!
  await server.kms.send(new CreateAliasCommand({ AliasName: "alias/payments", TargetKeyId: first.KeyId }))
  await server.kms.send(new DisableKeyCommand({ KeyId: second.KeyId }))
  beforeRetarget = Date.now()
  await new Promise((resolve) => setTimeout(resolve, 5))
  await server.kms.send(new CreateAliasCommand({ AliasName: "alias/moving", TargetKeyId: first.KeyId }))
  await server.kms.send(new TagResourceCommand({ KeyId: first.KeyId, Tags: [{ TagKey: "stage", TagValue: "prod" }] }))
})
afterAll(() => server.stop())

const jsonLines = (stdout: string) => stdout.trimEnd().split("\n").map((line) => JSON.parse(line))

describe("trent keys list and describe against a running Trent", () => {
  it("lists every key with its state and aliases, as a table", async () => {
    const run = await runCli(["keys", "list", ...server.cliFlags])
    expect(run.code).toBe(0)
    const rows = run.stdout.trimEnd().split("\n")
    expect(rows[0]).toMatch(/^KEY ID\s+STATE\s+SPEC\s+USAGE\s+CREATED\s+ALIASES\s+DESCRIPTION$/)
    expect(rows.find((row) => row.startsWith(first.KeyId!))).toMatch(/Enabled\s+SYMMETRIC_DEFAULT\s+ENCRYPT_DECRYPT.*alias\/moving,alias\/payments\s+payments$/)
    expect(rows.find((row) => row.startsWith(second.KeyId!))).toMatch(/Disabled\s+ECC_NIST_P256\s+SIGN_VERIFY/)
  })

  it("lists as JSON lines: DescribeKey's KeyMetadata with the aliases", async () => {
    const run = await runCli(["keys", "list", "--json", ...server.cliFlags])
    expect(run.code).toBe(0)
    const keys = jsonLines(run.stdout)
    expect(keys.map((key) => key.KeyId).sort()).toEqual([first.KeyId, second.KeyId].sort())
    expect(keys.find((key) => key.KeyId === first.KeyId)).toMatchObject({
      Arn: first.Arn,
      KeyState: "Enabled",
      Description: "payments",
      Aliases: ["alias/moving", "alias/payments"]
    })
  })

  it("describes a key named by an alias, with its tags and rotation", async () => {
    const run = await runCli(["keys", "describe", "alias/payments", ...server.cliFlags])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(first.Arn)
    expect(run.stdout).toMatch(/Tags\s+team=pay, stage=prod/)
    expect(run.stdout).toMatch(/Rotation\s+automatic off/)
    const json = await runCli(["keys", "describe", first.KeyId!, "--json", ...server.cliFlags])
    expect(jsonLines(json.stdout)[0]).toMatchObject({ KeyId: first.KeyId, KeyRotationEnabled: false, Tags: [{ TagKey: "team" }, { TagKey: "stage" }] })
  })

  it("fails with exit 1 and AWS's error in one line when the key does not exist", async () => {
    const run = await runCli(["keys", "describe", "alias/nope", ...server.cliFlags])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe("trent: NotFoundException: Alias arn:aws:kms:us-east-1:111122223333:alias/nope is not found.\n")
  })

  it("fails with exit 1 and one line when no server answers at the endpoint", async () => {
    const run = await runCli(["keys", "list", "--endpoint", "http://127.0.0.1:9", "--data-dir", server.dataDir])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^trent: cannot reach Trent at http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED.*\n$/)
  })
})

describe("trent keys history, offline while the server runs", () => {
  const history = async (reference: string, ...flags: Array<string>) => {
    const run = await runCli(["keys", "history", reference, "--json", "--data-dir", server.dataDir, ...flags])
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    const [state, ...events] = jsonLines(run.stdout)
    return { state, events }
  }

  it("replays the same key from its id, its ARN and its alias", async () => {
    const byId = await history(first.KeyId!)
    expect(byId.state).toMatchObject({
      kind: "state",
      keyId: first.KeyId,
      arn: first.Arn,
      state: "Enabled",
      description: "payments",
      tags: [{ tagKey: "team", tagValue: "pay" }, { tagKey: "stage", tagValue: "prod" }],
      aliases: ["alias/moving", "alias/payments"]
    })
    expect(byId.events.map((event) => event.type)).toEqual(["KeyCreated", "KeyTagged"])
    expect(byId.events[0]).toMatchObject({ kind: "event", seq: 1, principal: "arn:aws:iam::111122223333:user/admin" })
    expect((await history(first.Arn!)).state).toEqual({ ...byId.state, at: expect.any(String) })
    expect((await history("alias/payments")).state).toEqual({ ...byId.state, at: expect.any(String) })
  })

  it("shows the key as it was at --at: aliases and tags added later are not there yet", async () => {
    const then = await history(first.KeyId!, "--at", String(beforeRetarget))
    expect(then.state).toMatchObject({ aliases: ["alias/payments"], tags: [{ tagKey: "team", tagValue: "pay" }] })
    expect(then.events.map((event) => event.type)).toEqual(["KeyCreated"])
  })

  it("resolves an alias as it pointed at --at", async () => {
    const third = (await server.kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const beforeUpdate = new Date().toISOString()
    await new Promise((resolve) => setTimeout(resolve, 5))
    await server.kms.send(new UpdateAliasCommand({ AliasName: "alias/moving", TargetKeyId: third.KeyId }))
    expect((await history("alias/moving")).state.keyId).toBe(third.KeyId)
    expect((await history("alias/moving", "--at", beforeUpdate)).state.keyId).toBe(first.KeyId)
    expect((await history(first.KeyId!, "--at", beforeUpdate)).state.aliases).toEqual(["alias/moving", "alias/payments"])
    expect((await history(first.KeyId!)).state.aliases).toEqual(["alias/payments"])
    const before = await runCli(["keys", "history", "alias/moving", "--data-dir", server.dataDir, "--at", String(beforeRetarget)])
    expect(before.code).toBe(1)
    expect(before.stderr).toMatch(/^trent: alias\/moving did not exist at \S+\n$/)
  })

  it("prints a table with the key's fields, versions, policy and timeline", async () => {
    const run = await runCli(["keys", "history", "alias/payments", "--data-dir", server.dataDir])
    expect(run.code).toBe(0)
    for (const section of ["VERSIONS", "POLICY", "TIMELINE"]) expect(run.stdout).toContain(`\n${section}\n`)
    expect(run.stdout).toMatch(/State\s+Enabled/)
    expect(run.stdout).toMatch(/\n1\s+\S+Z\s+KeyCreated\s+arn:aws:iam::111122223333:user\/admin\s+[0-9a-f-]{36}\n/)
  })

  it("fails with exit 1 for a key that is not in the log, and for a Region without a log", async () => {
    const missing = await runCli(["keys", "history", "1234abcd-12ab-34cd-56ef-1234567890ab", "--data-dir", server.dataDir])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe("trent: key 1234abcd-12ab-34cd-56ef-1234567890ab is not in the log of Region us-east-1\n")
    const noLog = await runCli(["keys", "history", first.KeyId!, "--data-dir", server.dataDir, "--region", "eu-west-1"])
    expect(noLog.code).toBe(1)
    expect(noLog.stderr).toMatch(/^trent: no event log for Region eu-west-1 at .*eu-west-1\/events\.db \(check --data-dir and --region\)\n$/)
  })
})

describe("trent log inspect", () => {
  it("prints every event of the stream with its envelope, and wrapped material only as its length", async () => {
    const run = await runCli(["log", "inspect", first.KeyId!, "--data-dir", server.dataDir])
    expect(run.code).toBe(0)
    const events = jsonLines(run.stdout)
    expect(events.map((event) => event.seq)).toEqual([1, 2])
    expect(Object.keys(events[0]).sort()).toEqual([
      "at", "commandId", "eventId", "hash", "payload", "position", "prevHash", "principal", "region", "requestId",
      "schemaVersion", "seq", "streamId", "term", "type"
    ])
    expect(events[0].payload.material).toEqual({ materialId: first.CurrentKeyMaterialId, wrappedLength: expect.any(Number) })
    expect(events[0].payload.material.wrappedLength).toBeGreaterThan(32)
    expect(run.stdout).not.toMatch(/"wrapped"/)
  })

  it("never prints a wrapped key's bytes, in base64 or any other field", async () => {
    const stored = await Effect.runPromise(Effect.scoped(Effect.flatMap(
      openSqliteEventLogReader({ file: `${server.dataDir}/us-east-1/events.db`, region: "us-east-1" }),
      (log) => log.readStream(first.KeyId!)
    )))
    const wrapped = (stored[0]!.payload as { material: { wrapped: string } }).material.wrapped
    const run = await runCli(["log", "inspect", first.Arn!, "--data-dir", server.dataDir])
    expect(run.stdout).not.toContain(wrapped)
    expect(run.stdout).not.toContain(Buffer.from(wrapped, "base64").toString("hex"))
  })

  it("prints an alias's own stream", async () => {
    const run = await runCli(["log", "inspect", "alias/payments", "--data-dir", server.dataDir])
    expect(run.code).toBe(0)
    expect(jsonLines(run.stdout).map((event) => event.type)).toEqual(["AliasCreated"])
  })
})
