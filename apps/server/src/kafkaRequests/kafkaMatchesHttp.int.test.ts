import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { removeDir, type RunningServer, startServer } from "../e2e/serverFixture.test-support.ts"
import { type Answer, freshPrefix, httpAnswer, kafkaAnswer, openClient, testBrokers } from "./kafkaFixture.test-support.ts"

const region = "eu-west-1"
let server: RunningServer
let kafka: Awaited<ReturnType<typeof openClient>>
const prefix = freshPrefix("http")

beforeAll(async () => {
  server = await startServer({ regions: [region], kafkaRequests: true, kafkaBrokers: testBrokers(), kafkaTopicPrefix: prefix })
  kafka = await openClient({ brokers: testBrokers(), region, credentials: server.credentials, replyTopic: `${prefix}.replies`, topicPrefix: prefix })
})
afterAll(async () => {
  await kafka?.close()
  await server?.stop()
  if (server !== undefined) removeDir(server.dataDir)
})

type Side = "http" | "kafka"

const call = (side: Side, operation: string, body: Record<string, unknown>): Promise<Answer> =>
  side === "http" ? httpAnswer(server.url, server.credentials, region, operation, body) : kafkaAnswer(kafka.client, operation, body)

/** Fields whose values differ between two runs of the same request: fresh ids, IVs, random bytes, times. */
const volatileFields = new Set([
  "CiphertextBlob", "CreationDate", "DeletionDate", "GrantId", "GrantToken", "KeyMaterialId", "CurrentKeyMaterialId",
  "SourceKeyMaterialId", "DestinationKeyMaterialId", "RotationDate", "LastUpdatedDate", "NextRotationDate",
  "OnDemandRotationStartDate"
])

/** The answer with each side's own names (key ids, ARNs, aliases) and every volatile value replaced by a placeholder. */
const normalize = (value: unknown, names: ReadonlyMap<string, string>, field?: string): unknown => {
  if (field !== undefined && volatileFields.has(field)) return `<${typeof value}>`
  if (typeof value === "string") {
    let text = value
    for (const [name, placeholder] of names) text = text.replaceAll(name, placeholder)
    return text
  }
  if (Array.isArray(value)) return value.map((item) => normalize(item, names, field))
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalize(item, names, key)]))
  }
  return value
}

/** Types only, for answers that list both sides' resources (ListKeys, ListAliases…). */
const shape = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.slice(0, 1).map(shape)
    : typeof value === "object" && value !== null
    ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shape(item)]))
    : typeof value

const plaintext = Buffer.from("attack at dawn").toString("base64")
const context = { purpose: "conformance" }

/**
 * Every symmetric-key operation, as one script that each side runs on keys
 * and aliases of its own. Each step names what it compares: the whole
 * normalized answer, or its shape where the answer lists both sides' keys.
 */
const script = async (side: Side, principal: string) => {
  const answers: Array<{ readonly step: string; readonly answer: Answer; readonly compare: "equal" | "shape" }> = []
  const step = async (name: string, operation: string, body: Record<string, unknown>, compare: "equal" | "shape" = "equal") => {
    const answer = await call(side, operation, body)
    answers.push({ step: name, answer, compare })
    return answer.json
  }
  const key = ((await step("CreateKey", "CreateKey", { Description: "conformance", Tags: [{ TagKey: "team", TagValue: "kms" }] }))["KeyMetadata"] as { KeyId: string; Arn: string })
  const other = ((await step("CreateKey (second)", "CreateKey", {}))["KeyMetadata"] as { KeyId: string; Arn: string })
  const KeyId = key.KeyId
  await step("DescribeKey", "DescribeKey", { KeyId })
  await step("ListKeys", "ListKeys", {}, "shape")
  await step("UpdateKeyDescription", "UpdateKeyDescription", { KeyId, Description: "renamed" })
  await step("DisableKey", "DisableKey", { KeyId })
  await step("Encrypt on a disabled key", "Encrypt", { KeyId, Plaintext: plaintext })
  await step("EnableKey", "EnableKey", { KeyId })
  await step("EnableKeyRotation", "EnableKeyRotation", { KeyId, RotationPeriodInDays: 90 })
  await step("GetKeyRotationStatus", "GetKeyRotationStatus", { KeyId })
  await step("DisableKeyRotation", "DisableKeyRotation", { KeyId })
  await step("RotateKeyOnDemand", "RotateKeyOnDemand", { KeyId })
  await step("ListKeyRotations", "ListKeyRotations", { KeyId })
  await step("TagResource", "TagResource", { KeyId, Tags: [{ TagKey: "env", TagValue: "test" }] })
  await step("UntagResource", "UntagResource", { KeyId, TagKeys: ["team"] })
  await step("ListResourceTags", "ListResourceTags", { KeyId })
  const policy = (await step("GetKeyPolicy", "GetKeyPolicy", { KeyId, PolicyName: "default" }))["Policy"]
  await step("ListKeyPolicies", "ListKeyPolicies", { KeyId })
  await step("PutKeyPolicy", "PutKeyPolicy", { KeyId, PolicyName: "default", Policy: policy })
  await step("CreateAlias", "CreateAlias", { AliasName: `alias/${side}-conformance`, TargetKeyId: KeyId })
  await step("UpdateAlias", "UpdateAlias", { AliasName: `alias/${side}-conformance`, TargetKeyId: other.KeyId })
  await step("ListAliases", "ListAliases", { KeyId: other.KeyId })
  await step("DeleteAlias", "DeleteAlias", { AliasName: `alias/${side}-conformance` })
  await step("ListAliases (all)", "ListAliases", {}, "shape")
  const sealed = await step("Encrypt", "Encrypt", { KeyId, Plaintext: plaintext, EncryptionContext: context })
  await step("Decrypt", "Decrypt", { CiphertextBlob: sealed["CiphertextBlob"], EncryptionContext: context })
  await step("Decrypt with the wrong context", "Decrypt", { CiphertextBlob: sealed["CiphertextBlob"], EncryptionContext: { purpose: "other" } })
  const moved = await step("ReEncrypt", "ReEncrypt", { CiphertextBlob: sealed["CiphertextBlob"], SourceEncryptionContext: context, DestinationKeyId: other.KeyId })
  await step("Decrypt the re-encrypted", "Decrypt", { CiphertextBlob: moved["CiphertextBlob"] })
  const dataKey = await step("GenerateDataKey", "GenerateDataKey", { KeyId, KeySpec: "AES_256" }, "shape")
  const dataKeyPlaintext = dataKey["Plaintext"]
  const openedDataKey = await call(side, "Decrypt", { CiphertextBlob: dataKey["CiphertextBlob"] })
  await step("GenerateDataKeyWithoutPlaintext", "GenerateDataKeyWithoutPlaintext", { KeyId, NumberOfBytes: 16 })
  await step("GenerateRandom", "GenerateRandom", { NumberOfBytes: 32 }, "shape")
  const grant = await step("CreateGrant", "CreateGrant", { KeyId, GranteePrincipal: principal, RetiringPrincipal: principal, Operations: ["Encrypt", "Decrypt"] })
  await step("ListGrants", "ListGrants", { KeyId })
  await step("ListRetirableGrants", "ListRetirableGrants", { RetiringPrincipal: principal }, "shape")
  await step("RetireGrant", "RetireGrant", { KeyId: key.Arn, GrantId: grant["GrantId"] })
  const second = await step("CreateGrant (second)", "CreateGrant", { KeyId, GranteePrincipal: principal, Operations: ["GenerateDataKey"] })
  await step("RevokeGrant", "RevokeGrant", { KeyId, GrantId: second["GrantId"] })
  await step("ScheduleKeyDeletion", "ScheduleKeyDeletion", { KeyId: other.KeyId, PendingWindowInDays: 7 })
  await step("CancelKeyDeletion", "CancelKeyDeletion", { KeyId: other.KeyId })
  await step("DescribeKey of a missing key", "DescribeKey", { KeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" })
  await step("Encrypt without a plaintext", "Encrypt", { KeyId })
  await step("GenerateDataKey with two sizes", "GenerateDataKey", { KeyId, KeySpec: "AES_256", NumberOfBytes: 32 })
  await step("an operation Trent does not serve", "ConnectCustomKeyStore", { CustomKeyStoreId: "cks-1234567890abcdef0" })
  const names = new Map([[key.Arn, "<key-arn>"], [other.Arn, "<other-arn>"], [key.KeyId, "<key>"], [other.KeyId, "<other>"], [`${side}-`, "<side>-"]])
  return { answers, names, sealed, dataKeyPlaintext, openedDataKey }
}

describe("key operations over Kafka", () => {
  it("answer every symmetric-key operation as HTTP answers the same request: status, shape, values (ciphertexts compared by decrypting)", async () => {
    const principal = "arn:aws:iam::111122223333:user/admin"
    const overHttp = await script("http", principal)
    const overKafka = await script("kafka", principal)
    expect(overKafka.answers.map((a) => a.step)).toEqual(overHttp.answers.map((a) => a.step))
    for (const [i, viaHttp] of overHttp.answers.entries()) {
      const viaKafka = overKafka.answers[i]!
      const what = `${viaHttp.step}: ${JSON.stringify(viaKafka.answer.json)} vs ${JSON.stringify(viaHttp.answer.json)}`
      expect(viaKafka.answer.status, what).toBe(viaHttp.answer.status)
      if (viaHttp.compare === "shape") expect(shape(viaKafka.answer.json), what).toEqual(shape(viaHttp.answer.json))
      else expect(normalize(viaKafka.answer.json, overKafka.names), what).toEqual(normalize(viaHttp.answer.json, overHttp.names))
    }
    // Ciphertexts differ by IV: each side opens the other's, and a data key decrypts to the plaintext it came with.
    const crossed = await call("http", "Decrypt", { CiphertextBlob: overKafka.sealed["CiphertextBlob"], EncryptionContext: context })
    expect(crossed.json["Plaintext"]).toBe(plaintext)
    const back = await call("kafka", "Decrypt", { CiphertextBlob: overHttp.sealed["CiphertextBlob"], EncryptionContext: context })
    expect(back.json["Plaintext"]).toBe(plaintext)
    for (const side of [overHttp, overKafka]) expect(side.openedDataKey.json["Plaintext"]).toBe(side.dataKeyPlaintext)
  })
})
