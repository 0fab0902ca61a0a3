import { rmSync } from "node:fs"
import { join } from "node:path"
import { it } from "@effect/vitest"
import { AuditLog, type AuditInput, AuditSigner, generateAuditSigningKey, verifyEntries } from "@trent/audit"
import { Effect, Layer } from "effect"
import { describe, expect } from "vitest"
import { auditTopicChains } from "./auditTopicChains.ts"
import { makeKafkaAuditStore } from "./KafkaAuditStore.ts"
import { resolveKafkaStoreOptions } from "./KafkaStoreOptions.ts"
import { readWholeTopic, testStores } from "./testKafka.test-support.ts"

const stores = testStores("audit")
const signingKey = generateAuditSigningKey()
const signer = AuditSigner.layerFromPrivateKey(signingKey.privateKey)

const input = (n: number): AuditInput => ({
  time: Date.UTC(2026, 10, 28, 12, 0, n),
  operation: "Encrypt",
  region: "eu-west-1",
  sourceIp: "10.0.0.1",
  principal: { type: "IAMUser", principalId: "AIDAEXAMPLE", arn: "arn:aws:iam::111122223333:user/app", accountId: "111122223333", accessKeyId: "AKIAEXAMPLE" },
  request: { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", plaintext: new Uint8Array([n]) },
  requestId: `request-${n}`,
  eventId: `event-${n}`,
  resources: ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
})

const withLog = <A, E>(options: ReturnType<typeof stores.fresh>, body: Effect.Effect<A, E, AuditLog>) =>
  Effect.scoped(Effect.provide(
    body,
    AuditLog.layerStore(makeKafkaAuditStore({ ...options, auditFile: join(options.dataDir, "eu-west-1", "audit.db") }), { region: "eu-west-1" })
      .pipe(Layer.provide(signer))
  ))

const chainsOf = async (options: ReturnType<typeof stores.fresh>) =>
  auditTopicChains(await readWholeTopic(resolveKafkaStoreOptions(options).auditTopic))

describe("the audit trail on Kafka (trent.<region>.audit)", () => {
  it.effect("publishes every entry of the server's chain before append returns, and the topic's chain verifies", () =>
    Effect.gen(function*() {
      const options = stores.fresh()
      yield* withLog(options, Effect.gen(function*() {
        const log = yield* AuditLog
        yield* Effect.forEach([0, 1, 2, 3, 4], (n) => log.append(input(n)), { concurrency: "unbounded" })
        const chains = yield* Effect.promise(() => chainsOf(options))
        const [chain] = [...chains.values()]
        expect(chain?.filter((entry) => entry.kind === "record")).toHaveLength(5)
      }))
      const chains = yield* Effect.promise(() => chainsOf(options))
      expect(chains.size).toBe(1)
      const [chain] = [...chains.values()]
      expect(verifyEntries(chain!, signingKey.publicKey)).toMatchObject({ ok: true, records: 5, checkpoints: 2, genesis: true, unsignedTail: 0 })
    }))

  it.effect("publishes again what it may not have published (a crash before the mark), and readers drop exact repeats", () =>
    Effect.gen(function*() {
      const options = stores.fresh()
      yield* withLog(options, Effect.forEach([0, 1, 2], (n) => AuditLog.use((log) => log.append(input(n)))))
      rmSync(join(options.dataDir, "eu-west-1", "audit-published-seq"))
      yield* withLog(options, AuditLog.use((log) => log.append(input(3))))
      const records = yield* Effect.promise(() => readWholeTopic(resolveKafkaStoreOptions(options).auditTopic))
      const chains = auditTopicChains(records)
      const [chain] = [...chains.values()]
      // genesis 1, records 2-4, close 5; the second writer's opening checkpoint 6, record 7, close 8
      expect(chain!.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
      expect(verifyEntries(chain!, signingKey.publicKey)).toMatchObject({ ok: true, records: 4, checkpoints: 4 })
    }))
})
