import { existsSync } from "node:fs"
import { join } from "node:path"
import { KMSClient } from "@aws-sdk/client-kms"
import { fromIni } from "@aws-sdk/credential-provider-ini"
import { Effect, Option } from "effect"
import { OperationFailed, UsageError } from "../cli/CliFailure.ts"
import type { KmsConnection } from "./kmsFlags.ts"

/** The settings the SDK clients share: Trent's endpoint and a credential provider. */
export interface KmsSettings {
  readonly endpoint: string
  readonly region: string
  /** Undefined: the AWS SDK's default credential chain. */
  readonly credentials: ReturnType<typeof fromIni> | undefined
}

const regionPattern = /^([a-z]+-){2,3}\d+$/

/** Checks the flags and picks the credentials: `--data-dir`'s file, else the SDK's default chain. */
export const kmsSettings = (connection: KmsConnection): Effect.Effect<KmsSettings, UsageError | OperationFailed> =>
  Effect.gen(function*() {
    if (!URL.canParse(connection.endpoint) || !/^https?:$/.test(new URL(connection.endpoint).protocol)) {
      return yield* new UsageError({ message: `--endpoint '${connection.endpoint}' is not an http(s) URL` })
    }
    if (!regionPattern.test(connection.region)) {
      return yield* new UsageError({ message: `--region '${connection.region}' is not a Region name (e.g. us-east-1)` })
    }
    if (Option.isNone(connection.credentialsDir)) return { ...connection, credentials: undefined }
    const filepath = join(connection.credentialsDir.value, "credentials")
    if (!existsSync(filepath)) {
      return yield* new OperationFailed({
        message: `no credentials file at ${filepath} (the server writes it there on first start; check --data-dir)`
      })
    }
    // Profile `default` whatever AWS_PROFILE says: it is the one the server writes.
    return { ...connection, credentials: fromIni({ filepath, profile: "default", ignoreCache: true }) }
  })

/** A KMS client on Trent, destroyed (its sockets closed) with the scope. */
export const kmsClient = (settings: KmsSettings) =>
  Effect.acquireRelease(
    Effect.sync(() =>
      new KMSClient({
        endpoint: settings.endpoint,
        region: settings.region,
        ...(settings.credentials === undefined ? {} : { credentials: settings.credentials })
      })
    ),
    (client) => Effect.sync(() => client.destroy())
  )
