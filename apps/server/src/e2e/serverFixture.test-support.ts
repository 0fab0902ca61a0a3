import { afterAll, beforeAll } from "vitest"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { KMSClient, type KMSServiceException } from "@aws-sdk/client-kms"
import { Context, Effect, Exit, Layer, Option, Scope } from "effect"
import { HttpEdge } from "../HttpEdge.ts"
import { AuditSecretScan } from "./auditSecretScan.test-support.ts"
import { type KafkaRequestCounts, KafkaRequests } from "@trent/kafka-requests"
import { jsonLogs, type ServerHooks, serverLayer } from "../Server.ts"
import { defaultServerSettings, type ServerSettings } from "../ServerConfig.ts"

export interface RunningServer {
  readonly url: string
  readonly dataDir: string
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  readonly client: (region?: string) => KMSClient
  /** Watches a client made elsewhere: its secrets are looked for in the audit files when the server stops. */
  readonly watch: (client: KMSClient) => void
  readonly stop: () => Promise<void>
  /** The Kafka request worker's counters (with `kafkaRequests`). */
  readonly kafkaMetrics: () => Promise<KafkaRequestCounts | undefined>
}

/** The AWS shared-credentials file the server wrote on first start. */
export const readSharedCredentials = (dataDir: string) => {
  const text = readFileSync(join(dataDir, "credentials"), "utf8")
  const value = (name: string) => new RegExp(`^${name}\\s*=\\s*(\\S+)`, "m").exec(text)?.[1] ?? ""
  return { accessKeyId: value("aws_access_key_id"), secretAccessKey: value("aws_secret_access_key") }
}

/** A test server's settings: a random port on loopback, Regions eu-west-1 and us-east-1, the embedded store, no logs. */
export const testServerSettings = (dataDir: string, overrides: Partial<ServerSettings> = {}): ServerSettings => ({
  ...defaultServerSettings,
  port: 0,
  dataDir,
  regions: ["eu-west-1", "us-east-1"],
  accountId: "111122223333",
  logLevel: "None",
  ...overrides
})

/** Starts a real server (random port, its own data directory) in this process. */
export const startServer = async (
  overrides: Partial<ServerSettings> = {},
  dataDir = mkdtempSync(join(tmpdir(), "trent-server-")),
  hooks: ServerHooks = {}
): Promise<RunningServer> => {
  const settings = testServerSettings(dataDir, overrides)
  const scope = Effect.runSync(Scope.make())
  const context = await Effect.runPromise(
    Layer.buildWithScope(serverLayer(settings, hooks).pipe(Layer.provide(jsonLogs(settings))), scope)
  )
  const { url } = Context.get(context, HttpEdge)
  const kafkaRequests = Context.getOption(context, KafkaRequests)
  // A server given its own credentials file writes no shared credentials: its tests bring their own keys.
  const credentials = settings.devMode
    ? { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "dev" }
    : settings.credentialsConfig === undefined
    ? readSharedCredentials(dataDir)
    : { accessKeyId: "", secretAccessKey: "" }
  const clients: Array<KMSClient> = []
  const secretScan = new AuditSecretScan()
  return {
    url,
    dataDir,
    credentials,
    client: (region = "eu-west-1") => {
      const client = new KMSClient({ endpoint: url, region, credentials, maxAttempts: 1 })
      clients.push(client)
      secretScan.watch(client)
      return client
    },
    watch: (client) => secretScan.watch(client),
    kafkaMetrics: async () => Option.isSome(kafkaRequests) ? kafkaRequests.value.metrics.snapshot() : undefined,
    stop: async () => {
      for (const client of clients) client.destroy()
      await Effect.runPromise(Scope.close(scope, Exit.void))
      // Every secret this server's clients saw, looked for in every audit file it wrote.
      secretScan.check(dataDir)
    }
  }
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true })

/** The error a call that must fail failed with (the SDK's exception: name, message, $metadata); fails the test if it succeeded. */
export const rejects = async (promise: Promise<unknown>): Promise<KMSServiceException> => {
  try {
    await promise
  } catch (error) {
    return error as KMSServiceException
  }
  throw new Error("expected the call to fail")
}

/**
 * Servers sharing a Region's topics share its root key (an operator's TRENT_ROOT_KEY or secret
 * file): sets TRENT_ROOT_KEY to 32 bytes of `fill` for the calling file's tests, restored after.
 */
export const shareRootKey = (fill: number) => {
  let previous: string | undefined
  beforeAll(() => {
    previous = process.env["TRENT_ROOT_KEY"]
    process.env["TRENT_ROOT_KEY"] = Buffer.alloc(32, fill).toString("base64")
  })
  afterAll(() => {
    if (previous === undefined) delete process.env["TRENT_ROOT_KEY"]
    else process.env["TRENT_ROOT_KEY"] = previous
  })
}
