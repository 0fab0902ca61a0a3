import { assert, describe, expect, it } from "vitest"
import { evolveKey, initialKey } from "./Key.ts"
import type { Grant } from "./Grant.ts"
import type { KeyEvent } from "./KeyEvent.ts"
import { created, keySpec, rejectsWith, T0 } from "./keyFixtures.test-support.ts"
import { decodeKeySnapshot, encodeKeySnapshot } from "./KeySnapshot.ts"

const { given } = keySpec
const grant: Grant = {
  grantId: "a".repeat(64),
  name: "app",
  granteePrincipal: "arn:aws:iam::111122223333:role/app",
  operations: ["Encrypt", "Decrypt"],
  issuingAccount: "arn:aws:iam::111122223333:root",
  createdAt: T0 + 1
}
const createGrant = (g: Grant) => ({ _tag: "CreateGrant" as const, now: g.createdAt, grant: g })
const grantCreated: KeyEvent = { _tag: "GrantCreated", at: T0 + 1, grant }
const signingKey: KeyEvent = { ...created, keySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" } as KeyEvent
const hmacKey: KeyEvent = { ...created, keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" } as KeyEvent

describe("CreateGrant (aws-kms-api.md §3.7, §7.5)", () => {
  it("records the grant as an event in the key's log", () =>
    given([created]).when(createGrant(grant)).then([grantCreated]))
  it("returns the same grant again for the same Name and identical parameters, recording nothing", () =>
    given([created, grantCreated]).when(createGrant({ ...grant, grantId: "b".repeat(64), operations: ["Decrypt", "Encrypt"] }))
      .then([]))
  it("creates a new grant for the same Name with different parameters", () => {
    const other = { ...grant, grantId: "b".repeat(64), operations: ["Decrypt" as const] }
    given([created, grantCreated]).when(createGrant(other)).then([{ _tag: "GrantCreated", at: other.createdAt, grant: other }])
  })
  it("rejects operations that do not suit the key's type", () => {
    given([signingKey]).when(createGrant(grant)).thenRejects(
      rejectsWith("InvalidRequest", "Grant operations [Encrypt, Decrypt] are not valid for a KMS key with SIGN_VERIFY key usage.")
    )
    given([hmacKey]).when(createGrant({ ...grant, operations: ["GenerateMac", "VerifyMac", "DescribeKey"] }))
      .thenEvents(([event]) => assert.strictEqual(event?._tag, "GrantCreated"))
    given([created]).when(createGrant({ ...grant, operations: ["Sign"] })).thenRejects(rejectsWith("InvalidRequest"))
  })
  it("rejects encryption context constraints on asymmetric and HMAC keys, and oversized constraints", () => {
    const constrained = { ...grant, operations: ["GenerateMac" as const], constraints: { encryptionContextSubset: { a: "b" } } }
    given([hmacKey]).when(createGrant(constrained)).thenRejects(rejectsWith("InvalidRequest"))
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, "v"]))
    given([created]).when(createGrant({ ...grant, constraints: { encryptionContextEquals: nine } }))
      .thenRejects(rejectsWith("InvalidRequest"))
    given([created]).when(createGrant({ ...grant, constraints: { encryptionContextEquals: { k: "v".repeat(385) } } }))
      .thenRejects(rejectsWith("InvalidRequest"))
  })
  it("rejects a grant on a disabled key, as the key-state table says", () =>
    given([created, { _tag: "KeyDisabled", at: T0 }]).when(createGrant(grant)).thenRejects(rejectsWith("KeyDisabled")))
})

describe("RetireGrant and RevokeGrant", () => {
  it("removes a retired grant and records who retired it", () =>
    given([created, grantCreated])
      .when({ _tag: "RetireGrant", now: T0 + 2, grantId: grant.grantId, retiredBy: "arn:aws:iam::111122223333:role/app" })
      .then([{ _tag: "GrantRetired", at: T0 + 2, grantId: grant.grantId, retiredBy: "arn:aws:iam::111122223333:role/app" }]))
  it("revokes a grant", () =>
    given([created, grantCreated]).when({ _tag: "RevokeGrant", now: T0 + 2, grantId: grant.grantId })
      .then([{ _tag: "GrantRevoked", at: T0 + 2, grantId: grant.grantId }]))
  it("answers an unknown grant id with InvalidGrantId", () => {
    given([created]).when({ _tag: "RevokeGrant", now: T0 + 2, grantId: "c".repeat(64) })
      .thenRejects(rejectsWith("InvalidGrantId", `Grant ID ${"c".repeat(64)} not found`))
    given([created]).when({ _tag: "RetireGrant", now: T0 + 2, grantId: "c".repeat(64), retiredBy: "x" })
      .thenRejects(rejectsWith("InvalidGrantId"))
  })
  it("folds grants into the state, and the snapshot keeps them", () => {
    const state = [created, grantCreated].reduce(evolveKey, initialKey)
    assert.deepStrictEqual(state.status !== "Absent" && state.key.grants, [grant])
    expect(decodeKeySnapshot(encodeKeySnapshot(state))).toEqual(state)
    const revoked = evolveKey(state, { _tag: "GrantRevoked", at: T0 + 3, grantId: grant.grantId })
    assert.deepStrictEqual(revoked.status !== "Absent" && revoked.key.grants, [])
  })
  it("reads a snapshot written before grants existed as a key with no grants", () => {
    const state = [created].reduce(evolveKey, initialKey)
    const old = encodeKeySnapshot(state) as { key: Record<string, unknown> }
    delete old.key["grants"]
    expect(decodeKeySnapshot(old)).toEqual(state)
  })
})
