/**
 * Benchmark (a script, not a test; `npm run bench -- kafka` runs it): Encrypt and GenerateDataKey
 * round trips through Kafka — KafkaKmsClient → request topic → Trent's request worker → reply
 * topic → the client — at 1, 16, 64 and 256 calls in flight. Prints ops/s, p50 and p99.
 *
 *   KAFKA_BROKERS=host:port node --disable-warning=TimeoutNegativeWarning src/kafkaRequestsBenchmark.ts   (in tools/bench)
 *
 * Without KAFKA_BROKERS it starts a broker with @trent/kafka-broker. The server runs in a process
 * of its own (on the embedded store), as the HTTP benchmark runs it; the client runs in this one.
 * BENCH_SECONDS (5), BENCH_KAFKA_IN_FLIGHT ("1,16,64,256"), BENCH_KAFKA_KEYS (16 keys, round robin:
 * requests spread over the partitions as many clients' would) and BENCH_KAFKA_CLIENTS (1: how many
 * KafkaKmsClients, each with a reply topic and consumer of its own, share the calls) change the run;
 * BENCH_KAFKA_SERVER_PROFILE=<dir> writes a V8 CPU profile of the server there.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { randomUUID } from "node:crypto"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { startKafka } from "@trent/kafka-broker"
import { type KafkaKmsClient, makeKafkaKmsClient } from "@trent/kafka-client"
import { Effect, Exit, Scope } from "effect"

const seconds = Number(process.env["BENCH_SECONDS"] ?? 5)
const inFlightLevels = (process.env["BENCH_KAFKA_IN_FLIGHT"] ?? "1,16,64,256").split(",").map(Number)
const keyCount = Number(process.env["BENCH_KAFKA_KEYS"] ?? 16)
const clientCount = Number(process.env["BENCH_KAFKA_CLIENTS"] ?? 1)
const region = "us-east-1"
const profileDir = process.env["BENCH_KAFKA_SERVER_PROFILE"]
const serverMain = fileURLToPath(new URL("../../../apps/server/src/main.ts", import.meta.url))

interface Row {
  readonly operation: string
  readonly inFlight: number
  readonly opsPerSecond: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
}

const startServer = (args: ReadonlyArray<string>) =>
  new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(process.execPath, ["--disable-warning=TimeoutNegativeWarning", ...(profileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${profileDir}`]), serverMain, ...args], { stdio: ["ignore", "pipe", "inherit"] })
    const timer = setTimeout(() => reject(new Error("the server did not start consuming")), 60_000)
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}`)))
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.includes("Kafka requests: consuming")) {
        clearTimeout(timer)
        resolve(child)
      }
    })
  })

const credentialsOf = (dataDir: string) => {
  const text = readFileSync(join(dataDir, "credentials"), "utf8")
  const value = (name: string) => new RegExp(`^${name}\\s*=\\s*(\\S+)`, "m").exec(text)![1]!
  return { accessKeyId: value("aws_access_key_id"), secretAccessKey: value("aws_secret_access_key") }
}

const percentile = (sorted: ReadonlyArray<number>, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0

/** `inFlight` loops, each calling as soon as its previous call is answered, for `seconds`. */
const load = async (clients: ReadonlyArray<KafkaKmsClient["Service"]>, operation: string, body: (n: number) => Record<string, unknown>, inFlight: number): Promise<Row> => {
  const latencies: Array<number> = []
  let errors = 0
  let n = 0
  const until = performance.now() + seconds * 1000
  const loop = async (worker: number) => {
    const client = clients[worker % clients.length]!
    while (performance.now() < until) {
      const started = performance.now()
      const exit = await Effect.runPromiseExit(client.call(operation, body(n++)))
      if (Exit.isSuccess(exit)) latencies.push(performance.now() - started)
      else errors++
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: inFlight }, (_, worker) => loop(worker)))
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    operation,
    inFlight,
    opsPerSecond: Math.round(latencies.length / elapsed),
    p50: Number(percentile(latencies, 0.5).toFixed(1)),
    p99: Number(percentile(latencies, 0.99).toFixed(1)),
    errors
  }
}

const external = process.env["KAFKA_BROKERS"]?.trim()
const broker = external === undefined || external === "" ? await startKafka() : undefined
const brokers = external === undefined || external === "" ? broker!.brokers : external
const dataDir = mkdtempSync(join(tmpdir(), "trent-kafka-bench-"))
const prefix = `bench-${randomUUID().slice(0, 8)}`
const server = await startServer(["--port", "0", "--data-dir", dataDir, "--regions", region, "--kafka-requests", "--kafka-brokers", brokers, "--kafka-topic-prefix", prefix])
const scope = Effect.runSync(Scope.make())
const rows: Array<Row> = []
try {
  const credentials = credentialsOf(dataDir)
  const clients = await Promise.all(Array.from({ length: clientCount }, (_, i) =>
    Effect.runPromise(Scope.provide(makeKafkaKmsClient({ brokers: [brokers], region, credentials, replyTopic: `${prefix}.replies-${i}`, topicPrefix: prefix }), scope))))
  const keys: Array<string> = []
  for (let i = 0; i < keyCount; i++) {
    const created = await Effect.runPromise(clients[0]!.call("CreateKey", { Description: `bench ${i}` })) as { KeyMetadata: { KeyId: string } }
    keys.push(created.KeyMetadata.KeyId)
  }
  const plaintext = Buffer.alloc(256, 7).toString("base64")
  const encrypt = (n: number) => ({ KeyId: keys[n % keys.length], Plaintext: plaintext })
  const dataKey = (n: number) => ({ KeyId: keys[n % keys.length], KeySpec: "AES_256" })
  await load(clients, "Encrypt", encrypt, 16) // warm-up: JIT, connections, group joins
  for (const inFlight of inFlightLevels) {
    rows.push(await load(clients, "Encrypt", encrypt, inFlight))
    rows.push(await load(clients, "GenerateDataKey", dataKey, inFlight))
  }
} finally {
  await Effect.runPromise(Scope.close(scope, Exit.void))
  await new Promise<void>((resolve) => {
    server.once("exit", () => resolve())
    server.kill("SIGTERM")
  })
  await broker?.stop()
  rmSync(dataDir, { recursive: true, force: true })
}
console.log(`\nTrent over Kafka: round trips through the request and reply topics, SigV4-signed, 256-byte plaintext, ${keyCount} keys, ${clientCount} client(s), ${seconds}s per cell (same machine)\n`)
console.log("| operation | in flight | ops/s | p50 ms | p99 ms | errors |")
console.log("|---|---:|---:|---:|---:|---:|")
for (const row of rows) console.log(`| ${row.operation} | ${row.inFlight} | ${row.opsPerSecond} | ${row.p50} | ${row.p99} | ${row.errors} |`)
