import * as fc from "fast-check"
import type { EncryptionContext } from "./EncryptionContext.ts"

/**
 * fast-check arbitraries for encryption contexts, shared by the property tests.
 * Strings mix any code point (never a lone surrogate) with a tiny alphabet, so
 * that short keys and values collide and boundary shifts ("ab"|"c" vs "a"|"bc")
 * come up often.
 */
const contextString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.string({ unit: fc.constantFrom("a", "b", "\u0000", "é", "\u{1F511}"), maxLength: 4 })
)

export const contextEntriesArbitrary: fc.Arbitrary<ReadonlyArray<readonly [string, string]>> = fc.uniqueArray(
  fc.tuple(contextString, contextString),
  { maxLength: 6, selector: ([key]) => key }
)

export const encryptionContextArbitrary: fc.Arbitrary<EncryptionContext> = contextEntriesArbitrary.map((entries) =>
  Object.fromEntries(entries)
)

/** Same pairs, order ignored. */
export const sameContext = (a: EncryptionContext, b: EncryptionContext): boolean => {
  const keysA = Object.keys(a)
  return keysA.length === Object.keys(b).length && keysA.every((key) => Object.hasOwn(b, key) && b[key] === a[key])
}

const entriesOf = (context: EncryptionContext) => Object.entries(context)

/**
 * A context that differs from `context`: a changed value, a missing pair, an
 * extra pair, a renamed key, or the key/value boundary of one pair moved.
 * Yields the original when the mutation happens to change nothing (callers
 * filter with `sameContext`).
 */
export const changedContextArbitrary = (context: EncryptionContext): fc.Arbitrary<EncryptionContext> => {
  const entries = entriesOf(context)
  const extraPair = fc.tuple(contextString, contextString).map(([key, value]) => ({ ...context, [key]: value }))
  if (entries.length === 0) return extraPair
  const index = fc.nat({ max: entries.length - 1 })
  const pairAt = (i: number): readonly [string, string] => entries[i] ?? ["", ""]
  const replaceAt = (i: number, pair: ReadonlyArray<readonly [string, string]>) =>
    Object.fromEntries([...entries.slice(0, i), ...pair, ...entries.slice(i + 1)])
  // Moves the boundary by whole code points, so the result stays well-formed.
  const shiftBoundary = (i: number, shift: number) => {
    const [key, value] = pairAt(i)
    const codePoints = Array.from(key + value)
    const cut = Math.min(Math.max(Array.from(key).length + shift, 0), codePoints.length)
    return replaceAt(i, [[codePoints.slice(0, cut).join(""), codePoints.slice(cut).join("")]])
  }
  return fc.oneof(
    extraPair,
    index.map((i) => replaceAt(i, [])),
    fc.tuple(index, contextString).map(([i, value]) => replaceAt(i, [[pairAt(i)[0], value]])),
    fc.tuple(index, contextString).map(([i, key]) => replaceAt(i, [[key, pairAt(i)[1]]])),
    fc.tuple(index, fc.integer({ min: -8, max: 8 })).map(([i, shift]) => shiftBoundary(i, shift))
  )
}
