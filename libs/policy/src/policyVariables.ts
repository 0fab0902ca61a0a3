import { type ConditionScalar, isConditionDate } from "./AuthorizationRequest.ts"

type Lookup = (key: string) => ReadonlyArray<ConditionScalar> | undefined

/** Characters a policy writes as `${*}`, `${?}` and `${$}` to mean themselves. */
const escapes: Readonly<Record<string, string>> = { "*": "*", "?": "?", "$": "$" }

const scalarText = (value: ConditionScalar): string =>
  isConditionDate(value) ? new Date(value.epochMillis).toISOString().replace(/\.\d{3}Z$/, "Z") : String(value)

/**
 * One `${…}` starting at `open` (the `$`): its replacement and where it ends,
 * or undefined when it does not resolve. `${key}` takes the request's value of
 * a single-valued context key (names are not case-sensitive); `${key, 'text'}`
 * falls back to `text` (`''` is a quote inside it) when the key is absent or
 * multivalued. The replacement is never substituted again.
 */
const variableAt = (text: string, open: number, lookup: Lookup): { readonly value: string; readonly end: number } | undefined => {
  let i = open + 2
  let name = ""
  while (i < text.length && text[i] !== "}" && text[i] !== ",") name += text[i++]
  if (i >= text.length) return undefined
  name = name.trim()
  let fallback: string | undefined
  if (text[i] === ",") {
    i++
    while (text[i] === " ") i++
    if (text[i] !== "'") return undefined
    i++
    fallback = ""
    for (;;) {
      if (i >= text.length) return undefined
      if (text[i] === "'") {
        if (text[i + 1] !== "'") break
        fallback += "'"
        i += 2
      } else {
        fallback += text[i++]
      }
    }
    i++
    while (text[i] === " ") i++
    if (text[i] !== "}") return undefined
  }
  const end = i + 1
  if (name === "") return undefined
  const escaped = escapes[name]
  if (escaped !== undefined) return { value: escaped, end }
  const values = lookup(name)
  if (values !== undefined && values.length === 1) return { value: scalarText(values[0]!), end }
  return fallback === undefined ? undefined : { value: fallback, end }
}

/**
 * Policy variables in a Resource or Condition value (IAM User Guide, "IAM
 * policy elements: Variables and tags"), for policies of Version 2012-10-17
 * (2008-10-17 reads `${…}` literally). Undefined when a variable does not
 * resolve: "If AWS cannot resolve a variable this might cause the entire
 * statement to be invalid" — the caller then lets the statement not apply.
 */
export const substituteVariables = (text: string, lookup: Lookup): string | undefined => {
  if (!text.includes("${")) return text
  let out = ""
  let i = 0
  while (i < text.length) {
    if (text[i] === "$" && text[i + 1] === "{") {
      const variable = variableAt(text, i, lookup)
      if (variable === undefined) return undefined
      out += variable.value
      i = variable.end
    } else {
      out += text[i++]
    }
  }
  return out
}
