import type { PolicyDocument } from "@trent/policy"
import { createHash } from "node:crypto"

/** Who signed a request: the identity its access key belongs to. */
export interface Principal {
  /** 12 digits. */
  readonly accountId: string
  /** "arn:aws:iam::111122223333:user/admin", "arn:aws:iam::111122223333:role/x" or "arn:aws:iam::111122223333:root". */
  readonly arn: string
  readonly type: PrincipalType
  /** The access key the request was signed with ("" for an unsigned dev-mode request). */
  readonly accessKeyId: string
  /** AWS-style unique id: "AIDA…" for users, "AROA…" for roles, the account id for the root. */
  readonly principalId: string
  /** Its IAM identity policies, parsed (none for the root, which IAM policies cannot restrict). */
  readonly identityPolicies: ReadonlyArray<PolicyDocument>
}

export type PrincipalType = "IAMUser" | "AssumedRole" | "Root"

export const ACCOUNT_ID = /^\d{12}$/

// IAM names and paths (IAM API reference, CreateUser/CreateRole: UserName/RoleName `[\w+=,.@-]+`, at most 64;
// Path "/" or "/…/").
const iamName = String.raw`[\w+=,.@-]{1,64}`
const principalArn = new RegExp(String.raw`^arn:aws:iam::(\d{12}):(?:root|(user|role)/(?:[\w+=,.@-]+/)*${iamName})$`)

/** The account and type an IAM principal ARN names, or undefined if it is not a user, role or root ARN. */
export const parsePrincipalArn = (arn: string): { readonly accountId: string; readonly type: PrincipalType } | undefined => {
  const m = principalArn.exec(arn)
  if (m === null) return undefined
  const type = m[2] === "user" ? "IAMUser" : m[2] === "role" ? "AssumedRole" : "Root"
  return { accountId: m[1]!, type }
}

const base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

/**
 * A stable unique id for a principal that was configured without one: the
 * IAM prefix ("AIDA" users, "AROA" roles) and 17 base32 characters of the
 * ARN's SHA-256, the shape of AWS's 21-character ids. The root's id is its
 * account id, as GetCallerIdentity reports it.
 */
export const derivePrincipalId = (arn: string, type: PrincipalType, accountId: string): string => {
  if (type === "Root") return accountId
  const digest = createHash("sha256").update(arn).digest()
  let id = type === "IAMUser" ? "AIDA" : "AROA"
  for (let i = 0; i < 17; i++) id += base32[digest[i]! & 31]
  return id
}

export const rootPrincipal = (accountId: string, accessKeyId: string): Principal => ({
  accountId,
  arn: `arn:aws:iam::${accountId}:root`,
  type: "Root",
  accessKeyId,
  principalId: accountId,
  identityPolicies: []
})

/** The `admin` user that first start creates in the default account (and dev mode stands in for). */
export const adminArn = (accountId: string): string => `arn:aws:iam::${accountId}:user/admin`

/** The identity policy first start gives the admin user: every KMS action on every resource. */
export const ADMIN_POLICY = {
  name: "TrentAdministrator",
  document: { Version: "2012-10-17", Statement: [{ Sid: "AllKms", Effect: "Allow", Action: "kms:*", Resource: "*" }] }
} as const
