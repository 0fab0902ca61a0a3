import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  CreateAliasCommand,
  GenerateRandomCommand,
  GetKeyPolicyCommand,
  KMSClient,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeysCommand,
  ListRetirableGrantsCommand,
  PutKeyPolicyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand
} from "@aws-sdk/client-kms"
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rejects, removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"

/**
 * Authorization through the real SDK with several principals' credentials
 * (issue: principals × operations × policies). Account A (111122223333) holds
 * the keys; account B (444455556666) is another account on the same server.
 */
const A = "111122223333"
const B = "444455556666"
const allow = (actions: ReadonlyArray<string> | string, resource = "*") => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: actions, Resource: resource }]
})
const principals = {
  admin: { account: A, arn: `arn:aws:iam::${A}:user/admin`, policies: [allow("kms:*")] },
  alice: { account: A, arn: `arn:aws:iam::${A}:user/alice`, policies: [allow(["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"])] },
  bob: { account: A, arn: `arn:aws:iam::${A}:user/bob`, policies: [] },
  carol: { account: B, arn: `arn:aws:iam::${B}:user/carol`, policies: [allow(["kms:Encrypt", "kms:Decrypt"])] },
  dave: { account: B, arn: `arn:aws:iam::${B}:user/dave`, policies: [] },
  erin: { account: B, arn: `arn:aws:iam::${B}:user/erin`, policies: [allow("kms:*")] }
} as const
type Name = keyof typeof principals
const keyIdOf = (name: string) => `AKIA${name.toUpperCase().padEnd(16, "X")}`
const secretOf = (name: string) => `secret-of-${name}-0123456789abcdef`

let server: RunningServer
let configDir: string
const clients = new Map<Name, KMSClient>()
const as = (name: Name) => clients.get(name)!
const utf8 = (s: string) => new TextEncoder().encode(s)

const denied = async (promise: Promise<unknown>, principal: Name, action: string) => {
  const error = await rejects(promise)
  expect(error.name).toBe("AccessDeniedException")
  expect(error.$metadata.httpStatusCode).toBe(400)
  expect(error.message).toContain(`User: ${principals[principal].arn} is not authorized to perform: ${action}`)
  return error
}

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), "trent-authz-"))
  const byAccount = new Map<string, Array<unknown>>()
  for (const [name, principal] of Object.entries(principals)) {
    byAccount.set(principal.account, [...(byAccount.get(principal.account) ?? []), {
      arn: principal.arn,
      accessKeys: [{ accessKeyId: keyIdOf(name), secretAccessKey: secretOf(name) }],
      policies: principal.policies.map((document, i) => ({ name: `policy-${i}`, document }))
    }])
  }
  const file = join(configDir, "credentials.json")
  writeFileSync(file, JSON.stringify({ accounts: [...byAccount].map(([accountId, list]) => ({ accountId, principals: list })) }))
  chmodSync(file, 0o600)
  server = await startServer({ credentialsConfig: file })
  for (const name of Object.keys(principals) as Array<Name>) {
    const client = new KMSClient({
      endpoint: server.url,
      region: "eu-west-1",
      credentials: { accessKeyId: keyIdOf(name), secretAccessKey: secretOf(name) },
      maxAttempts: 1
    })
    server.watch(client)
    clients.set(name, client)
  }
})
afterAll(async () => {
  for (const client of clients.values()) client.destroy()
  await server.stop()
  removeDir(server.dataDir)
  removeDir(configDir)
})

const newKey = async (policy?: object) =>
  (await as("admin").send(new CreateKeyCommand(policy === undefined ? {} : { Policy: JSON.stringify(policy) }))).KeyMetadata!

describe("the default key policy delegates to the account's identity policies", () => {
  it("lets each principal do exactly what its identity policy allows", async () => {
    const key = await newKey()
    const blob = (await as("alice").send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("x") }))).CiphertextBlob!
    expect((await as("alice").send(new DecryptCommand({ CiphertextBlob: blob }))).KeyId).toBe(key.Arn)
    await denied(as("alice").send(new DisableKeyCommand({ KeyId: key.KeyId })), "alice", "kms:DisableKey")
    const bobEncrypt = await denied(as("bob").send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("x") })), "bob", "kms:Encrypt")
    expect(bobEncrypt.message).toBe(
      `User: ${principals.bob.arn} is not authorized to perform: kms:Encrypt on resource: ${key.Arn} ` +
        "because no identity-based policy allows the kms:Encrypt action"
    )
    await as("admin").send(new DisableKeyCommand({ KeyId: key.KeyId }))
  })
  it("decides operations without a key by identity policies alone", async () => {
    await denied(as("bob").send(new CreateKeyCommand({})), "bob", "kms:CreateKey")
    await denied(as("alice").send(new ListKeysCommand({})), "alice", "kms:ListKeys")
    await denied(as("bob").send(new GenerateRandomCommand({ NumberOfBytes: 8 })), "bob", "kms:GenerateRandom")
    expect((await as("admin").send(new GenerateRandomCommand({ NumberOfBytes: 8 }))).Plaintext).toHaveLength(8)
  })
  it("answers DryRun with DryRunOperationException only when the caller is allowed", async () => {
    const key = await newKey()
    const dry = await rejects(as("alice").send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("x"), DryRun: true })))
    expect(dry.name).toBe("DryRunOperationException")
    await denied(as("bob").send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("x"), DryRun: true })), "bob", "kms:Encrypt")
  })
})

describe("key policies that name principals", () => {
  it("allows a principal the key policy names, with no identity policy", async () => {
    const key = await newKey({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:*", Resource: "*" },
        { Effect: "Allow", Principal: { AWS: principals.bob.arn }, Action: "kms:Encrypt", Resource: "*" }
      ]
    })
    const blob = (await as("bob").send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("x") }))).CiphertextBlob!
    await denied(as("bob").send(new DecryptCommand({ CiphertextBlob: blob })), "bob", "kms:Decrypt")
  })
  it("lets an explicit deny with an encryption-context condition win over every allow", async () => {
    const key = await newKey({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:*", Resource: "*" },
        {
          Effect: "Deny",
          Principal: { AWS: principals.alice.arn },
          Action: "kms:Decrypt",
          Resource: "*",
          Condition: { StringNotEquals: { "kms:EncryptionContext:app": "payments" } }
        }
      ]
    })
    const plain = (await as("admin").send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("x") }))).CiphertextBlob!
    const withContext = (await as("admin").send(new EncryptCommand({
      KeyId: key.KeyId,
      Plaintext: utf8("x"),
      EncryptionContext: { app: "payments" }
    }))).CiphertextBlob!
    const error = await denied(as("alice").send(new DecryptCommand({ CiphertextBlob: plain })), "alice", "kms:Decrypt")
    expect(error.message).toContain("with an explicit deny in a resource-based policy")
    const opened = await as("alice").send(new DecryptCommand({ CiphertextBlob: withContext, EncryptionContext: { app: "payments" } }))
    expect(new TextDecoder().decode(opened.Plaintext)).toBe("x")
  })
  it("refuses a policy that would lock the caller out, unless the check is bypassed", async () => {
    const key = await newKey()
    const lockout = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: principals.alice.arn }, Action: "kms:Decrypt", Resource: "*" }]
    }
    const refused = await rejects(as("admin").send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: JSON.stringify(lockout) })))
    expect(refused.name).toBe("MalformedPolicyDocumentException")
    expect(refused.message).toBe("The new key policy will not allow you to update the key policy in the future.")
    await as("admin").send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: JSON.stringify(lockout), BypassPolicyLockoutSafetyCheck: true }))
    await denied(as("admin").send(new DescribeKeyCommand({ KeyId: key.KeyId })), "admin", "kms:DescribeKey")
  })
})

describe("cross-account use", () => {
  it("works only when the key policy allows the other account and the caller's identity policy allows too", async () => {
    const key = await newKey({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:*", Resource: "*" },
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*" }
      ]
    })
    const blob = (await as("carol").send(new EncryptCommand({ KeyId: key.Arn, Plaintext: utf8("shared") }))).CiphertextBlob!
    const opened = await as("carol").send(new DecryptCommand({ KeyId: key.Arn, CiphertextBlob: blob }))
    expect(new TextDecoder().decode(opened.Plaintext)).toBe("shared")
    await denied(as("dave").send(new EncryptCommand({ KeyId: key.Arn, Plaintext: utf8("x") })), "dave", "kms:Encrypt")
    const other = await newKey()
    await denied(as("carol").send(new EncryptCommand({ KeyId: other.Arn, Plaintext: utf8("x") })), "carol", "kms:Encrypt")
  })
})

describe("cross-account limits", () => {
  // Each operation's "Cross-account use" in the AWS KMS API Reference: kms:* to another account still leaves it only the listed ones.
  it("refuses another account the key's administration even when every policy allows kms:*", async () => {
    const key = await newKey({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:*", Resource: "*" },
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: "kms:*", Resource: "*" }
      ]
    })
    await as("erin").send(new DescribeKeyCommand({ KeyId: key.Arn }))
    await denied(as("erin").send(new PutKeyPolicyCommand({ KeyId: key.Arn, Policy: JSON.stringify(allow("kms:*")), BypassPolicyLockoutSafetyCheck: true })), "erin", "kms:PutKeyPolicy")
    await denied(as("erin").send(new ScheduleKeyDeletionCommand({ KeyId: key.Arn, PendingWindowInDays: 7 })), "erin", "kms:ScheduleKeyDeletion")
    await denied(as("erin").send(new DisableKeyCommand({ KeyId: key.Arn })), "erin", "kms:DisableKey")
    await denied(as("erin").send(new TagResourceCommand({ KeyId: key.Arn, Tags: [{ TagKey: "k", TagValue: "v" }] })), "erin", "kms:TagResource")
    await denied(as("erin").send(new GetKeyPolicyCommand({ KeyId: key.Arn })), "erin", "kms:GetKeyPolicy")
    expect((await as("admin").send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.KeyState).toBe("Enabled")
  })
  it("does not list another account's aliases for a key ARN of that account", async () => {
    const key = await newKey()
    await as("admin").send(new CreateAliasCommand({ AliasName: "alias/not-for-b", TargetKeyId: key.KeyId }))
    await denied(as("erin").send(new ListAliasesCommand({ KeyId: key.Arn })), "erin", "kms:ListAliases")
  })
})

describe("grants", () => {
  it("allow the grantee exactly the operations and context they name, until retired or revoked", async () => {
    const key = await newKey()
    const { GrantId, GrantToken } = await as("admin").send(new CreateGrantCommand({
      KeyId: key.KeyId,
      GranteePrincipal: principals.bob.arn,
      RetiringPrincipal: principals.alice.arn,
      Operations: ["Decrypt", "Encrypt"],
      Constraints: { EncryptionContextSubset: { tenant: "t1" } },
      Name: "bob-t1"
    }))
    expect(GrantId).toMatch(/^[0-9a-f]{64}$/)
    const again = await as("admin").send(new CreateGrantCommand({
      KeyId: key.KeyId,
      GranteePrincipal: principals.bob.arn,
      RetiringPrincipal: principals.alice.arn,
      Operations: ["Encrypt", "Decrypt"],
      Constraints: { EncryptionContextSubset: { tenant: "t1" } },
      Name: "bob-t1"
    }))
    expect(again.GrantId).toBe(GrantId)
    expect(again.GrantToken).not.toBe(GrantToken)

    const blob = (await as("bob").send(new EncryptCommand({
      KeyId: key.KeyId,
      Plaintext: utf8("t1 data"),
      EncryptionContext: { tenant: "t1", extra: "ok" },
      GrantTokens: [GrantToken!]
    }))).CiphertextBlob!
    await denied(as("bob").send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("x"), EncryptionContext: { tenant: "t2" } })), "bob", "kms:Encrypt")
    await denied(as("bob").send(new DisableKeyCommand({ KeyId: key.KeyId })), "bob", "kms:DisableKey")
    const badToken = await rejects(as("bob").send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("x"), GrantTokens: ["garbage"] })))
    expect(badToken.name).toBe("InvalidGrantTokenException")

    const listed = await as("admin").send(new ListGrantsCommand({ KeyId: key.KeyId }))
    expect(listed.Grants).toEqual([expect.objectContaining({
      KeyId: key.Arn,
      GrantId,
      Name: "bob-t1",
      GranteePrincipal: principals.bob.arn,
      RetiringPrincipal: principals.alice.arn,
      IssuingAccount: `arn:aws:iam::${A}:root`,
      Operations: ["Decrypt", "Encrypt"],
      Constraints: { EncryptionContextSubset: { tenant: "t1" } }
    })])
    const retirable = await as("admin").send(new ListRetirableGrantsCommand({ RetiringPrincipal: principals.alice.arn }))
    expect(retirable.Grants?.map((grant) => grant.GrantId)).toContain(GrantId)

    // bob is the grantee but the grant does not list RetireGrant; alice is the retiring principal.
    await denied(as("bob").send(new RetireGrantCommand({ GrantToken })), "bob", "kms:RetireGrant")
    const dry = await rejects(as("alice").send(new RetireGrantCommand({ GrantToken, DryRun: true })))
    expect(dry.name).toBe("DryRunOperationException")
    await as("alice").send(new RetireGrantCommand({ KeyId: key.Arn, GrantId }))
    await denied(as("bob").send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { tenant: "t1", extra: "ok" } })), "bob", "kms:Decrypt")
    expect((await as("admin").send(new ListGrantsCommand({ KeyId: key.KeyId }))).Grants).toEqual([])

    const second = await as("admin").send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: principals.bob.arn, Operations: ["Decrypt"] }))
    await as("bob").send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { tenant: "t1", extra: "ok" } }))
    await as("admin").send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId: second.GrantId }))
    await denied(as("bob").send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { tenant: "t1", extra: "ok" } })), "bob", "kms:Decrypt")
    const unknown = await rejects(as("admin").send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId: second.GrantId })))
    expect(unknown.name).toBe("InvalidGrantIdException")
  })
  it("refuses grant operations that do not suit the key, and a grantee passing on more than it holds", async () => {
    const key = await newKey()
    const wrong = await rejects(as("admin").send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: principals.bob.arn, Operations: ["Sign"] })))
    expect(wrong.name).toBe("ValidationException")
    await as("admin").send(new CreateGrantCommand({
      KeyId: key.KeyId,
      GranteePrincipal: principals.bob.arn,
      Operations: ["Decrypt", "CreateGrant"]
    }))
    await as("bob").send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: principals.alice.arn, Operations: ["Decrypt"] }))
    await denied(
      as("bob").send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: principals.alice.arn, Operations: ["Encrypt"] })),
      "bob",
      "kms:CreateGrant"
    )
  })
})
