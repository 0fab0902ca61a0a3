import * as fc from "fast-check"

const hexDigit = fc.constantFrom(..."0123456789abcdef")

/** Key ids in both 36-character forms: a lowercase UUID, or "mrk-" and 32 hex digits. */
export const keyIdArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.string({ unit: hexDigit, minLength: 32, maxLength: 32 }).map((digits) => `mrk-${digits}`)
)
