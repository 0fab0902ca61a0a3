import { parseOperator } from "./conditionOperators.ts"
import type { ConditionClause, Matcher, PrincipalSpec } from "./PolicyDocument.ts"
import { PolicyMessages } from "./PolicyErrors.ts"

/** Raised inside the parser only; `parsePolicy` turns it into MalformedPolicyDocument. */
export class PolicyRejected {
  readonly message: string
  constructor(message: string) {
    this.message = message
  }
}

export const reject = (message: string): never => {
  throw new PolicyRejected(message)
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** "Action", "Resource" and principal values may be a string or a list of strings. */
export const stringList = (value: unknown, element: string): ReadonlyArray<string> => {
  if (typeof value === "string") return [value]
  if (Array.isArray(value) && value.every((each) => typeof each === "string")) return value as ReadonlyArray<string>
  return reject(PolicyMessages.notAString(element))
}

// Principal forms accepted in a key policy's "AWS" list (KMS Developer Guide,
// "Key policies" › "Specifying principals"; IAM User Guide, "AWS JSON policy
// elements: Principal"): everyone, an account (its 12-digit id or its root ARN),
// an IAM user or role, or an assumed-role session. Anything else — a partial
// wildcard such as `arn:aws:iam::111122223333:user/*`, a group, a malformed
// account — is what AWS answers with "one or more invalid principals".
const AWS_PRINCIPAL = [
  /^\*$/,
  /^\d{12}$/,
  /^arn:aws[a-z-]*:iam::\d{12}:(root|user\/[^*?]+|role\/[^*?]+)$/,
  /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/[^/*?]+\/[^*?]+$/
]
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*$/

/** Only "AWS" and "Service" principals are supported; Federated and CanonicalUser are refused. */
export const parsePrincipal = (value: unknown): PrincipalSpec => {
  if (value === "*") return { _tag: "AnyPrincipal" }
  if (!isObject(value)) return reject(PolicyMessages.invalidPrincipal)
  const names = Object.keys(value)
  if (names.length === 0 || names.some((name) => name !== "AWS" && name !== "Service")) {
    return reject(PolicyMessages.invalidPrincipal)
  }
  const list = (name: string, pattern: (each: string) => boolean): ReadonlyArray<string> => {
    if (!(name in value)) return []
    const values = typeof value[name] === "string" || Array.isArray(value[name]) ? value[name] : undefined
    const strings = Array.isArray(values) ? values : [values]
    if (strings.length === 0 || !strings.every((each) => typeof each === "string" && pattern(each))) {
      return reject(PolicyMessages.invalidPrincipal)
    }
    return strings as ReadonlyArray<string>
  }
  return {
    _tag: "PrincipalMap",
    aws: list("AWS", (each) => AWS_PRINCIPAL.some((pattern) => pattern.test(each))),
    service: list("Service", (each) => SERVICE_PRINCIPAL.test(each))
  }
}

const VENDOR = /^[a-zA-Z0-9\-.]+$/

const checkAction = (action: string): void => {
  if (action === "*") return
  const parts = action.split(":")
  if (parts.length === 1) reject(PolicyMessages.actionWithoutVendor)
  if (parts.length > 2) reject(PolicyMessages.actionWithColons)
  if (!VENDOR.test(parts[0]!)) reject(PolicyMessages.invalidVendor(parts[0]!))
}

const checkResource = (resource: string): void => {
  if (resource !== "*" && !resource.includes(":")) reject(PolicyMessages.resourceNotArn(resource))
}

/**
 * Action/NotAction (or Resource/NotResource): exactly one of the pair, with at
 * least one value (IAM User Guide, "NotAction", "NotResource").
 */
export const parseMatcher = (
  statement: Record<string, unknown>,
  element: "Action" | "Resource"
): Matcher => {
  const negatedElement = `Not${element}`
  const [plain, negated] = [statement[element], statement[negatedElement]]
  if (plain !== undefined && negated !== undefined) {
    return reject(element === "Action" ? PolicyMessages.actionAndNotAction : PolicyMessages.resourceAndNotResource)
  }
  const missing = element === "Action" ? PolicyMessages.noActions : PolicyMessages.noResources
  if (plain === undefined && negated === undefined) return reject(missing)
  const values = stringList(plain ?? negated, plain === undefined ? negatedElement : element)
  if (values.length === 0) return reject(missing)
  values.forEach(element === "Action" ? checkAction : checkResource)
  return { negated: plain === undefined, values }
}

const conditionValue = (value: unknown): string | undefined =>
  typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined

/**
 * `"Condition": {"Operator": {"key": value | [values]}}`. JSON numbers and
 * booleans are read as their text, which is how IAM compares them.
 */
export const parseConditions = (value: unknown): ReadonlyArray<ConditionClause> => {
  if (value === undefined) return []
  if (!isObject(value)) return reject(PolicyMessages.badCondition)
  return Object.entries(value).flatMap(([operator, keys]) => {
    const parsed = parseOperator(operator) ?? reject(PolicyMessages.invalidOperator(operator))
    if (!isObject(keys)) return reject(PolicyMessages.badCondition)
    return Object.entries(keys).map(([key, raw]): ConditionClause => {
      const values = (Array.isArray(raw) ? raw : [raw]).map(
        (each) => conditionValue(each) ?? reject(PolicyMessages.badConditionValue(operator, key))
      )
      return {
        operator,
        base: parsed.base,
        ...(parsed.qualifier === undefined ? {} : { qualifier: parsed.qualifier }),
        ifExists: parsed.ifExists,
        key,
        values
      }
    })
  })
}
