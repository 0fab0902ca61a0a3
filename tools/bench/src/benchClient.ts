import { readFileSync } from "node:fs"
import { join } from "node:path"
import autocannon from "autocannon"
import { signRequest } from "@trent/auth"

/** What the HTTP benchmarks share: SigV4-signed requests to a Trent server, loaded with autocannon. */
export const region = "us-east-1"

export interface Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

export interface SignedRequest {
  readonly body: string
  readonly headers: Record<string, string>
}

export interface Row {
  readonly scenario: string
  readonly connections: number
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
}

/** The credentials the server wrote on first start. */
export const credentialsOf = (dataDir: string): Credentials => {
  const text = readFileSync(join(dataDir, "credentials"), "utf8")
  const value = (name: string) => new RegExp(`^${name}\\s*=\\s*(\\S+)`, "m").exec(text)![1]!
  return { accessKeyId: value("aws_access_key_id"), secretAccessKey: value("aws_secret_access_key") }
}

/** One request, signed once: SigV4 accepts a signature for 15 minutes, so autocannon may replay it. */
export const signed = (url: string, credentials: Credentials, operation: string, payload: unknown): SignedRequest => {
  const body = JSON.stringify(payload)
  const headers = { host: new URL(url).host, "content-type": "application/x-amz-json-1.1", "x-amz-target": `TrentService.${operation}` }
  return {
    body,
    headers: { ...headers, ...signRequest({ method: "POST", path: "/", headers, body: new TextEncoder().encode(body), ...credentials, region, service: "kms", now: Date.now() }) }
  }
}

export const call = async (url: string, request: SignedRequest) => {
  const response = await fetch(url, { method: "POST", headers: request.headers, body: request.body })
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`)
  return response.json() as Promise<Record<string, unknown>>
}

export const load = async (scenario: string, url: string, connections: number, request: SignedRequest, seconds: number): Promise<Row> => {
  const result = await autocannon({ url, method: "POST", connections, duration: seconds, headers: request.headers, body: request.body })
  return {
    scenario,
    connections,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts
  }
}

export const printRows = (rows: ReadonlyArray<Row>) => {
  console.log("| scenario | connections | req/s | p50 ms | p99 ms | errors |")
  console.log("|---|---:|---:|---:|---:|---:|")
  for (const row of rows) console.log(`| ${row.scenario} | ${row.connections} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.errors} |`)
}
