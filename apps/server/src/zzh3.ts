import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Context, Effect, Layer, Scope, Exit } from "effect"
import { signRequest, Credentials } from "@trent/auth"
import { serverLayer, jsonLogs } from "./Server.ts"
import { handleKmsRequest } from "./KmsRequest.ts"
import { Regions } from "./Regions.ts"
import { EdgeSettings } from "./EdgeSettings.ts"
import { readSharedCredentials } from "./e2e/serverFixture.test-support.ts"

const dataDir = mkdtempSync(join(tmpdir(), "zzh-"))
const settings = { host: "127.0.0.1", port: 0, dataDir, regions: ["us-east-1"], accountId: "111122223333", logLevel: "None" as const, devMode: false, acceptSessionTokens: false, credentialsConfig: undefined, maxBodyBytes: 1 << 20 }
const scope = Effect.runSync(Scope.make())
const ctx = await Effect.runPromise(Layer.buildWithScope(serverLayer(settings).pipe(Layer.provide(jsonLogs(settings))), scope))
const run = Effect.runPromiseWith(ctx as Context.Context<Credentials | Regions | EdgeSettings>)
const creds = readSharedCredentials(dataDir)
const mk = (op: string, payload: unknown) => {
  const body = new TextEncoder().encode(JSON.stringify(payload))
  const headers = { host: "x", "content-type": "application/x-amz-json-1.1", "x-amz-target": `TrentService.${op}` }
  return { method: "POST", path: "/", query: "", body, headers: { ...headers, ...signRequest({ method: "POST", path: "/", headers, body, ...creds, region: "us-east-1", service: "kms", now: Date.now() }) } }
}
const created = JSON.parse((await run(handleKmsRequest(mk("CreateKey", {}), "r"))).body)
const enc = mk("Encrypt", { KeyId: created.KeyMetadata.KeyId, Plaintext: Buffer.alloc(256).toString("base64") })
const rnd = mk("GenerateRandom", { NumberOfBytes: 16 })

const time = async (label: string, f: () => unknown | Promise<unknown>) => {
  const n = 20000
  for (let i = 0; i < 2000; i++) await f()
  const t0 = performance.now()
  for (let i = 0; i < n; i++) await f()
  console.log(label.padEnd(28), ((performance.now() - t0) * 1000 / n).toFixed(1), "µs")
}
await time("handleKmsRequest", () => run(handleKmsRequest(enc, "r")))
await time("handleKmsRequest GR", () => run(handleKmsRequest(rnd, "r")))
await Effect.runPromise(Scope.close(scope, Exit.void))
