import { assert, describe, it } from "vitest"
import { evolveKey, initialKey, type Key } from "./Key.ts"
import type { KeyEvent } from "./KeyEvent.ts"
import { keyRotationStatus } from "./keyViews.ts"
import { rotationStatusRefusal } from "./decide/rotation.ts"
import { ARN, created, T0 } from "./keyFixtures.test-support.ts"

const fold = (events: ReadonlyArray<KeyEvent>): Key => events.reduce(evolveKey, initialKey)
const live = (events: ReadonlyArray<KeyEvent>) => {
  const state = fold(events)
  if (state.status === "Absent" || state.status === "Destroyed") throw new Error("fixture key is not live")
  return state
}

const asymmetric: KeyEvent = { ...created, keySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" } as KeyEvent
const hmac: KeyEvent = { ...created, keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" } as KeyEvent
const imported: KeyEvent = { ...created, origin: "EXTERNAL" } as KeyEvent

describe("GetKeyRotationStatus", () => {
  it("reports false, not a refusal, for asymmetric and HMAC keys", () => {
    for (const key of [asymmetric, hmac]) {
      const state = live([key])
      assert.strictEqual(rotationStatusRefusal(state.key), undefined)
      assert.deepStrictEqual(keyRotationStatus(state), {
        keyId: ARN,
        keyRotationEnabled: false,
        rotationPeriodInDays: undefined,
        nextRotationDate: undefined
      })
    }
  })
  it("refuses keys with imported material, naming the origin", () => {
    const refusal = rotationStatusRefusal(live([imported]).key)
    assert.strictEqual(refusal?._tag, "UnsupportedOperation")
    assert.strictEqual(refusal?.message, `${ARN} origin is EXTERNAL which is not valid for this operation.`)
  })
  it("reports a symmetric key's enabled rotation", () => {
    const enabled: KeyEvent = { _tag: "KeyRotationEnabled", at: T0, rotationPeriodInDays: 90, nextRotationAt: T0 + 1 }
    assert.strictEqual(keyRotationStatus(live([created, enabled])).keyRotationEnabled, true)
  })
})
