import * as fc from "fast-check"
import { Schema } from "effect"
import { assert, describe, it } from "vitest"
import { AliasEvent } from "./Alias.ts"
import { CustomKeyStoreEvent } from "./customKeyStore/CustomKeyStoreEvent.ts"
import type { EncodedEvent } from "./EventCodec.ts"
import { KeyEvent } from "./KeyEvent.ts"
import { withPlainFastPath } from "./plainDecoder.ts"

import golden from "./golden/events.v1.json" with { type: "json" }

const corpus = golden as { key: Array<EncodedEvent>; alias: Array<EncodedEvent>; customKeyStore: Array<EncodedEvent> }

/** What a decoder makes of an input: its value, or that it threw. */
const outcome = (decode: (input: unknown) => unknown, input: unknown) => {
  try {
    return { ok: true, value: decode(input) }
  } catch {
    return { ok: false }
  }
}

/** Replaces the value at `path` (object keys and array indexes) in a JSON value, or removes it. */
const edited = (value: unknown, path: ReadonlyArray<number>, replacement: unknown, remove: boolean): unknown => {
  if (typeof value !== "object" || value === null) return replacement
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)
  if (entries.length === 0) return replacement
  const [name, inner] = entries[path[0]! % entries.length]!
  const rest = path.slice(1)
  const next = rest.length === 0 ? (remove ? undefined : replacement) : edited(inner, rest, replacement, remove)
  if (Array.isArray(value)) return value.map((v, i) => String(i) === name ? next : v)
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  if (next === undefined) delete copy[name]
  else copy[name] = next
  return copy
}

const suites = [
  { name: "key", schema: KeyEvent, samples: corpus.key },
  { name: "alias", schema: AliasEvent, samples: corpus.alias },
  { name: "custom key store", schema: CustomKeyStoreEvent, samples: corpus.customKeyStore }
] as const

describe("withPlainFastPath", () => {
  for (const { name, schema, samples } of suites) {
    const slow = Schema.decodeUnknownSync(schema as Schema.Codec<unknown, unknown>)
    const fast = withPlainFastPath(schema as Schema.Codec<unknown, unknown>, slow)
    const inputs = samples.map((sample) => ({ ...(sample.payload as object), _tag: sample.type }))

    it(`decodes every stored ${name} event type as the Schema does`, () => {
      for (const input of inputs) assert.deepStrictEqual(outcome(fast, input), outcome(slow, input))
    })

    it(`accepts and rejects edited ${name} events exactly as the Schema does (a tampered payload is never taken)`, () => {
      fc.assert(
        fc.property(
          fc.nat(inputs.length - 1),
          fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
          fc.jsonValue({ maxDepth: 2 }),
          fc.boolean(),
          fc.option(fc.tuple(fc.string(), fc.jsonValue({ maxDepth: 1 })), { nil: undefined }),
          (index, path, replacement, remove, extra) => {
            const base = edited(inputs[index], path, replacement, remove)
            const input = extra !== undefined && typeof base === "object" && base !== null && !Array.isArray(base)
              ? { ...base, [extra[0]]: extra[1] }
              : base
            assert.deepStrictEqual(outcome(fast, input), outcome(slow, input))
          }
        ),
        { numRuns: 2_000 }
      )
    })
  }
})
