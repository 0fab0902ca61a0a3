import type { DenialReason } from "./authorize.ts"

/**
 * AccessDeniedException's message in AWS's form: "User user is not authorized
 * to perform action on resource because context … with an explicit deny in a
 * type policy … because no type policy allows the action action" (IAM User
 * Guide, "Troubleshoot access denied error messages"). For an operation on no
 * resource ("*") the "on resource:" part is left out, as in that page's
 * example "User: arn:aws:iam::123456789012:user/MaryMajor is not authorized to
 * perform: codecommit:ListRepositories because no identity-based policy allows
 * the codecommit:ListRepositories action". Nothing else is ever added: no
 * policy text, no grant, no statement id.
 */
export const accessDeniedMessage = (
  principalArn: string,
  action: string,
  resourceArn: string | undefined,
  reason: DenialReason
): string => {
  const onResource = resourceArn === undefined || resourceArn === "*" ? "" : ` on resource: ${resourceArn}`
  return `User: ${principalArn} is not authorized to perform: ${action}${onResource} ${context(action, reason)}`
}

const context = (action: string, reason: DenialReason): string => {
  switch (reason) {
    case "ExplicitDenyInKeyPolicy":
      return "with an explicit deny in a resource-based policy"
    case "ExplicitDenyInIdentityPolicy":
      return "with an explicit deny in an identity-based policy"
    // AWS names no other reason for an action that cannot cross accounts (NotAllowedAcrossAccounts): no key policy can allow it.
    case "NoKeyPolicyAllows":
    case "NotAllowedAcrossAccounts":
      return `because no resource-based policy allows the ${action} action`
    case "NoIdentityPolicyAllows":
      return `because no identity-based policy allows the ${action} action`
  }
}
