/**
 * Benchmark (a script, not a test): the Kafka EventLog's append latency with acks=all, its
 * cold-start replay rate into the replica, and its warm-start time. Prints a table.
 *
 *   KAFKA_BROKERS=host:port node --disable-warning=TimeoutNegativeWarning src/replayBenchmark.ts [events] [keys]
 *
 * Without KAFKA_BROKERS it starts a broker with @trent/kafka-broker. The backlog is written
 * straight to the topic in large batches (a claim per partition, then one append record per event,
 * each at its key's next seq), which is what a long-lived Region's topic looks like to a cold start.
 */
import { randomBytes, randomUUID } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { AppendInput } from "@trent/event-log"
import { startKafka } from "@trent/kafka-broker"
import { Effect, Option } from "effect"
import { connectGroupCommitProducer, makeKafkaConnection, type OutgoingMessage } from "@trent/kafka-client"
import { encodeAppend, encodeClaim, type KafkaStoreOptions, makeKafkaEventLog, streamPartition } from "@trent/event-log-kafka"

const eventCount = Number(process.argv[2] ?? 200_000)
const keyCount = Number(process.argv[3] ?? 20_000)
const partitions = 12

/**
 * A UUIDv7 (RFC 9562, https://www.rfc-editor.org/rfc/rfc9562#section-5.7) at `ms`, as the Region
 * makes its event ids (libs/key-actors/src/Ids.ts): ids that sort by time, so the replica's eventId
 * index grows at its end as a real topic's does, not at random places.
 */
const eventIdAt = (ms: number): string => {
  const bytes = randomBytes(16)
  bytes.writeUIntBE(ms, 0, 6)
  bytes[6] = (bytes[6]! & 0x0f) | 0x70
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const h = bytes.toString("hex")
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const input = (keyId: string, seq: number, eventId = eventIdAt(Date.now())): AppendInput => ({
  streamId: keyId,
  streamType: "key",
  expectedSeq: seq - 1,
  events: [{
    eventId,
    type: seq === 1 ? "KeyCreated" : "KeyRotated",
    schemaVersion: 1,
    at: 1_700_000_000_000 + seq,
    principal: "arn:aws:iam::111122223333:user/bench",
    requestId: randomUUID(),
    commandId: randomUUID(),
    payload: { keyId, materialId: randomUUID(), wrapped: "x".repeat(120) }
  }],
  state: { status: "Enabled", versions: seq },
  dueAt: null
})

/** Writes the backlog: `events` appends round-robin over `keys` keys, each at its key's next seq. */
const writeBacklog = (brokers: ReadonlyArray<string>, topic: string, events: number, keys: number, firstSeq: Map<string, number>) =>
  Effect.scoped(Effect.gen(function*() {
    const kafka = yield* makeKafkaConnection({ brokers, clientId: "trent-bench", requestTimeoutMs: 30_000 })
    const producer = yield* connectGroupCommitProducer(kafka, { timeoutMs: 30_000, idempotent: true })
    const writerId = `bench-${randomUUID()}`
    yield* producer.send(Array.from({ length: partitions }, (_, partition) => ({ topic, partition, key: null, value: encodeClaim(1_000_000, writerId) })))
    let batch: Array<OutgoingMessage> = []
    // One millisecond per event, as if written over time; a second backlog continues after the first.
    const backlogStart = Date.now() - 10 * events
    for (let n = 0; n < events; n++) {
      const keyId = `bench-key-${n % keys}`
      const seq = (firstSeq.get(keyId) ?? 0) + 1
      firstSeq.set(keyId, seq)
      batch.push({ topic, partition: streamPartition(keyId, partitions), key: keyId, value: encodeAppend(1_000_000, writerId, input(keyId, seq, eventIdAt(backlogStart + n))) })
      if (batch.length === 5_000 || n === events - 1) {
        yield* producer.send(batch)
        batch = []
      }
    }
  }))

const percentile = (sorted: ReadonlyArray<number>, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

const main = Effect.gen(function*() {
  const external = process.env["KAFKA_BROKERS"]
  const broker = external === undefined ? yield* Effect.promise(() => startKafka()) : undefined
  const brokers = (external ?? broker!.brokers).split(",")
  const dataRoot = mkdtempSync(join(tmpdir(), "trent-kafka-bench-"))
  const prefix = `bench-${randomUUID().slice(0, 8)}`
  const options = (server: string): KafkaStoreOptions => ({ brokers, region: "eu-west-1", dataDir: join(dataRoot, server), topicPrefix: prefix, partitions, requestTimeoutMs: 30_000 })
  const rows: Array<readonly [string, string]> = []
  try {
    yield* Effect.scoped(makeKafkaEventLog(options("creator")))
    const seqs = new Map<string, number>()
    const writeStart = performance.now()
    yield* writeBacklog(brokers, `${prefix}.eu-west-1.events`, eventCount, keyCount, seqs)
    rows.push(["backlog written (kafka-client's producer, batches of 5000, acks=all)", `${eventCount} events over ${keyCount} keys in ${((performance.now() - writeStart) / 1000).toFixed(1)} s`])

    const cold = yield* Effect.scoped(Effect.map(makeKafkaEventLog(options("reader")), (log) => ({ startup: log.startup, stats: log.stats() })))
    rows.push(["cold start (no replica file): time to ready", `${(cold.startup.millis / 1000).toFixed(2)} s for ${cold.stats.eventsApplied} events`])
    rows.push(["cold start: replay rate into the replica", `${Math.round(cold.stats.eventsApplied / (cold.startup.millis / 1000))} events/s`])

    const warm = yield* Effect.scoped(Effect.map(makeKafkaEventLog(options("reader")), (log) => log.startup))
    rows.push(["warm start (replica up to date): time to ready", `${Math.round(warm.millis)} ms, ${warm.backlog} records read`])

    yield* writeBacklog(brokers, `${prefix}.eu-west-1.events`, 10_000, keyCount, seqs)
    const tail = yield* Effect.scoped(Effect.map(makeKafkaEventLog(options("reader")), (log) => log.startup))
    rows.push(["warm start with a 10,000-event tail: time to ready", `${Math.round(tail.millis)} ms, ${tail.backlog} records read`])

    const latencies = yield* Effect.scoped(Effect.gen(function*() {
      const { eventLog } = yield* makeKafkaEventLog(options("reader"))
      const appendOne = (keyId: string) =>
        Effect.gen(function*() {
          const seq = Option.match(yield* eventLog.readState(keyId), { onNone: () => 0, onSome: (s) => s.seq })
          const started = performance.now()
          yield* eventLog.append(input(keyId, seq + 1))
          return performance.now() - started
        })
      // Take every partition first: a first append per partition also writes a claim.
      for (let k = 0; k < 200; k++) yield* appendOne(`bench-key-${k}`)
      const sequential: Array<number> = []
      for (let n = 0; n < 2_000; n++) sequential.push(yield* appendOne(`bench-key-${(n * 7919) % keyCount}`))
      // Each key belongs to one caller (keys w, w + 48, …): two callers on one key would race for its seq.
      const parallelKeys = Math.min(4_800, keyCount)
      const parallelStart = performance.now()
      const parallel = yield* Effect.forEach(Array.from({ length: 48 }, (_, w) => w), (w) =>
        Effect.forEach(
          Array.from({ length: parallelKeys }, (_, k) => k).filter((k) => k % 48 === w).map((k) => `bench-key-${k}`),
          appendOne
        ), { concurrency: "unbounded" })
      const parallelSeconds = (performance.now() - parallelStart) / 1000
      return { sequential: sequential.sort((a, b) => a - b), parallel: parallel.flat().sort((a, b) => a - b), parallelRate: parallelKeys / parallelSeconds }
    }))
    rows.push(["append latency, one writer, sequential (2000 appends)", `p50 ${percentile(latencies.sequential, 0.5).toFixed(1)} ms, p99 ${percentile(latencies.sequential, 0.99).toFixed(1)} ms`])
    rows.push([`append latency, 48 concurrent callers over 12 partitions (${Math.min(4_800, keyCount)} appends)`, `p50 ${percentile(latencies.parallel, 0.5).toFixed(1)} ms, p99 ${percentile(latencies.parallel, 0.99).toFixed(1)} ms, ${Math.round(latencies.parallelRate)} appends/s`])
  } finally {
    rmSync(dataRoot, { recursive: true, force: true })
    if (broker !== undefined) yield* Effect.promise(() => broker.stop())
  }
  process.stdout.write(`\n| measure | result |\n| --- | --- |\n${rows.map(([what, value]) => `| ${what} | ${value} |`).join("\n")}\n`)
})

if (import.meta.main) await Effect.runPromise(main)
