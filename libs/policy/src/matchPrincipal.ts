import type { RequestPrincipal } from "./AuthorizationRequest.ts"
import type { PrincipalSpec } from "./PolicyDocument.ts"

/**
 * How a key policy statement's Principal covers the caller:
 * - "direct": the statement names the caller itself — its ARN, the role of its
 *   session, the account root when the caller *is* the root user, or "*";
 * - "account": the statement names the caller's account ("111122223333" or
 *   "arn:aws:iam::111122223333:root") and the caller is a user or role in it.
 *   That "doesn't give any IAM users or roles permission to use the KMS key.
 *   Instead, it allows the account to use IAM policies to delegate the
 *   permissions" (KMS Developer Guide, "Default key policy" › "Allows access to
 *   the AWS account and enables IAM policies");
 * - "none".
 */
export type PrincipalMatch = "direct" | "account" | "none"

const ACCOUNT_ROOT = /^arn:(aws[a-z-]*):iam::(\d{12}):root$/
const IAM_ROLE = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/
const ASSUMED_ROLE = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/

const partitionOf = (arn: string): string | undefined => /^arn:([^:]+):/.exec(arn)?.[1]

/**
 * A role named in a policy covers its sessions: "When you specify a role ARN …
 * the permissions apply to all role sessions" (IAM User Guide, "AWS JSON policy
 * elements: Principal" › "IAM role principals"). An STS session ARN carries no
 * role path, so roles are compared by partition, account and name.
 */
export const roleCoversSession = (roleArn: string, sessionArn: string): boolean => {
  const role = IAM_ROLE.exec(roleArn)
  const session = ASSUMED_ROLE.exec(sessionArn)
  return role !== null && session !== null && role[1] === session[1] && role[2] === session[2] && role[3] === session[3]
}

/** One "AWS" value against the caller. */
export const matchAwsPrincipal = (value: string, caller: RequestPrincipal): PrincipalMatch => {
  if (value === "*") return "direct"
  const root = ACCOUNT_ROOT.exec(value)
  const account = /^\d{12}$/.test(value) ? value : root?.[2]
  if (account !== undefined) {
    const samePartition = root === null || root[1] === partitionOf(caller.arn)
    if (account !== caller.account || !samePartition) return "none"
    return caller.kind === "root" ? "direct" : "account"
  }
  if (value === caller.arn) return "direct"
  return caller.kind === "assumed-role" && roleCoversSession(value, caller.arn) ? "direct" : "none"
}

const strongest = (matches: ReadonlyArray<PrincipalMatch>): PrincipalMatch =>
  matches.includes("direct") ? "direct" : matches.includes("account") ? "account" : "none"

/** A Principal element against the caller. Service principals never match: callers here are IAM identities. */
export const matchPrincipal = (spec: PrincipalSpec, caller: RequestPrincipal): PrincipalMatch =>
  spec._tag === "AnyPrincipal" ? "direct" : strongest(spec.aws.map((value) => matchAwsPrincipal(value, caller)))

/**
 * NotPrincipal: the statement applies to every caller the list does not exclude.
 * A caller is excluded only when the list names each identity AWS evaluates for
 * it — its own ARN (or its session's role) *and* its account — which is why AWS
 * tells authors to list "the ARN of the account" alongside a user or role when
 * using NotPrincipal with Deny (IAM User Guide, "AWS JSON policy elements:
 * NotPrincipal"). A statement that applies this way counts as a direct match.
 */
export const matchNotPrincipal = (spec: PrincipalSpec, caller: RequestPrincipal): PrincipalMatch => {
  if (spec._tag === "AnyPrincipal" || spec.aws.includes("*")) return "none"
  const matches = spec.aws.map((value) => matchAwsPrincipal(value, caller))
  const namesCaller = matches.includes("direct")
  const namesAccount = caller.kind === "root" ? namesCaller : matches.includes("account")
  return namesCaller && namesAccount ? "none" : "direct"
}
