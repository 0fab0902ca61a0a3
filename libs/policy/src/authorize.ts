import type { AuthorizationRequest } from "./AuthorizationRequest.ts"
import { allowedAcrossAccounts } from "./crossAccountActions.ts"
import { policyVerdict } from "./evaluatePolicy.ts"
import type { PolicyDocument } from "./PolicyDocument.ts"

export type DenialReason =
  | "ExplicitDenyInKeyPolicy"
  | "ExplicitDenyInIdentityPolicy"
  | "NoKeyPolicyAllows"
  | "NoIdentityPolicyAllows"
  | "NotAllowedAcrossAccounts"

export type AuthorizationDecision =
  | { readonly decision: "Allow" }
  | { readonly decision: "Deny"; readonly reason: DenialReason }

export interface AuthorizationInput {
  /** The key's policy; absent for operations that involve no key (CreateKey, ListKeys, GenerateRandom…). */
  readonly keyPolicy?: PolicyDocument | undefined
  /** The account that owns the key. */
  readonly keyAccount: string
  /** The caller's own IAM policies (user, role or session policies). */
  readonly identityPolicies: ReadonlyArray<PolicyDocument>
  /** Whether a grant on the key allows this operation for this caller (see `grantAllows`). */
  readonly grantAllows: boolean
  /** Who asks, for what, on which resource, in what context. */
  readonly request: AuthorizationRequest
}

const allow: AuthorizationDecision = { decision: "Allow" }
const deny = (reason: DenialReason): AuthorizationDecision => ({ decision: "Deny", reason })

/**
 * The whole AWS KMS access decision, without I/O.
 *
 * 1. An explicit Deny anywhere wins over every Allow and every grant: "If
 *   policies that apply to a request include an Allow statement and a Deny
 *   statement, the Deny statement trumps the Allow statement" (IAM User Guide,
 *   "The difference between explicit and implicit denies"); a Deny in a key
 *   policy "takes precedence over all grants for this KMS key" (KMS Developer
 *   Guide, "kms:EncryptionAlgorithm").
 * 2. Same account: the key policy allows the caller directly (its ARN, its
 *   role, "*"), or names the account and the caller's IAM policies allow — "To
 *   use an IAM policy to allow access to a KMS key, the key policy must
 *   explicitly allow it" (KMS Developer Guide, "KMS key access and
 *   permissions"); the account root user needs no IAM policy (IAM User Guide,
 *   "Policy evaluation logic": the root user "has full access").
 * 3. Another account: the key policy must allow that account or the caller,
 *   *and* the caller's own IAM policies must allow — neither side alone is
 *   enough (KMS Developer Guide, "Allowing users in other accounts to use a KMS
 *   key"; IAM User Guide, "Cross-account policy evaluation logic").
 *   Only the actions of `crossAccountActions` can be allowed across accounts at
 *   all; every other action of another account is refused, whatever the
 *   policies and grants say (each operation's "Cross-account use" in the AWS
 *   KMS API Reference).
 * 4. A grant for the caller allows what it lists (KMS Developer Guide, "Grants
 *   in AWS KMS").
 * 5. No key (key-less operations): the caller's IAM policies alone decide; the
 *   account root user is always allowed. A caller of another account is
 *   refused: a key-less operation acts on the account's own resources
 *   (ListAliases, CreateKey…), none of which is cross-account.
 *
 * Identity policies are not consulted for the root user: IAM policies cannot
 * be attached to it. Explicit denies are reported key policy first: "If
 * multiple policy types deny an authorization request, AWS includes only one of
 * those policy types in the error message" (IAM User Guide, "Troubleshoot access
 * denied error messages").
 */
export const authorize = (input: AuthorizationInput): AuthorizationDecision => {
  const { request } = input
  const isRoot = request.principal.kind === "root"
  const identity = isRoot
    ? { deny: false, allows: true }
    : input.identityPolicies.reduce(
        (acc, document) => {
          const verdict = policyVerdict(document, request)
          return { deny: acc.deny || verdict.deny, allows: acc.allows || verdict.allow !== "none" }
        },
        { deny: false, allows: false }
      )

  const sameAccount = request.principal.account === input.keyAccount
  if (input.keyPolicy === undefined) {
    if (identity.deny) return deny("ExplicitDenyInIdentityPolicy")
    if (!sameAccount) return deny("NotAllowedAcrossAccounts")
    return identity.allows ? allow : deny("NoIdentityPolicyAllows")
  }

  const key = policyVerdict(input.keyPolicy, request)
  if (key.deny) return deny("ExplicitDenyInKeyPolicy")
  if (identity.deny) return deny("ExplicitDenyInIdentityPolicy")
  if (!sameAccount && !allowedAcrossAccounts(request.action)) return deny("NotAllowedAcrossAccounts")
  if (input.grantAllows) return allow

  if (sameAccount) {
    if (key.allow === "direct") return allow
    if (key.allow === "account") return identity.allows ? allow : deny("NoIdentityPolicyAllows")
    return deny("NoKeyPolicyAllows")
  }
  if (key.allow === "none") return deny("NoKeyPolicyAllows")
  return identity.allows ? allow : deny("NoIdentityPolicyAllows")
}
