import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  type KMSClient,
  PutKeyPolicyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand
} from "@aws-sdk/client-kms"
import { randomBytes } from "node:crypto"
import { expect } from "vitest"
import { wrapWithNode } from "./importWrapping.test-support.ts"

export const ACCOUNT = "111122223333"
const allow = (actions: ReadonlyArray<string>) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] })

/** admin (kms:*), alice (Encrypt/Decrypt/DescribeKey through IAM), bob (nothing but grants). */
export const principals = {
  admin: { arn: `arn:aws:iam::${ACCOUNT}:user/admin`, policies: [allow(["kms:*"])] },
  alice: { arn: `arn:aws:iam::${ACCOUNT}:user/alice`, policies: [allow(["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"])] },
  bob: { arn: `arn:aws:iam::${ACCOUNT}:user/bob`, policies: [] }
} as const
export type Name = keyof typeof principals
export const credentialsOf = (name: Name) => ({ accessKeyId: `AKIA${name.toUpperCase().padEnd(16, "X")}`, secretAccessKey: `secret-of-${name}-0123456789abcdef` })

/** The credentials config every server of the test reads. */
export const credentialsConfig = () =>
  JSON.stringify({
    accounts: [{
      accountId: ACCOUNT,
      principals: Object.entries(principals).map(([name, principal]) => ({
        arn: principal.arn,
        accessKeys: [credentialsOf(name as Name)],
        policies: principal.policies.map((document, i) => ({ name: `policy-${i}`, document }))
      }))
    }]
  })

export type Clients = (name: Name) => KMSClient

const utf8 = (text: string) => new TextEncoder().encode(text)
const succeeds = (promise: Promise<unknown>) => promise.then(() => true, () => false)
const failsWith = (name: string) => (promise: Promise<unknown>) =>
  promise.then(() => false, (error: { name?: string }) => {
    if (error.name !== name) throw new Error(`expected ${name}, got ${error.name}: ${String(error)}`)
    return true
  })

/**
 * Makes each change of issue #14's list on server A and measures how long
 * until server B, which had the key resident, enforces it. Fails past `boundMs`;
 * returns the measured delays in milliseconds, by operation.
 */
export const changesEnforcedAcross = async (a: Clients, b: Clients, boundMs: number): Promise<Record<string, number>> => {
  const delays: Record<string, number> = {}
  const within = async (operation: string, check: () => Promise<boolean>) => {
    const started = performance.now()
    for (;;) {
      if (await check()) return void (delays[operation] = performance.now() - started)
      if (performance.now() - started > boundMs) throw new Error(`${operation} made on A: not enforced on B within ${boundMs} ms`)
    }
  }
  const encryptOnB = (name: Name, keyId: string, grantTokens?: Array<string>) =>
    b(name).send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("x"), ...(grantTokens === undefined ? {} : { GrantTokens: grantTokens }) }))

  const key = (await a("admin").send(new CreateKeyCommand({ Description: "shared" }))).KeyMetadata!
  const keyId = key.KeyId!
  await within("CreateKey", () => succeeds(encryptOnB("alice", keyId)))

  await a("admin").send(new DisableKeyCommand({ KeyId: keyId }))
  await within("DisableKey", () => failsWith("DisabledException")(encryptOnB("alice", keyId)))
  await a("admin").send(new EnableKeyCommand({ KeyId: keyId }))
  await within("EnableKey", () => succeeds(encryptOnB("alice", keyId)))

  // Grants to bob, who has no policy of his own.
  const revoked = await a("admin").send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: principals.bob.arn, Operations: ["Encrypt"] }))
  await within("CreateGrant", () => succeeds(encryptOnB("bob", keyId)))
  await a("admin").send(new RevokeGrantCommand({ KeyId: keyId, GrantId: revoked.GrantId }))
  await within("RevokeGrant", () => failsWith("AccessDeniedException")(encryptOnB("bob", keyId)))
  const retired = await a("admin").send(new CreateGrantCommand({
    KeyId: keyId,
    GranteePrincipal: principals.bob.arn,
    RetiringPrincipal: principals.admin.arn,
    Operations: ["Encrypt"]
  }))
  await within("CreateGrant (to retire)", () => succeeds(encryptOnB("bob", keyId)))
  await a("admin").send(new RetireGrantCommand({ KeyId: key.Arn, GrantId: retired.GrantId }))
  await within("RetireGrant", () => failsWith("AccessDeniedException")(encryptOnB("bob", keyId)))

  // A key policy that no longer lets IAM policies grant access: alice loses hers.
  const adminOnly = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principals.admin.arn }, Action: "kms:*", Resource: "*" }] }
  await a("admin").send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: JSON.stringify(adminOnly) }))
  await within("PutKeyPolicy", () => failsWith("AccessDeniedException")(encryptOnB("alice", keyId)))

  // Aliases.
  const other = (await a("admin").send(new CreateKeyCommand({}))).KeyMetadata!
  await a("admin").send(new CreateAliasCommand({ AliasName: "alias/shared", TargetKeyId: keyId }))
  await within("CreateAlias", () => succeeds(encryptOnB("admin", "alias/shared")))
  await a("admin").send(new UpdateAliasCommand({ AliasName: "alias/shared", TargetKeyId: other.KeyId }))
  await within("UpdateAlias", async () =>
    (await b("admin").send(new DescribeKeyCommand({ KeyId: "alias/shared" }))).KeyMetadata?.KeyId === other.KeyId)
  await a("admin").send(new DeleteAliasCommand({ AliasName: "alias/shared" }))
  await within("DeleteAlias", () => failsWith("NotFoundException")(b("admin").send(new DescribeKeyCommand({ KeyId: "alias/shared" }))))

  // Rotation: B encrypts under the new version.
  await a("admin").send(new RotateKeyOnDemandCommand({ KeyId: keyId }))
  const rotated = (await a("admin").send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.CurrentKeyMaterialId
  expect(rotated).not.toBe(key.CurrentKeyMaterialId)
  await within("RotateKeyOnDemand", async () =>
    (await b("admin").send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.CurrentKeyMaterialId === rotated)

  await a("admin").send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }))
  await within("ScheduleKeyDeletion", () => failsWith("KMSInvalidStateException")(encryptOnB("admin", keyId)))

  // Imported material: B has the key resident while it is PendingImport.
  const external = (await a("admin").send(new CreateKeyCommand({ Origin: "EXTERNAL" }))).KeyMetadata!
  await within("CreateKey (EXTERNAL)", () => failsWith("KMSInvalidStateException")(encryptOnB("admin", external.KeyId!)))
  const parameters = await a("admin").send(new GetParametersForImportCommand({
    KeyId: external.KeyId,
    WrappingAlgorithm: "RSAES_OAEP_SHA_256",
    WrappingKeySpec: "RSA_2048"
  }))
  await a("admin").send(new ImportKeyMaterialCommand({
    KeyId: external.KeyId,
    ImportToken: parameters.ImportToken,
    EncryptedKeyMaterial: wrapWithNode("RSAES_OAEP_SHA_256", parameters.PublicKey!, randomBytes(32)),
    ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE"
  }))
  await within("ImportKeyMaterial", () => succeeds(encryptOnB("admin", external.KeyId!)))
  await a("admin").send(new DeleteImportedKeyMaterialCommand({ KeyId: external.KeyId }))
  await within("DeleteImportedKeyMaterial", () => failsWith("KMSInvalidStateException")(encryptOnB("admin", external.KeyId!)))
  return delays
}
