import { Redacted } from "effect"

export interface SharedCredentialsProfile {
  readonly accessKeyId: string
  readonly secretAccessKey: Redacted.Redacted<string>
  readonly region: string
}

/**
 * The `[default]` profile in the AWS shared-credentials INI format, so any AWS
 * SDK or the CLI can use the first-start key through
 * `AWS_SHARED_CREDENTIALS_FILE=<path>` (the JS SDK also reads `region` there;
 * botocore and the CLI read it only from the config file, so say AWS_REGION
 * for them too).
 */
export const sharedCredentialsText = (profile: SharedCredentialsProfile): string =>
  [
    "[default]",
    `aws_access_key_id = ${profile.accessKeyId}`,
    `aws_secret_access_key = ${Redacted.value(profile.secretAccessKey)}`,
    `region = ${profile.region}`,
    ""
  ].join("\n")
