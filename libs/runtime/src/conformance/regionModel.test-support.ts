import * as fc from "fast-check"
import { DAY_MS } from "@trent/domain"

/**
 * A reference model of the Region for model-based tests: just enough state to
 * predict each operation's outcome (success or which rejection) and whether
 * every ciphertext ever returned decrypts.
 */
export type Status = "Enabled" | "Disabled" | "PendingDeletion" | "Destroyed"

export interface ModelKey {
  keyId: string
  status: Status
  deletionDate: number
  onDemand: number
}
export interface ModelCiphertext {
  readonly keyIndex: number
  readonly blob: Uint8Array
  readonly plaintext: string
  readonly context: Record<string, string>
}
export interface Model {
  now: number
  readonly keys: Array<ModelKey>
  readonly ciphertexts: Array<ModelCiphertext>
}

export type Step =
  | { readonly op: "create" }
  | { readonly op: "encrypt"; readonly key: number; readonly plaintext: string; readonly context: Record<string, string> }
  | { readonly op: "decrypt"; readonly ciphertext: number }
  | { readonly op: "enable" | "disable" | "cancel" | "rotate"; readonly key: number }
  | { readonly op: "schedule"; readonly key: number; readonly days: number }
  | { readonly op: "rotation"; readonly key: number; readonly period: number }
  | { readonly op: "advance"; readonly hours: number }
  | { readonly op: "restart" }

/** Indices are taken modulo the number of keys (ciphertexts) that exist when the step runs. */
const index = fc.nat({ max: 1000 })
export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant({ op: "create" as const }), weight: 3 },
  {
    arbitrary: fc.record({
      op: fc.constant("encrypt" as const),
      key: index,
      plaintext: fc.string({ minLength: 1, maxLength: 40 }),
      context: fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 3 })
    }),
    weight: 5
  },
  { arbitrary: fc.record({ op: fc.constant("decrypt" as const), ciphertext: index }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constantFrom("enable" as const, "disable" as const, "cancel" as const, "rotate" as const), key: index }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant("schedule" as const), key: index, days: fc.integer({ min: 7, max: 30 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant("rotation" as const), key: index, period: fc.integer({ min: 90, max: 400 }) }), weight: 1 },
  {
    // Whole days: the tests' scheduler ticks daily, so the model knows exactly when a window has ended.
    arbitrary: fc.record({
      op: fc.constant("advance" as const),
      hours: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 7, max: 400 })).map((days) => days * 24)
    }),
    weight: 2
  },
  { arbitrary: fc.constant({ op: "restart" as const }), weight: 1 }
)

/** What the Region must answer for this step on this model key: success (undefined) or the rejection's tag. */
export const expectedRejection = (step: Step, key: ModelKey): string | undefined => {
  const gone = key.status === "Destroyed"
  switch (step.op) {
    case "encrypt":
    case "rotate":
    case "rotation":
      return gone ? "KeyNotFound" : key.status === "Disabled" ? "KeyDisabled" : key.status === "PendingDeletion" ? "KeyInvalidState" : undefined
    case "enable":
    case "disable":
    case "schedule":
      return gone ? "KeyNotFound" : key.status === "PendingDeletion" ? "KeyInvalidState" : undefined
    case "cancel":
      return gone ? "KeyNotFound" : key.status === "PendingDeletion" ? undefined : "KeyInvalidState"
    default:
      return undefined
  }
}

/** The model's state change for a step that succeeded. */
export const applyToModel = (model: Model, step: Step, key: ModelKey | undefined): void => {
  if (key === undefined) return
  switch (step.op) {
    case "enable":
      key.status = "Enabled"
      return
    case "disable":
    case "cancel":
      key.status = "Disabled"
      return
    case "schedule":
      key.status = "PendingDeletion"
      key.deletionDate = model.now + step.days * DAY_MS
      return
    case "rotate":
      key.onDemand++
      return
    default:
      return
  }
}

/** Time passes: keys whose deletion window has ended are destroyed (the tests' scheduler runs daily, on the day grid). */
export const advanceModel = (model: Model, hours: number): void => {
  model.now += hours * 3_600_000
  for (const key of model.keys) {
    if (key.status === "PendingDeletion" && model.now >= key.deletionDate) key.status = "Destroyed"
  }
}

/** Decrypting a ciphertext of this key: the plaintext when Enabled, else the rejection's tag. */
export const expectedDecrypt = (key: ModelKey): string | undefined =>
  key.status === "Enabled" ? undefined : key.status === "Disabled" ? "KeyDisabled" : key.status === "PendingDeletion" ? "KeyInvalidState" : "InvalidCiphertext"
