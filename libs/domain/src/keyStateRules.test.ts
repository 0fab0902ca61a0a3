import { assert, describe, it } from "vitest"
import { checkKeyState } from "./checkKeyState.ts"
import { KeyStates } from "./KeyState.ts"
import { keyStateRules } from "./keyStateRules.ts"
import { Operations } from "./Operation.ts"
import { created, T0 } from "./keyFixtures.test-support.ts"
import { evolveKey, initialKey } from "./Key.ts"

describe("the key-state × operation table", () => {
  it("has a rule for every operation of the API model and every KeyState, and nothing else", () => {
    assert.deepStrictEqual(Object.keys(keyStateRules).sort(), [...Operations].sort())
    assert.strictEqual(Operations.length, 54)
    for (const operation of Operations) {
      assert.deepStrictEqual(Object.keys(keyStateRules[operation]).sort(), [...KeyStates].sort(), operation)
    }
  })
  it("is frozen", () => {
    assert.isTrue(Object.isFrozen(keyStateRules))
    assert.isTrue(Object.isFrozen(keyStateRules.Encrypt))
  })
  it("matches the guide's rows for the symmetric operations", () => {
    const disabled = evolveKey(evolveKey(initialKey, created), { _tag: "KeyDisabled", at: T0 })
    assert.strictEqual(checkKeyState("Encrypt", disabled)?._tag, "KeyDisabled")
    assert.strictEqual(checkKeyState("DescribeKey", disabled), undefined)
    assert.strictEqual(checkKeyState("GetKeyRotationStatus", disabled), undefined)
    assert.strictEqual(checkKeyState("ScheduleKeyDeletion", disabled), undefined)
    const pending = evolveKey(disabled, { _tag: "KeyDeletionScheduled", at: T0, deletionDate: T0 + 1, pendingWindowInDays: 7 })
    assert.strictEqual(checkKeyState("Decrypt", pending)?._tag, "KeyInvalidState")
    assert.strictEqual(checkKeyState("CancelKeyDeletion", pending), undefined)
    assert.strictEqual(checkKeyState("PutKeyPolicy", pending), undefined)
    assert.strictEqual(checkKeyState("TagResource", pending)?._tag, "KeyInvalidState")
    assert.strictEqual(checkKeyState("GetKeyRotationStatus", pending), undefined)
  })
})
