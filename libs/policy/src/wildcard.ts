/**
 * IAM's wildcard matching: `*` matches any run of characters (also none, also
 * `:` and `/`), `?` exactly one character; everything else is literal. Used for
 * Action (case-insensitive), Resource, StringLike and each ARN component
 * (case-sensitive). IAM User Guide, "IAM JSON policy elements: Action" /
 * "Resource" and "Condition operators" (StringLike, ArnLike).
 *
 * A greedy two-pointer walk with one backtrack point: linear in practice and free
 * of the catastrophic backtracking a translated regular expression can show.
 */
export const wildcardMatch = (pattern: string, value: string): boolean => {
  let p = 0
  let v = 0
  let starAt = -1
  let resumeAt = 0
  while (v < value.length) {
    const c = pattern[p]
    if (c === "*") {
      starAt = p++
      resumeAt = v
    } else if (c !== undefined && (c === "?" || c === value[v])) {
      p++
      v++
    } else if (starAt >= 0) {
      p = starAt + 1
      v = ++resumeAt
    } else {
      return false
    }
  }
  while (pattern[p] === "*") p++
  return p === pattern.length
}

export const wildcardMatchIgnoreCase = (pattern: string, value: string): boolean =>
  wildcardMatch(pattern.toLowerCase(), value.toLowerCase())

/**
 * ArnLike/ArnEquals: "each of the six colon-delimited components of the ARN is
 * checked separately" (IAM User Guide, "Amazon Resource Name (ARN) condition
 * operators"). The resource part keeps any further colons. A pattern that is not
 * six components long (typically a bare `*`) is matched against the whole value.
 */
export const arnMatch = (pattern: string, value: string): boolean => {
  const patternParts = arnComponents(pattern)
  if (patternParts === undefined) return wildcardMatch(pattern, value)
  const valueParts = arnComponents(value)
  if (valueParts === undefined) return false
  return patternParts.every((part, i) => wildcardMatch(part, valueParts[i]!))
}

const arnComponents = (arn: string): ReadonlyArray<string> | undefined => {
  const parts = arn.split(":")
  if (parts.length < 6) return undefined
  return [...parts.slice(0, 5), parts.slice(5).join(":")]
}
