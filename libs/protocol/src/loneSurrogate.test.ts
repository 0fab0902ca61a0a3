import { checkProperty, propertyRuns } from "@trent/testing"
import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeRequest } from "./decodeRequest.ts"
import { requestDecoders } from "./requestDecoders.ts"
import { servedOperations } from "./ServedOperation.ts"
import { structureArbitrary } from "./wireArbitrary.test-support.ts"
import { type MemberSpec, type ShapeSpec, wireName } from "./WireShape.ts"

/** Half a surrogate pair, alone: JSON can escape it (`"\ud800"`), UTF-8 cannot encode it. */
const loneSurrogate = fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff")
const text = fc.string({ unit: "binary", maxLength: 6 })
const corruptString = fc.tuple(text, loneSurrogate, text).map(([before, half, after]) => before + half + after)

const holdsStrings = (spec: ShapeSpec): boolean =>
  spec._tag === "String" || spec._tag === "StringMap" ||
  (spec._tag === "List" && holdsStrings(spec.member.spec)) ||
  (spec._tag === "Structure" && spec.members.some((member) => holdsStrings(member.shape.spec)))

/** A wire value of `spec` in which exactly one string (or map key) holds a lone surrogate; the rest is valid. */
const corrupted = (spec: ShapeSpec): fc.Arbitrary<unknown> => {
  switch (spec._tag) {
    case "String":
      return corruptString
    case "StringMap":
      return fc.oneof(
        fc.tuple(corruptString, text).map(([key, value]) => ({ [key]: value })),
        fc.tuple(text, corruptString).map(([key, value]) => ({ [key]: value }))
      )
    case "List":
      return corrupted(spec.member.spec).map((item) => [item])
    case "Structure":
      return corruptedMember(spec.members, fc.constantFrom(...spec.members.filter((member) => holdsStrings(member.shape.spec))))
    default:
      throw new Error(`no string in ${spec._tag}`)
  }
}

const corruptedMember = (members: ReadonlyArray<MemberSpec>, chosen: fc.Arbitrary<MemberSpec>): fc.Arbitrary<unknown> =>
  chosen.chain((member) =>
    fc.tuple(structureArbitrary(members, [member.name]), corrupted(member.shape.spec)).map(([rest, bad]) => ({
      ...(rest.wire as Record<string, unknown>),
      [wireName(member.name)]: bad
    }))
  )

const stringMembers = servedOperations.flatMap((operation) => {
  const spec = requestDecoders[operation].shape.spec
  return spec._tag === "Structure"
    ? spec.members.filter((member) => holdsStrings(member.shape.spec)).map((member) => [operation, member] as const)
    : []
})

describe("a lone UTF-16 surrogate in any string member", () => {
  it("is reachable in most operations' requests", () => {
    expect(stringMembers.length).toBeGreaterThan(servedOperations.length)
  })

  it.each(stringMembers.map(([operation, member]) => [operation, member.name, member] as const))(
    "%s refuses one in %s with a 400 SerializationException that does not print it",
    async (operation, _name, member) => {
      const spec = requestDecoders[operation].shape.spec as Extract<ShapeSpec, { _tag: "Structure" }>
      await checkProperty(
        `${operation}.${member.name} with a lone surrogate → 400`,
        fc.property(corruptedMember(spec.members, fc.constant(member)), (body) => {
          const result = decodeRequest(operation, body)
          expect(Result.isFailure(result)).toBe(true)
          if (Result.isFailure(result)) {
            expect(result.failure.status).toBe(400)
            expect(result.failure.type).toBe("SerializationException")
            expect(result.failure.message?.isWellFormed()).toBe(true)
          }
        }),
        { numRuns: propertyRuns(20) }
      )
    }
  )
})
