import { type AuthorizationRequest, type ConditionScalar, conditionLookup } from "./AuthorizationRequest.ts"
import { conditionsMatch } from "./evaluateCondition.ts"
import { matchNotPrincipal, matchPrincipal, type PrincipalMatch } from "./matchPrincipal.ts"
import type { ConditionClause, Matcher, PolicyDocument, Statement } from "./PolicyDocument.ts"
import { substituteVariables } from "./policyVariables.ts"
import { wildcardMatch, wildcardMatchIgnoreCase } from "./wildcard.ts"

/** One document's answer: an explicit Deny, an Allow, or nothing said about this request. */
export type PolicyDecision = "Allow" | "Deny" | "NotApplicable"

/**
 * The detail `authorize` needs from a document: whether some Deny statement
 * applies, and how the strongest applying Allow statement names the caller (a
 * statement in an identity policy always applies to its holder: "direct").
 */
export interface PolicyVerdict {
  readonly deny: boolean
  readonly allow: PrincipalMatch
}

type Lookup = (key: string) => ReadonlyArray<ConditionScalar> | undefined

/**
 * "Action"/"NotAction": IAM action names are not case-sensitive ("kms:encrypt"
 * is kms:Encrypt) and take `*` and `?` wildcards (IAM User Guide, "IAM JSON
 * policy elements: Action"). NotAction "matches everything except the specified
 * list of actions" (same guide, "NotAction").
 */
const actionMatches = (matcher: Matcher, action: string): boolean =>
  matcher.values.some((pattern) => wildcardMatchIgnoreCase(pattern, action)) !== matcher.negated

/** "Resource"/"NotResource": ARNs match case-sensitively, with wildcards (IAM User Guide, "Resource"). */
const resourceMatches = (matcher: Matcher, resource: string): boolean =>
  matcher.values.some((pattern) => wildcardMatch(pattern, resource)) !== matcher.negated

const principalOf = (statement: Statement, document: PolicyDocument, request: AuthorizationRequest): PrincipalMatch => {
  if (document.kind === "identity" || statement.principal === undefined) return "direct"
  return statement.notPrincipal
    ? matchNotPrincipal(statement.principal, request.principal)
    : matchPrincipal(statement.principal, request.principal)
}

/**
 * A statement with its policy variables replaced by the request's values
 * (Version 2012-10-17 only), or undefined when one does not resolve: such a
 * statement does not apply (policyVariables.ts).
 */
const withVariables = (statement: Statement, document: PolicyDocument, lookup: Lookup): Statement | undefined => {
  if (document.version !== "2012-10-17") return statement
  const usesVariables = statement.resource.values.some((value) => value.includes("${")) ||
    statement.conditions.some((clause) => clause.values.some((value) => value.includes("${")))
  if (!usesVariables) return statement
  const resolve = (values: ReadonlyArray<string>) => {
    const resolved = values.map((value) => substituteVariables(value, lookup))
    return resolved.every((value) => value !== undefined) ? (resolved as ReadonlyArray<string>) : undefined
  }
  const resources = resolve(statement.resource.values)
  if (resources === undefined) return undefined
  const conditions: Array<ConditionClause> = []
  for (const clause of statement.conditions) {
    const values = resolve(clause.values)
    if (values === undefined) return undefined
    conditions.push({ ...clause, values })
  }
  return { ...statement, resource: { ...statement.resource, values: resources }, conditions }
}

/** How a statement applies to the request: "none" unless principal, action, resource and conditions all match. */
export const statementApplies = (
  written: Statement,
  document: PolicyDocument,
  request: AuthorizationRequest,
  lookup: Lookup = conditionLookup(request.conditions)
): PrincipalMatch => {
  if (!actionMatches(written.action, request.action)) return "none"
  const statement = withVariables(written, document, lookup)
  if (statement === undefined) return "none"
  if (!resourceMatches(statement.resource, request.resource)) return "none"
  const principal = principalOf(statement, document, request)
  if (principal === "none") return "none"
  return conditionsMatch(statement.conditions, lookup) ? principal : "none"
}

export const policyVerdict = (document: PolicyDocument, request: AuthorizationRequest): PolicyVerdict => {
  const lookup = conditionLookup(request.conditions)
  let deny = false
  let allow: PrincipalMatch = "none"
  for (const statement of document.statements) {
    const applies = statementApplies(statement, document, request, lookup)
    if (applies === "none") continue
    if (statement.effect === "Deny") deny = true
    else if (applies === "direct" || allow === "none") allow = applies
  }
  return { deny, allow }
}

/**
 * One document on its own: "Deny" if any applying statement denies (an explicit
 * deny), else "Allow" if any applying statement allows, else "NotApplicable"
 * (IAM User Guide, "Policy evaluation logic"). In a key policy an Allow that
 * names only the caller's account still reads "Allow" here; whether it is enough
 * on its own is `authorize`'s question.
 */
export const evaluatePolicy = (document: PolicyDocument, request: AuthorizationRequest): PolicyDecision => {
  const verdict = policyVerdict(document, request)
  return verdict.deny ? "Deny" : verdict.allow === "none" ? "NotApplicable" : "Allow"
}
