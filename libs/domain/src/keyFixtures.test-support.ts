import { assert } from "vitest"
import { specification } from "@trent/testing"
import { decideKey, isKeyRejection } from "./decideKey.ts"
import { evolveKey, initialKey, type Key } from "./Key.ts"
import type { KeyCommand } from "./KeyCommand.ts"
import type { KeyRejection } from "./KeyErrors.ts"
import type { KeyEvent } from "./KeyEvent.ts"

export const T0 = Date.UTC(2026, 0, 1)
export const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
export const ARN = `arn:aws:kms:eu-west-1:111122223333:key/${KEY_ID}`
export const material = (n: number) => ({ materialId: n.toString(16).padStart(64, "0"), wrapped: new Uint8Array([n, 1, 2]) })

export const created: KeyEvent = {
  _tag: "KeyCreated",
  keyId: KEY_ID,
  partition: "aws",
  account: "111122223333",
  region: "eu-west-1",
  keySpec: "SYMMETRIC_DEFAULT",
  keyUsage: "ENCRYPT_DECRYPT",
  origin: "AWS_KMS",
  multiRegion: false,
  description: "",
  policy: "{}",
  tags: [],
  material: material(1),
  createdAt: T0
}

export const keySpec = specification<Key, KeyCommand, KeyEvent, KeyRejection>(
  { initialState: initialKey, decide: decideKey, evolve: evolveKey, isRejection: isKeyRejection },
  (actual, expected) => assert.deepStrictEqual(actual, expected)
)

export const rejectsWith = (tag: string, message?: string | RegExp) => (rejection: KeyRejection) => {
  assert.strictEqual(rejection._tag, tag)
  if (typeof message === "string") assert.strictEqual(rejection.message, message)
  if (message instanceof RegExp) assert.match(rejection.message, message)
}
