import type { ConditionScalar } from "./AuthorizationRequest.ts"
import { asBoolean } from "./conditionValues.ts"
import { conditionOperators } from "./conditionOperators.ts"
import type { ConditionClause } from "./PolicyDocument.ts"

type Lookup = (key: string) => ReadonlyArray<ConditionScalar> | undefined

/**
 * A Condition block matches when every clause does: "If your policy statement
 * has multiple condition operators, the condition operators are evaluated using
 * a logical AND … multiple context keys attached to a single condition operator
 * … logical AND … multiple values for a context key … logical OR" (IAM User
 * Guide, "Conditions with multiple context keys or values").
 */
export const conditionsMatch = (clauses: ReadonlyArray<ConditionClause>, lookup: Lookup): boolean =>
  clauses.every((clause) => clauseMatches(clause, lookup(clause.key)))

/**
 * One operator + key against the request's values (`undefined`: key absent).
 *
 * - Missing key: "the values do not match and the condition is false. If the
 *   policy condition requires that the key is not matched, such as StringNotLike
 *   or ArnNotLike, and the right key is not present, the condition is true"
 *   (IAM User Guide, "Condition operators", Important note).
 * - `…IfExists`: "If the key is not present, evaluate the condition element as
 *   true" (same page, "...IfExists condition operators").
 * - Set operators: "If the key values in the request resolve to an empty data
 *   set …, a condition operator modified by ForAllValues returns true, and a
 *   condition operator modified by ForAnyValue returns false" (IAM User Guide,
 *   "Creating a condition that tests multiple key values (set operations)"); a
 *   missing multivalued key is such an empty set — the KMS Developer Guide,
 *   kms:GrantOperations: "ForAllValues also returns true when there are no grant
 *   operations in the request".
 * - An empty list counts as an absent key, except that the set operators read
 *   it as the empty set (which gives the same answers).
 */
export const clauseMatches = (clause: ConditionClause, values: ReadonlyArray<ConditionScalar> | undefined): boolean => {
  const present = values !== undefined && values.length > 0
  if (clause.base === "Null") return nullMatches(clause.values, present)
  if (clause.ifExists && !present) return true
  const operator = conditionOperators[clause.base]
  if (operator === undefined) return false
  // A request value "satisfies" the clause's value list: matches one of them
  // (OR) or, negated, matches none of them (NOR).
  const satisfies = (value: ConditionScalar): boolean => {
    const hit = clause.values.some((policyValue) => operator.test(value, policyValue))
    return operator.negated ? !hit : hit
  }
  switch (clause.qualifier) {
    case "ForAllValues":
      return !present || values.every(satisfies)
    case "ForAnyValue":
      return present && values.some(satisfies)
    case undefined:
      if (!present) return operator.negated
      // A multivalued key under a plain operator: positive operators need one
      // request value to match; negated ones need every request value to miss.
      return operator.negated ? values.every(satisfies) : values.some(satisfies)
  }
}

/**
 * `Null`: `true` means "the key doesn't exist — it is null", `false` "the key
 * exists and its value is not null" (IAM User Guide, "Condition operator to
 * check existence of condition keys"). Several values are ORed.
 */
const nullMatches = (policyValues: ReadonlyArray<string>, present: boolean): boolean =>
  policyValues.some((value) => {
    const wantsAbsent = asBoolean(value)
    return wantsAbsent !== undefined && wantsAbsent === !present
  })
