import { assert, describe, it } from "vitest"
import { specification } from "@trent/testing"
import { type Alias, type AliasCommand, type AliasEvent, decideAlias, evolveAlias, initialAlias, isAliasRejection } from "./Alias.ts"
import { checkAliasName } from "./AliasName.ts"
import { checkAliasTarget } from "./checkAliasTarget.ts"
import type { AliasRejection } from "./KeyErrors.ts"
import { evolveKey, initialKey } from "./Key.ts"
import { ARN, created, T0 } from "./keyFixtures.test-support.ts"

const { given } = specification<Alias, AliasCommand, AliasEvent, AliasRejection>(
  { initialState: initialAlias, decide: decideAlias, evolve: evolveAlias, isRejection: isAliasRejection },
  (actual, expected) => assert.deepStrictEqual(actual, expected)
)
const aliasArn = "arn:aws:kms:eu-west-1:111122223333:alias/payments"
const aliasCreated: AliasEvent = { _tag: "AliasCreated", at: T0, aliasName: "alias/payments", targetKeyId: "k1" }

describe("alias decider", () => {
  it("creates an alias", () =>
    given([]).when({ _tag: "CreateAlias", now: T0, aliasName: "alias/payments", aliasArn, targetKeyId: "k1" })
      .then([aliasCreated]))
  it("rejects a duplicate name with AWS's message", () =>
    given([aliasCreated]).when({ _tag: "CreateAlias", now: T0, aliasName: "alias/payments", aliasArn, targetKeyId: "k2" })
      .thenRejects((r) => {
        assert.strictEqual(r._tag, "AliasAlreadyExists")
        assert.strictEqual(r.message, `An alias with the name ${aliasArn} already exists`)
      }))
  it("can recreate a deleted alias", () =>
    given([aliasCreated, { _tag: "AliasDeleted", at: T0 + 1 }])
      .when({ _tag: "CreateAlias", now: T0 + 2, aliasName: "alias/payments", aliasArn, targetKeyId: "k2" })
      .thenEvents((events) => assert.strictEqual(events.length, 1)))
  it("retargets and deletes an existing alias, and answers NotFound for a missing one", () => {
    given([aliasCreated]).when({ _tag: "UpdateAlias", now: T0 + 1, aliasArn, targetKeyId: "k2" })
      .then([{ _tag: "AliasRetargeted", at: T0 + 1, targetKeyId: "k2" }])
    given([aliasCreated]).when({ _tag: "DeleteAlias", now: T0 + 1, aliasArn }).then([{ _tag: "AliasDeleted", at: T0 + 1 }])
    given([]).when({ _tag: "DeleteAlias", now: T0, aliasArn }).thenRejects((r) => {
      assert.strictEqual(r._tag, "KeyNotFound")
      assert.strictEqual(r.message, `Alias ${aliasArn} is not found.`)
    })
  })
})

describe("alias names", () => {
  it("accepts letters, digits, slash, underscore and dash after alias/", () => {
    assert.strictEqual(checkAliasName("alias/My_Key-1/prod"), undefined)
  })
  it("requires the alias/ prefix with AWS's message", () =>
    assert.strictEqual(
      checkAliasName("payments")?.message,
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html'
    ))
  it("rejects a colon as AWS does, and other characters by the model pattern", () => {
    assert.strictEqual(checkAliasName("alias/a:b")?.message, "alias/a:b contains invalid characters for an alias")
    assert.match(checkAliasName("alias/a b")?.message ?? "", /satisfy regular expression pattern: \^\[a-zA-Z0-9:\/_-\]\+\$$/)
  })
  it("rejects names over 256 characters and the reserved alias/aws/ space", () => {
    assert.strictEqual(checkAliasName(`alias/${"a".repeat(250)}`), undefined)
    assert.strictEqual(checkAliasName(`alias/${"a".repeat(251)}`)?._tag, "InvalidRequest")
    assert.strictEqual(checkAliasName("alias/aws/s3")?._tag, "AliasReserved")
  })
})

describe("alias targets", () => {
  const key = evolveKey(initialKey, created)
  it("accepts an enabled key with room for another alias", () =>
    assert.strictEqual(checkAliasTarget({ operation: "CreateAlias", target: key, targetArn: ARN, aliasesOfTarget: 49 }), undefined))
  it("limits a key to 50 aliases", () =>
    assert.strictEqual(checkAliasTarget({ operation: "CreateAlias", target: key, targetArn: ARN, aliasesOfTarget: 50 })?._tag, "LimitExceeded"))
  it("rejects a missing key and a key pending deletion", () => {
    assert.strictEqual(checkAliasTarget({ operation: "CreateAlias", target: initialKey, targetArn: ARN, aliasesOfTarget: 0 })?.message, `Key '${ARN}' does not exist`)
    const pending = evolveKey(key, { _tag: "KeyDeletionScheduled", at: T0, deletionDate: T0 + 1, pendingWindowInDays: 7 })
    assert.strictEqual(checkAliasTarget({ operation: "UpdateAlias", target: pending, targetArn: ARN, aliasesOfTarget: 0 })?._tag, "KeyInvalidState")
  })
})
