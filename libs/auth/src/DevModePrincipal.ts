import { type CredentialStore, findPrincipalByArn } from "./CredentialStore.ts"
import { parsePolicy } from "@trent/policy"
import { Result } from "effect"
import { ACCOUNT_ID, ADMIN_POLICY, adminArn, derivePrincipalId, type Principal, rootPrincipal } from "./Principal.ts"

const adminPolicy = Result.getOrThrow(parsePolicy(JSON.stringify(ADMIN_POLICY.document), "identity"))

/**
 * Who a request is in dev mode, where signatures are parsed but not checked:
 * - an access key id of exactly 12 digits is that account's root, so tests of
 *   several accounts need no configuration (LocalStack's convention too);
 * - a key in the credentials file is its principal;
 * - any other key, or no signature at all (`accessKeyId` ""), is the default
 *   account's admin user (with the admin policy, unless the file says otherwise).
 */
export const devModePrincipal = (store: CredentialStore, defaultAccountId: string, accessKeyId: string): Principal => {
  if (ACCOUNT_ID.test(accessKeyId)) return rootPrincipal(accessKeyId, accessKeyId)
  const configured = store.get(accessKeyId)
  if (configured !== undefined) return configured.principal
  const arn = adminArn(defaultAccountId)
  const admin = findPrincipalByArn(store, arn)
  if (admin !== undefined) return { ...admin, accessKeyId }
  return {
    accountId: defaultAccountId,
    arn,
    type: "IAMUser",
    accessKeyId,
    principalId: derivePrincipalId(arn, "IAMUser", defaultAccountId),
    identityPolicies: [adminPolicy]
  }
}
