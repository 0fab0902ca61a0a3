import { Effect, Redacted, Result } from "effect"
import { generateAccessKeyId, generateSecretAccessKey } from "./AccessKeyGeneration.ts"
import { type CredentialsConfig, decodeCredentialsConfig } from "./CredentialsConfig.ts"
import { CredentialsConfigError } from "./CredentialsConfigError.ts"
import { ADMIN_POLICY, adminArn } from "./Principal.ts"
import { createPrivateFile, errorCode, replacePrivateFile } from "./PrivateFile.ts"
import { sharedCredentialsText } from "./SharedCredentialsFile.ts"

export interface FirstStartOptions {
  /** The credentials file to create (JSON). */
  readonly configPath: string
  /** The AWS shared-credentials file to write beside it. */
  readonly sharedCredentialsPath: string
  readonly accountId: string
  readonly region: string
}

const attempt = <A>(what: string, path: string, run: () => A) =>
  Effect.try({
    try: run,
    catch: (error) => new CredentialsConfigError({ message: `cannot ${what} ${path} (${errorCode(error)})` })
  })

/**
 * First start without a credentials file: the default account gets one admin
 * user, allowed every KMS action by its identity policy, with a fresh access key. The credentials file is created 0600 (in a
 * 0700 directory) only if it still does not exist; if another process won
 * the race the result is undefined: read theirs. The same key goes into
 * an AWS shared-credentials file, and the log says where both are and how to
 * use them; never the secret.
 */
export const createFirstStartCredentials = Effect.fnUntraced(function*(options: FirstStartOptions) {
  const accessKeyId = generateAccessKeyId()
  const secretAccessKey = generateSecretAccessKey()
  const arn = adminArn(options.accountId)
  const json = {
    accounts: [{
      accountId: options.accountId,
      principals: [{
        arn,
        accessKeys: [{ accessKeyId, secretAccessKey: Redacted.value(secretAccessKey) }],
        policies: [ADMIN_POLICY]
      }]
    }]
  }
  // Decoded before anything is written: what first start writes, the next start must accept.
  const config: CredentialsConfig = yield* Result.match(decodeCredentialsConfig(json, "the generated credentials"), {
    onSuccess: Effect.succeed,
    onFailure: Effect.fail
  })
  const created = yield* attempt(
    "create the credentials file",
    options.configPath,
    () => createPrivateFile(options.configPath, `${JSON.stringify(json, null, 2)}\n`)
  )
  if (!created) return undefined
  yield* attempt(
    "write the shared credentials file",
    options.sharedCredentialsPath,
    () =>
      replacePrivateFile(
        options.sharedCredentialsPath,
        sharedCredentialsText({ accessKeyId, secretAccessKey, region: options.region })
      )
  )
  yield* Effect.logInfo(
    `first start: created account ${options.accountId} with the admin user ${arn} and access key ${accessKeyId}. ` +
      `Its secret is in ${options.configPath} (Trent's credentials file) and in ${options.sharedCredentialsPath} ` +
      `(AWS shared-credentials format); both are readable by this user only. Use it with ` +
      `AWS_SHARED_CREDENTIALS_FILE=${options.sharedCredentialsPath} AWS_REGION=${options.region} ` +
      `and your tool's endpoint option pointing at Trent (e.g. aws kms list-keys --endpoint-url <url>).`
  )
  return config
})
