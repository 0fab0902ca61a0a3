import * as fc from "fast-check"
import { encodeBase64 } from "./StrictBase64.ts"
import { type Shape, type ShapeSpec, wireName } from "./WireShape.ts"

/**
 * Valid wire values derived from a wire shape, each with the value decoding
 * must produce: the same description that drives the decoder drives the tests.
 * Sizes are capped so that properties stay fast; the boundaries themselves are
 * covered by example tests.
 */
export interface WireSample {
  readonly wire: unknown
  readonly decoded: unknown
}

const CAP = 24

const same = (value: unknown): WireSample => ({ wire: value, decoded: value })

/**
 * A pattern that is one character class repeated (`^[a-f0-9]+$`) takes the
 * length bounds as its quantifier, so that long fixed-length members (a
 * 64-digit key material id) are generated rather than filtered for.
 */
const boundedClass = (pattern: string, minLength: number, maxLength: number): RegExp | undefined => {
  const match = /^\^?(\[[^\]]+\])\+\$?$/.exec(pattern)
  return match === null ? undefined : new RegExp(`^${match[1]}{${Math.max(minLength, 1)},${maxLength}}$`)
}

const stringArbitrary = (spec: Extract<ShapeSpec, { _tag: "String" }>): fc.Arbitrary<string> => {
  if (spec.values !== undefined) return fc.constantFrom(...spec.values)
  const minLength = spec.minLength ?? 0
  const maxLength = Math.min(spec.maxLength ?? CAP, Math.max(minLength, CAP))
  if (spec.pattern === undefined) return fc.string({ minLength, maxLength, unit: "binary" })
  const bounded = boundedClass(spec.pattern, minLength, maxLength)
  if (bounded !== undefined) return fc.stringMatching(bounded)
  const regex = new RegExp(spec.pattern.startsWith("^") ? spec.pattern : `^(?:${spec.pattern})$`)
  return fc.stringMatching(regex).filter((text) => text.length >= minLength && text.length <= maxLength)
}

const valueArbitrary = (spec: ShapeSpec): fc.Arbitrary<WireSample> => {
  switch (spec._tag) {
    case "String":
      return stringArbitrary(spec).map(same)
    case "Integer":
      return fc.integer({ min: spec.min ?? -(2 ** 31), max: spec.max ?? 2 ** 31 - 1 }).map(same)
    case "Boolean":
      return fc.boolean().map(same)
    case "Timestamp":
      // Whole milliseconds up to 2100, whose seconds survive the round trip through a double exactly.
      return fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => ({ wire: ms / 1000, decoded: ms }))
    case "Blob":
      return fc
        .uint8Array({ minLength: spec.minLength, maxLength: Math.min(spec.maxLength, CAP) })
        .map((bytes) => ({ wire: encodeBase64(bytes), decoded: bytes }))
    case "List":
      return fc
        .array(valueArbitrary(spec.member.spec), {
          minLength: spec.minLength ?? 0,
          maxLength: Math.min(spec.maxLength ?? 4, 4)
        })
        .map((items) => ({ wire: items.map((item) => item.wire), decoded: items.map((item) => item.decoded) }))
    case "StringMap":
      return fc
        .array(fc.tuple(fc.string({ unit: "binary" }), fc.string({ unit: "binary" })), { maxLength: 4 })
        .map((pairs) => same(Object.fromEntries(pairs)))
    case "Structure":
      return structureArbitrary(spec.members, [])
  }
}

/** A valid structure; `leaveOut` names members never generated (those Trent refuses). */
export const structureArbitrary = (
  members: Extract<ShapeSpec, { _tag: "Structure" }>["members"],
  leaveOut: ReadonlyArray<string>
): fc.Arbitrary<WireSample> =>
  fc
    .tuple(
      ...members
        .filter((member) => !leaveOut.includes(member.name))
        .map((member) =>
          (member.required
            ? valueArbitrary(member.shape.spec)
            : fc.option(valueArbitrary(member.shape.spec), { nil: undefined }))
            .map((sample) => [member.name, sample] as const)
        )
    )
    .map((entries) => {
      const present = entries.filter((entry): entry is readonly [string, WireSample] => entry[1] !== undefined)
      return {
        wire: Object.fromEntries(present.map(([name, sample]) => [wireName(name), sample.wire])),
        decoded: Object.fromEntries(present.map(([name, sample]) => [name, sample.decoded]))
      }
    })

export const requestArbitrary = (shape: Shape<unknown>, leaveOut: ReadonlyArray<string>): fc.Arbitrary<WireSample> =>
  shape.spec._tag === "Structure" ? structureArbitrary(shape.spec.members, leaveOut) : valueArbitrary(shape.spec)

/**
 * Any JSON value, also under the request's own member names so that every type
 * check is reached, and any JavaScript value at all (a caller might skip JSON.parse).
 */
export const hostileBodyArbitrary = (shape: Shape<unknown>): fc.Arbitrary<unknown> => {
  const names = shape.spec._tag === "Structure" ? shape.spec.members.map((member) => wireName(member.name)) : []
  return fc.oneof(
    fc.jsonValue(),
    fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true }),
    fc.dictionary(fc.constantFrom(...names, "Unknown", "__proto__"), fc.jsonValue(), { maxKeys: 6 }),
    fc.dictionary(
      fc.constantFrom(...names),
      fc.oneof(
        fc.array(fc.jsonValue(), { maxLength: 12 }),
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
        fc.array(fc.anything({ withBigInt: true }), { maxLength: 12 })
      ),
      { maxKeys: 4 }
    )
  )
}

/** The wire form of a decoded value: the inverse of decoding, to check that decoding loses nothing. */
export const wireOf = (spec: ShapeSpec, value: unknown): unknown => {
  switch (spec._tag) {
    case "Blob":
      return encodeBase64(value as Uint8Array)
    case "Timestamp":
      return (value as number) / 1000
    case "List":
      return (value as ReadonlyArray<unknown>).map((item) => wireOf(spec.member.spec, item))
    case "Structure": {
      const record = value as Readonly<Record<string, unknown>>
      return Object.fromEntries(
        spec.members.filter((member) => Object.hasOwn(record, member.name)).map((member) => [
          wireName(member.name),
          wireOf(member.shape.spec, record[member.name])
        ])
      )
    }
    default:
      return value
  }
}
