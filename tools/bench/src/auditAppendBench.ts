import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AuditLog, type AuditInput, AuditSigner, generateAuditSigningKey } from "@trent/audit"
import { Effect, Layer, Logger } from "effect"

/**
 * The audit trail's own cost per request, without HTTP or crypto: records
 * appended to a real SQLite audit file (synchronous=FULL, writer thread) by
 * 1, 8 and 32 callers at a time, each append waiting until its record is
 * durable, as a request does. CPU is the whole process's (both threads);
 * prints a table, asserts nothing.
 */
const records = Number(process.env["BENCH_AUDIT_RECORDS"] ?? 4_000)
const region = "us-east-1"
const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

const input = (n: number): AuditInput => ({
  time: Date.now(),
  operation: "Encrypt",
  region,
  sourceIp: "192.0.2.0",
  userAgent: "aws-sdk-js/3.0",
  principal: { type: "IAMUser", principalId: "AIDAEXAMPLE", arn: "arn:aws:iam::111122223333:user/app", accountId: "111122223333", accessKeyId: "AKIAEXAMPLE" },
  request: { keyId: keyArn, plaintext: new Uint8Array(256), encryptionContext: { purpose: "bench" } },
  response: { ciphertextBlob: new Uint8Array(300), keyId: keyArn, encryptionAlgorithm: "SYMMETRIC_DEFAULT" },
  requestId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  eventId: `10000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  resources: [keyArn]
})

const run = (concurrency: number) =>
  Effect.gen(function*() {
    const log = yield* AuditLog
    for (let n = 0; n < 200; n++) yield* log.append(input(n))
    const cpu = process.cpuUsage()
    const started = performance.now()
    yield* Effect.forEach(Array.from({ length: records }, (_, n) => n), (n) => log.append(input(n)), { concurrency, discard: true })
    const used = process.cpuUsage(cpu)
    const seconds = (performance.now() - started) / 1000
    return { concurrency, perSecond: Math.round(records / seconds), cpuMicros: Math.round((used.user + used.system) / records) }
  })

export const runAuditAppendBench = async () => {
  const rows: Array<{ concurrency: number; perSecond: number; cpuMicros: number }> = []
  for (const concurrency of [1, 8, 32]) {
    const dir = mkdtempSync(join(tmpdir(), "trent-bench-audit-"))
    const signer = AuditSigner.layerFromPrivateKey(generateAuditSigningKey().privateKey)
    const layer = AuditLog.layerSqlite({ file: join(dir, "audit.db"), region }).pipe(Layer.provide(signer), Layer.provide(Logger.layer([])))
    try {
      rows.push(await Effect.runPromise(Effect.scoped(Effect.provide(run(concurrency), layer))))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  console.log(`\nThe audit trail alone: ${records} durable appends to a SQLite audit file per row (process CPU, both threads)\n`)
  console.log("| callers | appends/s | CPU µs per append |\n|---:|---:|---:|")
  for (const row of rows) console.log(`| ${row.concurrency} | ${row.perSecond} | ${row.cpuMicros} |`)
}
