import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { replaySqlite, type ReplayResult } from "./replaySqlite.ts"

const kafkaReplayScript = fileURLToPath(new URL("./kafkaReplayBenchmark.ts", import.meta.url))

/**
 * The replay benchmark: 1,000,000 events over 100,000 keys (REPLAY_KEYS and
 * REPLAY_EVENTS_PER_KEY change it), folded from the log into key states, and
 * the time until a Region on those keys answers its first request; then the
 * same corpus size on Kafka (cold replay into a fresh replica, warm start),
 * run by the Kafka store's own benchmark script against a real broker.
 */
export const runReplayBench = async () => {
  const keys = Number(process.env["REPLAY_KEYS"] ?? 100_000)
  const eventsPerKey = Number(process.env["REPLAY_EVENTS_PER_KEY"] ?? 10)
  const rows: Array<ReplayResult> = []
  const dir = mkdtempSync(join(tmpdir(), "trent-replay-"))
  try {
    rows.push(await replaySqlite(dir, keys, eventsPerKey))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(`\nReplay: ${keys * eventsPerKey} events over ${keys} keys\n`)
  console.log("| store | events | keys | replay events/s | Region cold start ms | warm start ms | corpus written in s |")
  console.log("|---|---:|---:|---:|---:|---:|---:|")
  for (const r of rows) {
    console.log(`| ${r.store} | ${r.events} | ${r.keys} | ${r.replayEventsPerSecond} | ${r.coldStartMs} | ${r.warmStartMs} | ${r.generateSeconds} |`)
  }
  console.log("\nKafka (kafkaReplayBenchmark.ts, a real broker):")
  spawnSync(process.execPath, ["--disable-warning=TimeoutNegativeWarning", kafkaReplayScript, String(keys * eventsPerKey), String(keys)], {
    stdio: "inherit"
  })
}
