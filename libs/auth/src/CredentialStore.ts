import { parsePolicy } from "@trent/policy"
import { type Redacted, Result } from "effect"
import { type CredentialsConfig, policyDocumentText } from "./CredentialsConfig.ts"
import { derivePrincipalId, parsePrincipalArn, type Principal } from "./Principal.ts"

/** An access key's principal and secret. */
export interface AccessKeyEntry {
  readonly principal: Principal
  readonly secretAccessKey: Redacted.Redacted<string>
}

/** The decoded credentials file, indexed by access key id (ids are unique across the file). */
export type CredentialStore = ReadonlyMap<string, AccessKeyEntry>

/**
 * Indexes a config that `decodeCredentialsConfig` accepted (so every ARN
 * parses and every access key id is unique).
 */
export const makeCredentialStore = (config: CredentialsConfig): CredentialStore => {
  const store = new Map<string, AccessKeyEntry>()
  for (const account of config.accounts) {
    for (const configured of account.principals) {
      const { type } = parsePrincipalArn(configured.arn)!
      const principalId = configured.principalId ?? derivePrincipalId(configured.arn, type, account.accountId)
      // The config was checked, so every document parses.
      const identityPolicies = (configured.policies ?? []).flatMap((policy) =>
        Result.match(parsePolicy(policyDocumentText(policy), "identity"), { onSuccess: (doc) => [doc], onFailure: () => [] })
      )
      for (const key of configured.accessKeys) {
        store.set(key.accessKeyId, {
          principal: { accountId: account.accountId, arn: configured.arn, type, accessKeyId: key.accessKeyId, principalId, identityPolicies },
          secretAccessKey: key.secretAccessKey
        })
      }
    }
  }
  return store
}

/** The principal with this ARN, as it would authenticate with its first key; undefined if absent. */
export const findPrincipalByArn = (store: CredentialStore, arn: string): Principal | undefined => {
  for (const entry of store.values()) if (entry.principal.arn === arn) return entry.principal
  return undefined
}
