import { Result } from "effect"
import type { Conditions, RequestPrincipal } from "./AuthorizationRequest.ts"
import { authorize } from "./authorize.ts"
import type { PolicyDocument } from "./PolicyDocument.ts"
import { MalformedPolicyDocument, PolicyMessages } from "./PolicyErrors.ts"

export interface LockoutCheckInput {
  /** The policy about to be set by CreateKey or PutKeyPolicy. */
  readonly newPolicy: PolicyDocument
  /** The principal making that request. */
  readonly caller: RequestPrincipal
  readonly callerIdentityPolicies: ReadonlyArray<PolicyDocument>
  readonly keyAccount: string
  /** The key's ARN: a policy whose Resource names the key ARN must still match. */
  readonly keyArn: string
  /**
   * The request context a later PutKeyPolicy call would carry; by default the
   * caller's own keys (kms:CallerAccount, aws:PrincipalArn, aws:PrincipalAccount).
   */
  readonly conditions?: Conditions | undefined
}

/**
 * The policy lockout safety check: unless BypassPolicyLockoutSafetyCheck is
 * set, the new key policy must allow "the principal that is making the …
 * request … to make a subsequent PutKeyPolicy request on the KMS key" (API
 * Reference, "PutKeyPolicy" › BypassPolicyLockoutSafetyCheck). That is asked
 * of `authorize` itself, with no grant: grants cannot give PutKeyPolicy (it is
 * not a grant operation). The check AWS also makes that each principal named
 * in the policy exists is not made: Trent has no IAM directory.
 */
export const lockoutSafetyCheck = (input: LockoutCheckInput): Result.Result<void, MalformedPolicyDocument> => {
  const { caller } = input
  const decision = authorize({
    keyPolicy: input.newPolicy,
    keyAccount: input.keyAccount,
    identityPolicies: input.callerIdentityPolicies,
    grantAllows: false,
    request: {
      principal: caller,
      action: "kms:PutKeyPolicy",
      resource: input.keyArn,
      conditions: input.conditions ?? {
        "kms:CallerAccount": caller.account,
        "aws:PrincipalArn": caller.arn,
        "aws:PrincipalAccount": caller.account
      }
    }
  })
  return decision.decision === "Allow"
    ? Result.succeed(undefined)
    : Result.fail(new MalformedPolicyDocument({ message: PolicyMessages.lockout }))
}
