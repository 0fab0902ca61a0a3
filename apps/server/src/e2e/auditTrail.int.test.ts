import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateMacCommand,
  GenerateRandomCommand,
  GetKeyLastUsageCommand,
  KMSClient,
  SignCommand
} from "@aws-sdk/client-kms"
import { openAuditFileReadOnly, type StoredAuditRecord } from "@trent/audit"
import { Effect } from "effect"
import { generateKeyPairSync, randomBytes } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"

/**
 * The audit trail end to end (issue #7): exactly one record per request,
 * allowed or refused, durable before the answer; no plaintext, data key,
 * private key, shared secret or grant token in any record; the trail verifies
 * under the published key; GetKeyLastUsage answers from it.
 */
let server: RunningServer
let kms: KMSClient
const requestIds: Array<string> = []
const secrets: Array<Uint8Array> = []

const sent = async <T extends { $metadata: { requestId?: string } }>(promise: Promise<T>): Promise<T> => {
  const result = await promise
  requestIds.push(result.$metadata.requestId!)
  return result
}
const refused = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise
  } catch (error) {
    requestIds.push((error as { $metadata: { requestId: string } }).$metadata.requestId)
    return error as Error
  }
  throw new Error("expected the call to fail")
}
const secret = (bytes: Uint8Array | undefined) => {
  secrets.push(bytes!)
  return bytes!
}

const readTrail = (dataDir: string, region: string) =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const file = yield* openAuditFileReadOnly(join(dataDir, region, "audit.db"))
    const pem = readFileSync(join(dataDir, region, "audit-public-key.pem"), "utf8")
    const publicKey = new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64"))
    return { records: yield* file.read(), report: yield* file.verify(publicKey) }
  })))

beforeAll(async () => {
  server = await startServer()
  kms = server.client()
})
afterAll(() => removeDir(server.dataDir))

describe("the audit trail", () => {
  it("records every request once, secret-free, in a chain that verifies under the published key", async () => {
    const key = (await sent(kms.send(new CreateKeyCommand({ Description: "audited" })))).KeyMetadata!
    const plaintext = secret(randomBytes(48))
    const sealed = await sent(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext, EncryptionContext: { app: "audit" } })))
    secret((await sent(kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { app: "audit" } })))).Plaintext)
    secret((await sent(kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: "AES_256" })))).Plaintext)
    secret((await sent(kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: "ECC_NIST_P256" })))).PrivateKeyPlaintext)
    secret((await sent(kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 })))).Plaintext)
    const signing = (await sent(kms.send(new CreateKeyCommand({ KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" })))).KeyMetadata!
    await sent(kms.send(new SignCommand({ KeyId: signing.KeyId, Message: secret(randomBytes(40)), SigningAlgorithm: "ECDSA_SHA_256" })))
    const hmac = (await sent(kms.send(new CreateKeyCommand({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" })))).KeyMetadata!
    secret((await sent(kms.send(new GenerateMacCommand({ KeyId: hmac.KeyId, Message: secret(randomBytes(40)), MacAlgorithm: "HMAC_SHA_256" })))).Mac)
    const agreement = (await sent(kms.send(new CreateKeyCommand({ KeySpec: "ECC_NIST_P256", KeyUsage: "KEY_AGREEMENT" })))).KeyMetadata!
    const peer = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ format: "der", type: "spki" })
    secret((await sent(kms.send(new DeriveSharedSecretCommand({ KeyId: agreement.KeyId, KeyAgreementAlgorithm: "ECDH", PublicKey: peer })))).SharedSecret)
    const grant = await sent(kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: "arn:aws:iam::111122223333:role/app", Operations: ["Decrypt"] })))
    secret(new TextEncoder().encode(grant.GrantToken!))
    await refused(kms.send(new DescribeKeyCommand({ KeyId: "alias/missing" })))
    await refused(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: secret(randomBytes(5000)) })))
    const impostor = new KMSClient({ endpoint: server.url, region: "eu-west-1", credentials: { ...server.credentials, secretAccessKey: "wrong" }, maxAttempts: 1 })
    await refused(impostor.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: secret(randomBytes(32)) })))
    impostor.destroy()

    const usage = await sent(kms.send(new GetKeyLastUsageCommand({ KeyId: key.KeyId })))
    expect(usage.KeyLastUsage).toMatchObject({ Operation: "GenerateDataKeyPair" })
    expect(usage.KeyCreationDate).toEqual(key.CreationDate)
    expect(usage.TrackingStartDate!.getTime()).toBeGreaterThanOrEqual(key.CreationDate!.getTime())
    const unused = await kms.send(new GetKeyLastUsageCommand({ KeyId: hmac.KeyId }))
    requestIds.push(unused.$metadata.requestId!)
    expect(unused.KeyLastUsage?.Operation).toBe("GenerateMac")

    await server.stop()
    const { records, report } = await readTrail(server.dataDir, "eu-west-1")
    expect(report).toMatchObject({ ok: true, unsignedTail: 0 })
    const byRequest = new Map<string, Array<StoredAuditRecord>>()
    for (const entry of records) byRequest.set(entry.record.requestID, [...(byRequest.get(entry.record.requestID) ?? []), entry])
    for (const requestId of requestIds) expect(byRequest.get(requestId), requestId).toHaveLength(1)
    expect(records).toHaveLength(requestIds.length)

    const encrypt = byRequest.get(sealed.$metadata.requestId!)![0]!.record
    expect(encrypt).toMatchObject({
      eventSource: "kms.amazonaws.com",
      eventName: "Encrypt",
      awsRegion: "eu-west-1",
      userIdentity: { type: "IAMUser", arn: "arn:aws:iam::111122223333:user/admin", accountId: "111122223333" },
      requestParameters: { keyId: key.KeyId, encryptionContext: { app: "audit" } },
      resources: [{ ARN: key.Arn, type: "AWS::KMS::Key", accountId: "111122223333" }]
    })
    const bad = records.find((entry) => entry.record.userIdentity.type === "Unknown")!.record
    expect(bad.errorCode).toBe("InvalidSignatureException")

    // Not in any form, in the database or its write-ahead log.
    const files = ["audit.db", "audit.db-wal"].map((name) => join(server.dataDir, "eu-west-1", name)).filter(existsSync)
    const stored = Buffer.concat(files.map((file) => readFileSync(file)))
    for (const value of secrets) {
      const bytes = Buffer.from(value)
      for (const form of [bytes, Buffer.from(bytes.toString("base64")), Buffer.from(bytes.toString("hex")), Buffer.from(bytes.toString("base64url"))]) {
        expect(stored.includes(form.subarray(0, Math.min(form.length, 24))), `a secret of ${bytes.length} bytes`).toBe(false)
      }
    }
  })
})
