import { rmSync } from "node:fs"
import { WebCrypto } from "@trent/crypto"
import { RootKey } from "@trent/event-log"
import {
  conformanceRootKey,
  openLayer,
  regionBehaviourSuite,
  regionModelSuite,
  schedulerSuite,
  type StoreUnderTest
} from "@trent/runtime/testing"
import { Layer } from "effect"
import { Kafka, logLevel } from "kafkajs"
import { kafkaStoresLayer } from "./kafkaStoresLayer.ts"
import { testBrokers, testStores } from "./testKafka.test-support.ts"

const stores = testStores("conformance")

/** Deletes a finished test's topics, so that hundreds of runs do not pile up partitions on the test broker. */
const deleteTopics = async (prefix: string) => {
  const admin = new Kafka({ clientId: "trent-conformance-cleanup", brokers: [...testBrokers()], logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${prefix}.`))
    await admin.deleteTopics({ topics })
  } catch {
    // Best effort: the broker is scratch.
  } finally {
    await admin.disconnect()
  }
}

/**
 * A Region on Kafka: the events topic with its replica and the keyvault topic, on topics of their
 * own per test. Every `open` is a new server process on the same topics and data directory, so a
 * restart is a warm start from the replica's checkpoint.
 */
const kafkaStore: StoreUnderTest = {
  name: "Kafka",
  prepare: async () => {
    const options = stores.fresh({ partitions: 3 })
    return {
      open: () => openLayer(Layer.mergeAll(kafkaStoresLayer(options), RootKey.layerTest(conformanceRootKey), WebCrypto.layer)),
      dispose: async () => {
        rmSync(options.dataDir, { recursive: true, force: true })
        await deleteTopics(options.topicPrefix!)
      }
    }
  }
}

regionBehaviourSuite(kafkaStore)
schedulerSuite(kafkaStore)
// The core's ≥ 200 runs; each run opens the stores several times (every restart is a warm start on a
// new consumer), so sequences are shorter than on SQLite to keep the run to a few minutes.
regionModelSuite(kafkaStore, { maxSteps: 10, size: "small", timeoutMs: 900_000 })
