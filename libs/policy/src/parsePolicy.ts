import { Result } from "effect"
import { isObject, parseConditions, parseMatcher, parsePrincipal, PolicyRejected, reject } from "./parseElements.ts"
import { type PolicyDocument, type PolicyKind, PolicyVersions, type Statement } from "./PolicyDocument.ts"
import { MalformedPolicyDocument, PolicyMessages } from "./PolicyErrors.ts"

const TOP_ELEMENTS = new Set(["Version", "Id", "Statement"])
const STATEMENT_ELEMENTS = new Set([
  "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"
])

/**
 * Reads a key policy (`kind: "key"`) or an identity policy (`kind: "identity"`)
 * and checks what AWS checks before it stores one. Size (32 KB) and the
 * character set are checked by the caller. Principals are checked for form only:
 * whether the named users and roles exist is not known here (there is no IAM),
 * so that part of AWS's check is not made.
 *
 * Differences by kind (KMS Developer Guide, "Key policy format"; IAM User Guide,
 * "Principal"): every key policy statement names a Principal or NotPrincipal;
 * an identity policy names none.
 */
export const parsePolicy = (json: string, kind: PolicyKind): Result.Result<PolicyDocument, MalformedPolicyDocument> => {
  try {
    return Result.succeed(readDocument(parseJson(json), kind))
  } catch (error) {
    if (error instanceof PolicyRejected) return Result.fail(new MalformedPolicyDocument({ message: error.message }))
    throw error
  }
}

const parseJson = (json: string): unknown => {
  try {
    return JSON.parse(json)
  } catch {
    return reject(PolicyMessages.invalidJson)
  }
}

const checkElements = (value: Record<string, unknown>, allowed: ReadonlySet<string>): void => {
  const unknown = Object.keys(value).find((name) => !allowed.has(name))
  if (unknown !== undefined) reject(PolicyMessages.unknownElement(unknown))
}

const readDocument = (value: unknown, kind: PolicyKind): PolicyDocument => {
  if (!isObject(value)) return reject(PolicyMessages.notAnObject)
  checkElements(value, TOP_ELEMENTS)
  const version = readVersion(value["Version"])
  const id = value["Id"]
  if (id !== undefined && typeof id !== "string") reject(PolicyMessages.notAString("Id"))
  const raw = value["Statement"]
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  if (list.length === 0) reject(PolicyMessages.noStatement)
  const statements = list.map((each) => readStatement(each, kind))
  if (kind === "identity") checkSidsUnique(statements)
  return {
    kind,
    ...(version === undefined ? {} : { version }),
    ...(id === undefined ? {} : { id: id as string }),
    statements
  }
}

/** "Version": only "2012-10-17" and "2008-10-17" exist (IAM User Guide, "Version"). Absent means 2008-10-17. */
const readVersion = (version: unknown): PolicyDocument["version"] => {
  if (version === undefined) return undefined
  const known = PolicyVersions.find((each) => each === version)
  return known ?? reject(PolicyMessages.unsupportedVersion(typeof version === "string" ? version : JSON.stringify(version)))
}

const readStatement = (value: unknown, kind: PolicyKind): Statement => {
  if (!isObject(value)) return reject(PolicyMessages.statementNotObject)
  checkElements(value, STATEMENT_ELEMENTS)
  const sid = value["Sid"]
  if (sid !== undefined && typeof sid !== "string") reject(PolicyMessages.notAString("Sid"))
  // "Effect" is case-sensitive: "allow" is refused.
  const effect = value["Effect"]
  if (effect !== "Allow" && effect !== "Deny") return reject(PolicyMessages.badEffect)
  const principal = readPrincipal(value, kind)
  return {
    ...(sid === undefined ? {} : { sid: sid as string }),
    effect,
    ...principal,
    action: parseMatcher(value, "Action"),
    resource: parseMatcher(value, "Resource"),
    conditions: parseConditions(value["Condition"])
  }
}

const readPrincipal = (value: Record<string, unknown>, kind: PolicyKind): Pick<Statement, "principal" | "notPrincipal"> => {
  const [principal, notPrincipal] = [value["Principal"], value["NotPrincipal"]]
  if (kind === "identity") {
    if (principal !== undefined || notPrincipal !== undefined) reject(PolicyMessages.principalInIdentityPolicy)
    return { notPrincipal: false }
  }
  if (principal !== undefined && notPrincipal !== undefined) reject(PolicyMessages.principalAndNotPrincipal)
  if (principal === undefined && notPrincipal === undefined) reject(PolicyMessages.noPrincipal)
  return { principal: parsePrincipal(principal ?? notPrincipal), notPrincipal: principal === undefined }
}

const checkSidsUnique = (statements: ReadonlyArray<Statement>): void => {
  const seen = new Set<string>()
  for (const { sid } of statements) {
    if (sid === undefined || sid === "") continue
    if (seen.has(sid)) reject(PolicyMessages.duplicateSid)
    seen.add(sid)
  }
}
