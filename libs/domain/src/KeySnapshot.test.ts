import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { assert, describe, expect, it } from "vitest"
import { importedMaterialTerms } from "./decide/importMaterial.ts"
import { decideKey, isKeyRejection } from "./decideKey.ts"
import { decodeKeyEvent, encodeKeyEvent } from "./EventCodec.ts"
import { DAY_MS, evolveKey, initialKey, type Key, keyDueAt } from "./Key.ts"
import type { KeyCommand } from "./KeyCommand.ts"
import type { KeyRejection } from "./KeyErrors.ts"
import type { KeyEvent } from "./KeyEvent.ts"
import { material, T0 } from "./keyFixtures.test-support.ts"
import { decodeKeySnapshot, encodeKeySnapshot } from "./KeySnapshot.ts"
import { ExpirationModels, ImportTypes, RotationTypes } from "./KeySpec.ts"
import { keyMetadata } from "./keyViews.ts"

/**
 * Loading a key from its snapshot must give the state folding its events gives
 * (KeySnapshot.ts), over histories that reach the import and multi-Region
 * states: PendingImport, PendingReplicaDeletion, pending rotation, replicas.
 */
const REGIONS = ["eu-west-1", "us-east-1", "ap-south-1"] as const
const HOUR_MS = 3_600_000
const noMaterial = { materialId: "", wrapped: new Uint8Array() }

interface Start {
  readonly origin: "AWS_KMS" | "EXTERNAL"
  readonly hmac: boolean
  readonly multiRegion: boolean
  readonly replica: boolean
  readonly replicaHasMaterial: boolean
  readonly replicaRotation: boolean
}

type SimpleOp = "rotateOnDemand" | "disableRotation" | "createReplica" | "enable" | "disable" | "cancel" | "tick"
type Action =
  | {
    readonly op: "import"
    readonly n: number
    readonly model: (typeof ExpirationModels)[number] | undefined
    readonly validInDays: number | undefined
    readonly importType: (typeof ImportTypes)[number] | undefined
    readonly keyMaterialN: number | undefined
    readonly description: string | undefined
  }
  | { readonly op: "deleteImported"; readonly keyMaterialN: number | undefined }
  | { readonly op: "replicate"; readonly n: number | undefined; readonly rotationType: (typeof RotationTypes)[number]; readonly nextInDays: number | undefined }
  | { readonly op: "sync"; readonly enabled: boolean; readonly period: number; readonly nextInDays: number }
  | { readonly op: "membership"; readonly primary: number; readonly replicas: ReadonlyArray<string> }
  | { readonly op: "enableRotation"; readonly period: number }
  | { readonly op: "schedule"; readonly days: number }
  | { readonly op: SimpleOp }

interface Step {
  readonly advanceHours: number
  readonly action: Action
}

const materialN = fc.integer({ min: 1, max: 4 })
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined })
const simple = (op: SimpleOp): fc.Arbitrary<Action> => fc.constant({ op })

const startArbitrary: fc.Arbitrary<Start> = fc.record({
  origin: fc.constantFrom("AWS_KMS", "EXTERNAL"),
  hmac: fc.boolean(),
  multiRegion: fc.boolean(),
  replica: fc.boolean(),
  replicaHasMaterial: fc.boolean(),
  replicaRotation: fc.boolean()
})

/** Single-Region imported symmetric keys as often as all the others: only they take NEW_KEY_MATERIAL. */
const anyStartArbitrary: fc.Arbitrary<Start> = fc.oneof(
  startArbitrary,
  startArbitrary.map((start) => ({ ...start, origin: "EXTERNAL" as const, hmac: false, multiRegion: false, replica: false }))
)

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant("import" as const),
      n: materialN,
      model: optional(fc.constantFrom(...ExpirationModels)),
      // Up to 400 days, so that some ValidTo values break the 365-day rule and the edge refuses them.
      validInDays: optional(fc.integer({ min: 1, max: 400 })),
      importType: optional(fc.constantFrom(...ImportTypes)),
      keyMaterialN: optional(materialN),
      description: optional(fc.constantFrom("v1", "v2"))
    })
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("deleteImported" as const), keyMaterialN: optional(materialN) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("replicate" as const),
      n: optional(materialN),
      rotationType: fc.constantFrom(...RotationTypes),
      nextInDays: optional(fc.integer({ min: 1, max: 400 }))
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("sync" as const),
      enabled: fc.boolean(),
      period: fc.constantFrom(90, 365),
      nextInDays: fc.integer({ min: 1, max: 120 })
    })
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("membership" as const), primary: fc.constantFrom(0, 0, 1, 2), replicas: fc.subarray([...REGIONS]) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("enableRotation" as const), period: fc.constantFrom(90, 180, 365) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("schedule" as const), days: fc.integer({ min: 6, max: 30 }) }) },
  { weight: 2, arbitrary: simple("rotateOnDemand") },
  { weight: 1, arbitrary: simple("disableRotation") },
  { weight: 1, arbitrary: simple("createReplica") },
  { weight: 2, arbitrary: simple("enable") },
  { weight: 2, arbitrary: simple("disable") },
  { weight: 2, arbitrary: simple("cancel") },
  { weight: 3, arbitrary: simple("tick") }
)

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  advanceHours: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 48 }), fc.integer({ min: 24, max: 40 * 24 })),
  action: actionArbitrary
})
const stepsArbitrary = fc.array(stepArbitrary, { minLength: 1, maxLength: 40 })

const keyIdOf = (start: Start) =>
  start.multiRegion || start.replica ? `mrk-${"1234abcd".repeat(4)}` : "1234abcd-12ab-34cd-56ef-1234567890ab"
const keyKind = (start: Start) =>
  start.hmac
    ? { keySpec: "HMAC_256" as const, keyUsage: "GENERATE_VERIFY_MAC" as const }
    : { keySpec: "SYMMETRIC_DEFAULT" as const, keyUsage: "ENCRYPT_DECRYPT" as const }
const scope = { partition: "aws", account: "111122223333", description: "", tags: [] }

const replicaCommand = (start: Start, now: number): KeyCommand => {
  const wrapped = (n: number) => start.origin === "AWS_KMS" || start.replicaHasMaterial ? material(n).wrapped : new Uint8Array()
  const imported = start.origin === "EXTERNAL"
    ? { expirationModel: "KEY_MATERIAL_EXPIRES" as const, validTo: T0 + 20 * DAY_MS, description: null }
    : null
  return {
    _tag: "CreateReplicaKey", now, keyId: keyIdOf(start), ...scope, region: "us-east-1", primaryRegion: "eu-west-1",
    replicaRegions: ["us-east-1"], ...keyKind(start), origin: start.origin,
    versions: [
      { materialId: material(1).materialId, wrapped: wrapped(1), createdAt: T0, rotationType: null, imported },
      { materialId: material(2).materialId, wrapped: wrapped(2), createdAt: T0, rotationType: "ON_DEMAND", imported }
    ],
    rotation: start.replicaRotation
      ? { enabled: true, periodInDays: 90, nextRotationAt: T0 + 30 * DAY_MS }
      : { enabled: false, periodInDays: null, nextRotationAt: null }
  }
}

const firstCommand = (start: Start): KeyCommand =>
  start.replica ? replicaCommand(start, T0) : {
    _tag: "CreateKey", now: T0, keyId: keyIdOf(start), ...scope, region: "eu-west-1", ...keyKind(start),
    origin: start.origin, multiRegion: start.multiRegion, material: start.origin === "AWS_KMS" ? material(1) : noMaterial
  }

/** The command a step stands for at `now`; undefined when the edge would already refuse it (an invalid ValidTo). */
const commandFor = (start: Start, action: Action, now: number, index: number): KeyCommand | undefined => {
  const fresh = material(100 + index)
  switch (action.op) {
    case "import": {
      const validTo = action.validInDays === undefined ? undefined : now + action.validInDays * DAY_MS
      const imported = importedMaterialTerms(now, action.model, validTo, action.description)
      if ("_tag" in imported) return undefined
      return {
        _tag: "ImportKeyMaterial", now, material: material(action.n), imported,
        ...(action.importType === undefined ? {} : { importType: action.importType }),
        ...(action.keyMaterialN === undefined ? {} : { keyMaterialId: material(action.keyMaterialN).materialId })
      }
    }
    case "deleteImported":
      return {
        _tag: "DeleteImportedKeyMaterial", now,
        ...(action.keyMaterialN === undefined ? {} : { keyMaterialId: material(action.keyMaterialN).materialId })
      }
    case "replicate":
      return {
        _tag: "ReplicateMaterial", now, material: action.n === undefined ? fresh : material(action.n),
        rotationType: action.rotationType, rotatedAt: now,
        nextRotationAt: action.nextInDays === undefined ? null : now + action.nextInDays * DAY_MS
      }
    case "sync":
      return {
        _tag: "SyncRotationSettings", now,
        rotation: action.enabled
          ? { enabled: true, periodInDays: action.period, nextRotationAt: now + action.nextInDays * DAY_MS }
          : { enabled: false, periodInDays: null, nextRotationAt: null }
      }
    case "membership":
      return { _tag: "UpdateMultiRegionConfiguration", now, primaryRegion: REGIONS[action.primary]!, replicaRegions: action.replicas }
    case "enableRotation":
      return { _tag: "EnableKeyRotation", now, rotationPeriodInDays: action.period }
    case "schedule":
      return { _tag: "ScheduleKeyDeletion", now, pendingWindowInDays: action.days }
    case "rotateOnDemand":
      return { _tag: "RotateKeyOnDemand", now, material: fresh }
    case "disableRotation":
      return { _tag: "DisableKeyRotation", now }
    case "createReplica":
      return replicaCommand(start, now)
    case "enable":
      return { _tag: "EnableKey", now }
    case "disable":
      return { _tag: "DisableKey", now }
    case "cancel":
      return { _tag: "CancelKeyDeletion", now }
    case "tick":
      return { _tag: "RunScheduledWork", now, material: fresh }
  }
}

const restore = (state: Key): Key => decodeKeySnapshot(encodeKeySnapshot(state))
const throughTheLog = (event: KeyEvent): KeyEvent => decodeKeyEvent(JSON.parse(JSON.stringify(encodeKeyEvent(event))))
const outcomeOf = (outcome: ReadonlyArray<KeyEvent> | KeyRejection) =>
  isKeyRejection(outcome) ? { rejected: outcome._tag, message: outcome.message } : outcome

/** The restored key reads the same and decides the same as the folded one. */
const expectRestoredLikeFolded = (folded: Key, command: KeyCommand) => {
  const restored = restore(folded)
  expect(restored).toEqual(folded)
  expect(keyDueAt(restored)).toBe(keyDueAt(folded))
  if (folded.status !== "Absent" && folded.status !== "Destroyed" && restored.status === folded.status) {
    expect(keyMetadata(restored as typeof folded)).toEqual(keyMetadata(folded))
  }
  expect(outcomeOf(decideKey(restored, command))).toEqual(outcomeOf(decideKey(folded, command)))
}

/** Runs a history, checking the snapshot before every command; returns the events and every state passed through. */
const runHistory = (start: Start, steps: ReadonlyArray<Step>, check: boolean) => {
  let now = T0
  let state: Key = initialKey
  const events: Array<KeyEvent> = []
  const states: Array<Key> = []
  const apply = (command: KeyCommand) => {
    if (check) expectRestoredLikeFolded(state, command)
    const outcome = decideKey(state, command)
    if (isKeyRejection(outcome)) return
    events.push(...outcome)
    state = outcome.reduce(evolveKey, state)
    states.push(state)
  }
  apply(firstCommand(start))
  steps.forEach((step, index) => {
    now += step.advanceHours * HOUR_MS
    const command = commandFor(start, step.action, now, index)
    if (command !== undefined) apply(command)
  })
  return { events, states, state }
}

describe("key snapshots (KeySnapshot.ts)", () => {
  it("restore the state folded from the events, over import and multi-Region histories", () =>
    checkProperty(
      "snapshot ≡ fold (import, multi-Region)",
      fc.property(anyStartArbitrary, stepsArbitrary, (start, steps) => {
        const { events, state } = runHistory(start, steps, true)
        expect(restore(state)).toEqual(state)
        expect(restore(state)).toEqual(events.map(throughTheLog).reduce(evolveKey, initialKey))
      })
    ))

  it("are checked over histories that reach every state the new commands introduce", () => {
    // Guards the generator: a property that never reaches PendingImport or PendingReplicaDeletion proves little.
    const statuses = new Set<string>()
    const facts = new Set<string>()
    for (const [start, steps] of fc.sample(fc.tuple(anyStartArbitrary, stepsArbitrary), { numRuns: 1000, seed: 20260101 })) {
      const { events, states } = runHistory(start, steps, false)
      for (const s of states) {
        statuses.add(s.status)
        if (s.status !== "Absent" && s.key.pendingRotation !== undefined) facts.add("pendingRotation")
      }
      for (const e of events) facts.add(e._tag === "ImportedKeyMaterialDeleted" && e.expired ? "expired" : e._tag)
    }
    for (const status of ["Enabled", "Disabled", "PendingImport", "PendingDeletion", "PendingReplicaDeletion", "Destroyed"]) {
      assert.isTrue(statuses.has(status), `no history reached ${status}`)
    }
    for (const fact of [
      "pendingRotation", "expired", "ImportedKeyMaterialDeleted", "KeyMaterialImported", "ReplicaKeyCreated",
      "MultiRegionConfigurationUpdated", "KeyReplicaDeletionAwaited", "KeyRotated", "KeyRotationEnabled", "KeyDeletionCancelled"
    ]) {
      assert.isTrue(facts.has(fact), `no history produced ${fact}`)
    }
  })
})
