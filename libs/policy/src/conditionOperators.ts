import type { ConditionScalar } from "./AuthorizationRequest.ts"
import { asBinary, asBoolean, asEpochMillis, asNumber, asString } from "./conditionValues.ts"
import { cidrContains, parseCidr } from "./ipCidr.ts"
import { arnMatch, wildcardMatch } from "./wildcard.ts"

/**
 * The condition operators IAM defines (IAM User Guide, "IAM JSON policy
 * elements: Condition operators"), each written as its positive test and a
 * `negated` flag. A negated operator is true when the positive test matches none
 * of the policy's values ("If a single negated matching condition operator
 * includes multiple values for a context key, those values are evaluated using a
 * logical NOR" — IAM User Guide, "Conditions with multiple context keys or
 * values"). `Null` is not here: it tests presence, not a value.
 */
export interface ConditionOperator {
  readonly negated: boolean
  readonly test: (request: ConditionScalar, policyValue: string) => boolean
}

type Test = ConditionOperator["test"]

const compareNumbers =
  (accept: (request: number, policy: number) => boolean): Test =>
  (request, policyValue) => {
    const [r, p] = [asNumber(request), asNumber(policyValue)]
    return r !== undefined && p !== undefined && accept(r, p)
  }

const compareDates =
  (accept: (request: number, policy: number) => boolean): Test =>
  (request, policyValue) => {
    const [r, p] = [asEpochMillis(request), asEpochMillis(policyValue)]
    return r !== undefined && p !== undefined && accept(r, p)
  }

const stringEquals: Test = (request, policyValue) => asString(request) === policyValue
const stringEqualsIgnoreCase: Test = (request, policyValue) =>
  asString(request).toLowerCase() === policyValue.toLowerCase()
const stringLike: Test = (request, policyValue) => wildcardMatch(policyValue, asString(request))
const arnLike: Test = (request, policyValue) => arnMatch(policyValue, asString(request))
const ipAddress: Test = (request, policyValue) => {
  const range = parseCidr(policyValue)
  return range !== undefined && cidrContains(range, asString(request))
}
const bool: Test = (request, policyValue) => {
  const [r, p] = [asBoolean(request), asBoolean(policyValue)]
  return r !== undefined && r === p
}
const binaryEquals: Test = (request, policyValue) => {
  const r = asBinary(request)
  return r !== undefined && r === asBinary(policyValue)
}

const positive = (test: Test): ConditionOperator => ({ negated: false, test })
const negative = (test: Test): ConditionOperator => ({ negated: true, test })

const equal = (a: number, b: number) => a === b

export const conditionOperators: Readonly<Record<string, ConditionOperator>> = Object.freeze({
  StringEquals: positive(stringEquals),
  StringNotEquals: negative(stringEquals),
  StringEqualsIgnoreCase: positive(stringEqualsIgnoreCase),
  StringNotEqualsIgnoreCase: negative(stringEqualsIgnoreCase),
  StringLike: positive(stringLike),
  StringNotLike: negative(stringLike),
  NumericEquals: positive(compareNumbers(equal)),
  NumericNotEquals: negative(compareNumbers(equal)),
  NumericLessThan: positive(compareNumbers((r, p) => r < p)),
  NumericLessThanEquals: positive(compareNumbers((r, p) => r <= p)),
  NumericGreaterThan: positive(compareNumbers((r, p) => r > p)),
  NumericGreaterThanEquals: positive(compareNumbers((r, p) => r >= p)),
  DateEquals: positive(compareDates(equal)),
  DateNotEquals: negative(compareDates(equal)),
  DateLessThan: positive(compareDates((r, p) => r < p)),
  DateLessThanEquals: positive(compareDates((r, p) => r <= p)),
  DateGreaterThan: positive(compareDates((r, p) => r > p)),
  DateGreaterThanEquals: positive(compareDates((r, p) => r >= p)),
  Bool: positive(bool),
  BinaryEquals: positive(binaryEquals),
  IpAddress: positive(ipAddress),
  NotIpAddress: negative(ipAddress),
  // "The ArnEquals and ArnLike condition operators behave identically."
  ArnEquals: positive(arnLike),
  ArnLike: positive(arnLike),
  ArnNotEquals: negative(arnLike),
  ArnNotLike: negative(arnLike)
})

/** Every operator name a policy may use as its base (before `IfExists`, after a set qualifier). */
export const conditionOperatorNames: ReadonlyArray<string> = [...Object.keys(conditionOperators), "Null"]

export interface ParsedOperator {
  readonly base: string
  readonly qualifier: "ForAnyValue" | "ForAllValues" | undefined
  readonly ifExists: boolean
}

/**
 * Takes `ForAllValues:StringLikeIfExists` apart. `IfExists` may follow "any
 * condition operator name except the Null condition" (IAM User Guide,
 * "...IfExists condition operators"). Unknown names are `undefined`.
 */
export const parseOperator = (operator: string): ParsedOperator | undefined => {
  const [qualifier, rest] = operator.startsWith("ForAnyValue:")
    ? (["ForAnyValue", operator.slice("ForAnyValue:".length)] as const)
    : operator.startsWith("ForAllValues:")
      ? (["ForAllValues", operator.slice("ForAllValues:".length)] as const)
      : ([undefined, operator] as const)
  const ifExists = rest.endsWith("IfExists") && rest !== "IfExists"
  const base = ifExists ? rest.slice(0, -"IfExists".length) : rest
  if (base === "Null" ? ifExists : !Object.hasOwn(conditionOperators, base)) return undefined
  return { base, qualifier, ifExists }
}
