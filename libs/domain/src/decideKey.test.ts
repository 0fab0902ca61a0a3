import { assert, describe, it } from "vitest"
import { DAY_MS } from "./Key.ts"
import { ARN, created, KEY_ID, keySpec, material, rejectsWith, T0 } from "./keyFixtures.test-support.ts"

const { given } = keySpec
const createCommand = {
  _tag: "CreateKey" as const,
  now: T0,
  keyId: KEY_ID,
  partition: "aws",
  account: "111122223333",
  region: "eu-west-1",
  keySpec: "SYMMETRIC_DEFAULT" as const,
  keyUsage: "ENCRYPT_DECRYPT" as const,
  origin: "AWS_KMS" as const,
  multiRegion: false,
  description: "",
  tags: [],
  material: material(1)
}
const disabled = { _tag: "KeyDisabled" as const, at: T0 + 1 }
const scheduled = { _tag: "KeyDeletionScheduled" as const, at: T0 + 2, deletionDate: T0 + 2 + 7 * DAY_MS, pendingWindowInDays: 7 }

describe("CreateKey", () => {
  it("creates an enabled symmetric key with AWS's default policy naming the account root", () =>
    given([]).when(createCommand).thenEvents(([event]) => {
      assert.strictEqual(event?._tag, "KeyCreated")
      if (event?._tag !== "KeyCreated") return
      const policy = JSON.parse(event.policy)
      assert.deepStrictEqual(policy.Statement[0].Principal, { AWS: "arn:aws:iam::111122223333:root" })
      assert.strictEqual(policy.Statement[0].Action, "kms:*")
    }))
  it("keeps a given policy verbatim", () =>
    given([]).when({ ...createCommand, policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}' })
      .thenEvents(([event]) =>
        assert.strictEqual(event?._tag === "KeyCreated" && event.policy, '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}')
      ))
  it("rejects a description over 8192 characters with AWS's validation message", () =>
    given([]).when({ ...createCommand, description: "x".repeat(8193) }).thenRejects(
      rejectsWith("InvalidRequest", /^1 validation error detected: Value 'x+' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192$/)
    ))
  it("rejects reserved, duplicate and too many tags", () => {
    given([]).when({ ...createCommand, tags: [{ tagKey: "aws:x", tagValue: "" }] })
      .thenRejects(rejectsWith("TagRejected", "Tags beginning with aws: are reserved"))
    given([]).when({ ...createCommand, tags: [{ tagKey: "a", tagValue: "1" }, { tagKey: "a", tagValue: "2" }] })
      .thenRejects(rejectsWith("TagRejected", "Duplicate tag keys"))
    const many = Array.from({ length: 51 }, (_, i) => ({ tagKey: `k${i}`, tagValue: "" }))
    given([]).when({ ...createCommand, tags: many }).thenRejects(rejectsWith("TagRejected", "Too many tags"))
  })
  it("creates asymmetric and HMAC keys with a usage their spec allows", () => {
    given([]).when({ ...createCommand, keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })
      .thenEvents(([event]) => assert.strictEqual(event?._tag === "KeyCreated" && event.keySpec, "RSA_2048"))
    given([]).when({ ...createCommand, keySpec: "ECC_NIST_P384", keyUsage: "KEY_AGREEMENT" })
      .thenEvents(([event]) => assert.strictEqual(event?._tag === "KeyCreated" && event.keyUsage, "KEY_AGREEMENT"))
    given([]).when({ ...createCommand, keySpec: "HMAC_512", keyUsage: "GENERATE_VERIFY_MAC" })
      .thenEvents(([event]) => assert.strictEqual(event?._tag === "KeyCreated" && event.keySpec, "HMAC_512"))
  })
  it("rejects SM2 (China Regions only), a wrong usage for the spec and imported material", () => {
    given([]).when({ ...createCommand, keySpec: "SM2", keyUsage: "SIGN_VERIFY" }).thenRejects(rejectsWith("UnsupportedOperation"))
    given([]).when({ ...createCommand, keySpec: "RSA_2048", keyUsage: "KEY_AGREEMENT" }).thenRejects(
      rejectsWith("InvalidRequest", "KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048")
    )
    given([]).when({ ...createCommand, keySpec: "ECC_SECG_P256K1", keyUsage: "KEY_AGREEMENT" }).thenRejects(
      rejectsWith("InvalidRequest", "KeyUsage KEY_AGREEMENT is not compatible with KeySpec ECC_SECG_P256K1")
    )
    given([]).when({ ...createCommand, keyUsage: "SIGN_VERIFY" }).thenRejects(
      rejectsWith("InvalidRequest", "KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT")
    )
    given([]).when({ ...createCommand, origin: "AWS_CLOUDHSM" }).thenRejects(rejectsWith("UnsupportedOperation"))
    given([]).when({ ...createCommand, origin: "EXTERNAL" }).thenRejects(rejectsWith("InvalidRequest"))
    given([]).when({ ...createCommand, multiRegion: true }).thenRejects(rejectsWith("InvalidRequest"))
  })
  it("rejects a malformed policy document", () =>
    given([]).when({ ...createCommand, policy: "{not json" }).thenRejects(rejectsWith("MalformedPolicyDocument")))
  it("rejects creating a key id that already exists", () =>
    given([created]).when(createCommand).thenRejects(rejectsWith("KeyInvalidState")))
})

describe("EnableKey and DisableKey", () => {
  it("disables an enabled key", () =>
    given([created]).when({ _tag: "DisableKey", now: T0 + 1 }).then([{ _tag: "KeyDisabled", at: T0 + 1 }]))
  it("enables a disabled key", () =>
    given([created, disabled]).when({ _tag: "EnableKey", now: T0 + 5 }).then([{ _tag: "KeyEnabled", at: T0 + 5 }]))
  it("records nothing when the key is already in the requested state", () => {
    given([created]).when({ _tag: "EnableKey", now: T0 + 1 }).then([])
    given([created, disabled]).when({ _tag: "DisableKey", now: T0 + 5 }).then([])
  })
  it("rejects both while the key is pending deletion", () => {
    given([created, scheduled]).when({ _tag: "EnableKey", now: T0 + 5 })
      .thenRejects(rejectsWith("KeyInvalidState", `${ARN} is pending deletion.`))
    given([created, scheduled]).when({ _tag: "DisableKey", now: T0 + 5 })
      .thenRejects(rejectsWith("KeyInvalidState", `${ARN} is pending deletion.`))
  })
  it("answers NotFound for a key whose material was destroyed", () =>
    given([created, scheduled, { _tag: "KeyMaterialDestroyed", at: T0 + 8 * DAY_MS }])
      .when({ _tag: "EnableKey", now: T0 + 9 * DAY_MS })
      .thenRejects(rejectsWith("KeyNotFound", `Key '${ARN}' does not exist`)))
})

describe("ScheduleKeyDeletion and CancelKeyDeletion", () => {
  it("schedules deletion 30 days out by default", () =>
    given([created]).when({ _tag: "ScheduleKeyDeletion", now: T0 }).then([
      { _tag: "KeyDeletionScheduled", at: T0, deletionDate: T0 + 30 * DAY_MS, pendingWindowInDays: 30 }
    ]))
  it("accepts windows of 7 and 30 days and rejects 6 and 31", () => {
    given([created]).when({ _tag: "ScheduleKeyDeletion", now: T0, pendingWindowInDays: 7 })
      .thenEvents((events) => assert.strictEqual(events.length, 1))
    given([created]).when({ _tag: "ScheduleKeyDeletion", now: T0, pendingWindowInDays: 6 }).thenRejects(
      rejectsWith("InvalidRequest", "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7")
    )
    given([created]).when({ _tag: "ScheduleKeyDeletion", now: T0, pendingWindowInDays: 31 }).thenRejects(
      rejectsWith("InvalidRequest", /less than or equal to 30$/)
    )
  })
  it("rejects scheduling twice", () =>
    given([created, scheduled]).when({ _tag: "ScheduleKeyDeletion", now: T0 + 5 })
      .thenRejects(rejectsWith("KeyInvalidState", `${ARN} is pending deletion.`)))
  it("cancels a pending deletion, leaving the key Disabled", () =>
    given([created, scheduled]).when({ _tag: "CancelKeyDeletion", now: T0 + 5 })
      .then([{ _tag: "KeyDeletionCancelled", at: T0 + 5 }]))
  it("rejects cancelling when no deletion is pending", () =>
    given([created]).when({ _tag: "CancelKeyDeletion", now: T0 + 5 })
      .thenRejects(rejectsWith("KeyInvalidState", `${ARN} is not pending deletion.`)))
})

describe("UpdateKeyDescription", () => {
  it("records the new description", () =>
    given([created]).when({ _tag: "UpdateKeyDescription", now: T0 + 1, description: "payments" })
      .then([{ _tag: "KeyDescriptionUpdated", at: T0 + 1, description: "payments" }]))
  it("works on a disabled key but not on one pending deletion", () => {
    given([created, disabled]).when({ _tag: "UpdateKeyDescription", now: T0 + 2, description: "d" })
      .thenEvents((events) => assert.strictEqual(events.length, 1))
    given([created, scheduled]).when({ _tag: "UpdateKeyDescription", now: T0 + 3, description: "d" })
      .thenRejects(rejectsWith("KeyInvalidState"))
  })
  it("rejects a description over 8192 characters", () =>
    given([created]).when({ _tag: "UpdateKeyDescription", now: T0, description: "y".repeat(8193) })
      .thenRejects(rejectsWith("InvalidRequest")))
})

describe("TagResource, UntagResource and PutKeyPolicy", () => {
  const tagged = { _tag: "KeyTagged" as const, at: T0 + 1, tags: [{ tagKey: "team", tagValue: "pay" }] }
  it("tags and untags", () => {
    given([created]).when({ _tag: "TagResource", now: T0 + 1, tags: tagged.tags }).then([tagged])
    given([created, tagged]).when({ _tag: "UntagResource", now: T0 + 2, tagKeys: ["team", "absent"] })
      .then([{ _tag: "KeyUntagged", at: T0 + 2, tagKeys: ["team", "absent"] }])
  })
  it("counts existing tags towards the limit of 50, overwriting rather than adding repeated keys", () => {
    const fifty = { _tag: "KeyTagged" as const, at: T0, tags: Array.from({ length: 50 }, (_, i) => ({ tagKey: `k${i}`, tagValue: "" })) }
    given([created, fifty]).when({ _tag: "TagResource", now: T0 + 1, tags: [{ tagKey: "k3", tagValue: "new" }] })
      .thenEvents((events) => assert.strictEqual(events.length, 1))
    given([created, fifty]).when({ _tag: "TagResource", now: T0 + 1, tags: [{ tagKey: "k50", tagValue: "" }] })
      .thenRejects(rejectsWith("TagRejected", "Too many tags"))
  })
  it("rejects the reserved prefix aws: in any case, in CreateKey and TagResource, with AWS's TagException", () => {
    for (const tagKey of ["AWS:key1", "Aws:key1", "aWs:key1"]) {
      given([]).when({ ...createCommand, tags: [{ tagKey, tagValue: "v" }] })
        .thenRejects(rejectsWith("TagRejected", "Tags beginning with aws: are reserved"))
      given([created]).when({ _tag: "TagResource", now: T0 + 1, tags: [{ tagKey, tagValue: "v" }] })
        .thenRejects(rejectsWith("TagRejected", "Tags beginning with aws: are reserved"))
    }
    given([created]).when({ _tag: "TagResource", now: T0 + 1, tags: [{ tagKey: "awsome:key1", tagValue: "v" }] })
      .thenEvents((events) => assert.strictEqual(events.length, 1))
  })
  it("rejects tag keys over 128 characters at AWS's member path", () =>
    given([created]).when({ _tag: "TagResource", now: T0, tags: [{ tagKey: "ok", tagValue: "" }, { tagKey: "k".repeat(129), tagValue: "" }] })
      .thenRejects(rejectsWith("InvalidRequest", /at 'tags.2.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128$/)))
  it("stores a policy under the name default and rejects any other name", () => {
    const policy = '{"Statement":{"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*"}}'
    given([created]).when({ _tag: "PutKeyPolicy", now: T0, policy })
      .then([{ _tag: "KeyPolicyPut", at: T0, policyName: "default", policy }])
    given([created]).when({ _tag: "PutKeyPolicy", now: T0, policyName: "other", policy })
      .thenRejects(rejectsWith("KeyNotFound", "No such policy exists"))
  })
  it("rejects policies over 32 KB, without a principal, or not JSON", () => {
    const big = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Sid: "x".repeat(32_800) }] })
    given([created]).when({ _tag: "PutKeyPolicy", now: T0, policy: big }).thenRejects(rejectsWith("LimitExceeded"))
    given([created]).when({ _tag: "PutKeyPolicy", now: T0, policy: '{"Statement":[{"Effect":"Allow","Action":"kms:*"}]}' })
      .thenRejects(rejectsWith("MalformedPolicyDocument"))
    given([created]).when({ _tag: "PutKeyPolicy", now: T0, policy: "[1,2" }).thenRejects(rejectsWith("MalformedPolicyDocument"))
  })
  it("allows policy changes while pending deletion", () =>
    given([created, scheduled]).when({ _tag: "PutKeyPolicy", now: T0, policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}' })
      .thenEvents((events) => assert.strictEqual(events.length, 1)))
})
