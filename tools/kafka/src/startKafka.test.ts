import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { KafkaToolFailure } from "./KafkaToolFailure.ts"
import { startKafka } from "./startKafka.ts"

const scratch = mkdtempSync(join(tmpdir(), "trent-kafka-test-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe("startKafka without its toolchain", () => {
  it("fails naming Java when java is missing", async () => {
    const started = startKafka({ javaCommand: join(scratch, "bin", "java"), runRoot: join(scratch, "run"), cacheDir: join(scratch, "cache") })
    await expect(started).rejects.toBeInstanceOf(KafkaToolFailure)
    await expect(started).rejects.toThrow(/Java 17\+ is required .*was not found/)
  })

  it("fails naming Maven when the jar cache is empty and mvn is missing", async () => {
    const started = startKafka({ mavenCommand: join(scratch, "bin", "mvn"), runRoot: join(scratch, "run"), cacheDir: join(scratch, "cache") })
    await expect(started).rejects.toBeInstanceOf(KafkaToolFailure)
    await expect(started).rejects.toThrow(/Apache Maven is required to download the Kafka broker jars .*was not found/)
  })
})
