import { parsePolicy } from "@trent/policy"
import { Result, Schema, SchemaIssue } from "effect"
import { CredentialsConfigError } from "./CredentialsConfigError.ts"
import { parsePrincipalArn } from "./Principal.ts"

/**
 * The credentials file: accounts, their principals, and each principal's
 * access keys. One source for the shape: the file is decoded with these
 * schemas and first start writes what they accept.
 *
 * ```json
 * { "accounts": [ { "accountId": "111122223333", "principals": [
 *     { "arn": "arn:aws:iam::111122223333:user/admin",
 *       "accessKeys": [ { "accessKeyId": "AKIA…", "secretAccessKey": "…" } ] } ] } ] }
 * ```
 *
 * A principal's `policies` are its IAM identity policies, each a name and an
 * IAM JSON document (an object, or the same as a string). Without them a
 * principal may do only what key policies grant it by name (the account root
 * needs none). Unknown fields are ignored, not rejected.
 */

// IAM's AccessKeyIdType: `[\w]+`, 16 to 128 characters (IAM API reference); real ids are upper case.
const AccessKeyId = Schema.String.check(
  Schema.isPattern(/^[A-Z0-9]{16,128}$/, { message: "must be 16 to 128 characters from A-Z and 0-9" })
)

const AccessKeyConfig = Schema.Struct({
  accessKeyId: AccessKeyId,
  secretAccessKey: Schema.RedactedFromValue(Schema.String.check(Schema.isNonEmpty({ message: "must not be empty" })), {
    disallowEncode: true
  })
})

const IdentityPolicyConfig = Schema.Struct({
  name: Schema.String.check(Schema.isPattern(/^[\w+=,.@-]{1,128}$/, { message: "must be 1 to 128 characters of [\\w+=,.@-]" })),
  document: Schema.Union([Schema.String, Schema.Record(Schema.String, Schema.Unknown)])
})

const PrincipalConfig = Schema.Struct({
  arn: Schema.String,
  principalId: Schema.optionalKey(Schema.String.check(
    Schema.isPattern(/^[A-Z0-9]{12,128}$/, { message: "must be 12 to 128 characters from A-Z and 0-9" })
  )),
  accessKeys: Schema.Array(AccessKeyConfig),
  policies: Schema.optionalKey(Schema.Array(IdentityPolicyConfig))
})

const AccountConfig = Schema.Struct({
  accountId: Schema.String.check(Schema.isPattern(/^\d{12}$/, { message: "must be 12 digits" })),
  principals: Schema.Array(PrincipalConfig)
})

export const CredentialsConfigSchema = Schema.Struct({ accounts: Schema.Array(AccountConfig) })

export type CredentialsConfig = typeof CredentialsConfigSchema.Type
export type AccountConfig = typeof AccountConfig.Type
export type PrincipalConfig = typeof PrincipalConfig.Type
export type AccessKeyConfig = typeof AccessKeyConfig.Type
export type IdentityPolicyConfig = typeof IdentityPolicyConfig.Type

/** A configured identity policy's document as IAM JSON text. */
export const policyDocumentText = (policy: IdentityPolicyConfig): string =>
  typeof policy.document === "string" ? policy.document : JSON.stringify(policy.document)

const decodeEncoded = Schema.decodeUnknownResult(CredentialsConfigSchema)
const validateDecoded = Schema.decodeUnknownResult(Schema.toType(CredentialsConfigSchema))

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((part, i) => typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`).join("")

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1()

// Schema reports no input values unless asked to, so these messages cannot quote a secret.
const schemaProblems = (issue: SchemaIssue.Issue): Array<string> =>
  formatIssues(issue).issues.map(({ message, path }) => {
    const keys = (path ?? []).map((p) => typeof p === "object" ? p.key : p)
    return keys.length === 0 ? message : `${formatPath(keys)}: ${message}`
  })

/** What the schemas cannot see: ARNs that fit their account, and ids unique across the file. */
const crossFieldProblems = (config: CredentialsConfig): Array<string> => {
  const problems: Array<string> = []
  const accounts = new Set<string>()
  const arns = new Set<string>()
  const keys = new Set<string>()
  config.accounts.forEach((account, a) => {
    if (accounts.has(account.accountId)) problems.push(`accounts[${a}].accountId: ${account.accountId} appears twice`)
    accounts.add(account.accountId)
    account.principals.forEach((principal, p) => {
      const at = `accounts[${a}].principals[${p}]`
      const parsed = parsePrincipalArn(principal.arn)
      if (parsed === undefined) {
        problems.push(`${at}.arn: must be arn:aws:iam::<account>:user/<name>, :role/<name> or :root, got '${principal.arn}'`)
      } else if (parsed.accountId !== account.accountId) {
        problems.push(`${at}.arn: names account ${parsed.accountId}, not ${account.accountId}`)
      }
      if (arns.has(principal.arn)) problems.push(`${at}.arn: ${principal.arn} appears twice`)
      arns.add(principal.arn)
      for (const [i, policy] of (principal.policies ?? []).entries()) {
        const parsed = parsePolicy(policyDocumentText(policy), "identity")
        if (Result.isFailure(parsed)) problems.push(`${at}.policies[${i}] (${policy.name}): ${parsed.failure.message}`)
      }
      principal.accessKeys.forEach((key, k) => {
        if (keys.has(key.accessKeyId)) {
          problems.push(`${at}.accessKeys[${k}].accessKeyId: ${key.accessKeyId} is used twice (access key ids are unique across the file)`)
        }
        keys.add(key.accessKeyId)
      })
    })
  })
  return problems
}

const checked = (
  decoded: Result.Result<CredentialsConfig, Schema.SchemaError>,
  source: string
): Result.Result<CredentialsConfig, CredentialsConfigError> => {
  const fail = (problems: ReadonlyArray<string>) =>
    Result.fail(new CredentialsConfigError({ message: `${source} is invalid: ${problems.join("; ")}` }))
  if (Result.isFailure(decoded)) return fail(schemaProblems(decoded.failure.issue))
  const problems = crossFieldProblems(decoded.success)
  return problems.length > 0 ? fail(problems) : Result.succeed(decoded.success)
}

/**
 * Decodes and checks a parsed credentials file. `source` names it in the
 * message ("the credentials file /data/trent-credentials.json"). Every problem
 * is listed with its field path; values are never quoted except ARNs, account
 * ids and access key ids, which are not secret.
 */
export const decodeCredentialsConfig = (
  json: unknown,
  source: string
): Result.Result<CredentialsConfig, CredentialsConfigError> => checked(decodeEncoded(json, { errors: "all" }), source)

/** Checks a config built in code (secrets already Redacted) by the same rules as the file. */
export const validateCredentialsConfig = (
  config: CredentialsConfig,
  source: string
): Result.Result<CredentialsConfig, CredentialsConfigError> => checked(validateDecoded(config, { errors: "all" }), source)
