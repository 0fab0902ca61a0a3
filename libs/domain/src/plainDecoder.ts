import type { Schema, SchemaAST } from "effect"

/** What a compiled check answers for input it does not accept. */
const rejected: unique symbol = Symbol("rejected")
type Check = (input: unknown) => unknown

/**
 * A decoder compiled once from a Schema's AST, for the plain parts of a schema: strings, numbers,
 * booleans, null, literals, arrays and structs of them, unions of those. Any node with a check
 * (`Schema.Int`, lengths, patterns), an encoding (`Schema.Uint8ArrayFromBase64`), an optional
 * key or an index signature is not compiled: where such a node sits, `compile` answers undefined
 * and the caller keeps the Schema's own decoder (https://effect.website/docs/schema/introduction/).
 *
 * A compiled check is therefore narrower than the Schema: whatever it accepts, the Schema accepts
 * and decodes to the same value (a struct keeps its declared keys and drops the others, as the
 * Schema's default `onExcessProperty: "ignore"` does; arrays and structs are copied). What it does
 * not accept goes to the Schema, which decodes it or throws its precise error. It exists because
 * replaying a log decodes every event, and the Schema's general interpreter costs more per event
 * than the fold it feeds.
 */
const compile = (ast: SchemaAST.AST): Check | undefined => {
  if (ast.checks !== undefined || ast.encoding !== undefined) return undefined
  switch (ast._tag) {
    case "String":
      return (input) => typeof input === "string" ? input : rejected
    case "Number":
      // JSON holds no NaN or Infinity; `Schema.Number` takes every number.
      return (input) => typeof input === "number" ? input : rejected
    case "Boolean":
      return (input) => typeof input === "boolean" ? input : rejected
    case "Null":
      return (input) => input === null ? null : rejected
    case "Literal": {
      const literal = ast.literal
      return (input) => input === literal ? input : rejected
    }
    case "Union": {
      if (ast.encodingChecks !== undefined || ast.options?.mode === "oneOf") return undefined
      const members = ast.types.map(compile)
      if (members.some((member) => member === undefined)) return undefined
      const checks = members as ReadonlyArray<Check>
      // The first member that accepts, as the Schema's default ("anyOf") union answers.
      return (input) => {
        for (const check of checks) {
          const output = check(input)
          if (output !== rejected) return output
        }
        return rejected
      }
    }
    case "Arrays": {
      if (ast.encodingChecks !== undefined || ast.elements.length > 0 || ast.rest.length !== 1) return undefined
      const item = compile(ast.rest[0]!)
      if (item === undefined) return undefined
      return (input) => {
        if (!Array.isArray(input)) return rejected
        const output = new Array<unknown>(input.length)
        for (let i = 0; i < input.length; i++) {
          const value = item(input[i])
          if (value === rejected) return rejected
          output[i] = value
        }
        return output
      }
    }
    case "Objects": {
      if (ast.encodingChecks !== undefined || ast.indexSignatures.length > 0) return undefined
      const fields: Array<readonly [string, Check]> = []
      for (const property of ast.propertySignatures) {
        if (typeof property.name !== "string" || property.type.context?.isOptional === true) return undefined
        const check = compile(property.type)
        if (check === undefined) return undefined
        fields.push([property.name, check])
      }
      return (input) => {
        if (typeof input !== "object" || input === null || Array.isArray(input)) return rejected
        const record = input as Record<string, unknown>
        const output: Record<string, unknown> = {}
        for (const [name, check] of fields) {
          if (!Object.hasOwn(record, name)) return rejected
          const value = check(record[name])
          if (value === rejected) return rejected
          output[name] = value
        }
        return output
      }
    }
    default:
      return undefined
  }
}

/** The literal `_tag` of a tagged struct's AST, if it is one. */
const tagOf = (ast: SchemaAST.AST): string | undefined => {
  if (ast._tag !== "Objects") return undefined
  const tag = ast.propertySignatures.find((property) => property.name === "_tag")?.type
  return tag?._tag === "Literal" && typeof tag.literal === "string" ? tag.literal : undefined
}

/**
 * `decode` (the Schema's own sync decoder) with a fast path for the members of a union of tagged
 * structs that compile: the input's `_tag` picks the member, its compiled check decodes it, and
 * anything the check does not accept (or a member that does not compile) is the Schema's.
 */
export const withPlainFastPath = <S extends Schema.Top>(
  schema: S,
  decode: (input: unknown) => S["Type"]
): ((input: unknown) => S["Type"]) => {
  const ast = schema.ast
  if (
    ast._tag !== "Union" || ast.checks !== undefined || ast.encoding !== undefined || ast.encodingChecks !== undefined ||
    ast.options?.mode === "oneOf"
  ) {
    return decode
  }
  const byTag = new Map<string, Check | undefined>()
  for (const member of ast.types) {
    const tag = tagOf(member)
    // A member without a literal tag, or two members with one tag: the Schema's own choice of member is kept.
    if (tag === undefined || byTag.has(tag)) return decode
    byTag.set(tag, compile(member))
  }
  return (input) => {
    const tag = typeof input === "object" && input !== null ? (input as { readonly _tag?: unknown })._tag : undefined
    const check = typeof tag === "string" ? byTag.get(tag) : undefined
    if (check !== undefined) {
      const output = check(input)
      if (output !== rejected) return output as S["Type"]
    }
    return decode(input)
  }
}
