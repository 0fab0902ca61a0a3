import { Config, type Option } from "effect"
import { Flag } from "effect/cli"

/** The flags of every command that talks to a running Trent through the AWS SDK. */
export const kmsFlags = {
  endpoint: Flag.String("endpoint").pipe(
    Flag.withDescription("Trent's URL (or TRENT_ENDPOINT)"),
    Flag.withFallbackConfig(Config.String("TRENT_ENDPOINT")),
    Flag.withDefault("http://127.0.0.1:7400")
  ),
  region: Flag.String("region").pipe(
    Flag.withDescription("The Region to sign requests for (or AWS_REGION)"),
    Flag.withFallbackConfig(Config.String("AWS_REGION")),
    Flag.withDefault("us-east-1")
  ),
  credentialsDir: Flag.String("data-dir").pipe(
    Flag.withDescription(
      "Use <dir>/credentials, as the server writes it on first start; without it, the AWS default chain " +
        "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_SHARED_CREDENTIALS_FILE, ~/.aws/credentials)"
    ),
    Flag.optional
  )
}

export interface KmsConnection {
  readonly endpoint: string
  readonly region: string
  readonly credentialsDir: Option.Option<string>
}
