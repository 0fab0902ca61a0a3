import { Result, Schema } from "effect"
import { Hex } from "effect/encoding"

/**
 * What every Project Wycheproof test vector file shares (schemas *_v1.json):
 * one test case has an id, a comment, flags and an expected result. Each
 * test file declares the rest of its schema and decodes its JSON with it, so
 * a renamed field fails loudly instead of skipping cases. Source and licence
 * of the files: ./vectors/README.md.
 */
export const WycheproofResult = Schema.Literals(["valid", "invalid", "acceptable"])
export type WycheproofResult = typeof WycheproofResult.Type

export const wycheproofCaseFields = {
  tcId: Schema.Number,
  comment: Schema.String,
  flags: Schema.Array(Schema.String),
  result: WycheproofResult
}

export const hex = (text: string): Uint8Array => Result.getOrThrow(Hex.decode(text))

/** "tcId 3 (comment) [flags]": the name each case runs under. */
export const caseName = (test: { readonly tcId: number; readonly comment: string; readonly flags: ReadonlyArray<string> }): string =>
  `tcId ${test.tcId}${test.comment === "" ? "" : ` (${test.comment})`}${test.flags.length === 0 ? "" : ` [${test.flags.join(", ")}]`}`
