import { eventLogContract } from "@trent/event-log/testing"
import { describe } from "vitest"
import { kafkaEventLogLayer } from "./KafkaEventLog.ts"
import { testStores } from "./testKafka.test-support.ts"

const stores = testStores("event-log")

describe("kafkaEventLogLayer", () => {
  eventLogContract(() => kafkaEventLogLayer(stores.fresh()))
})
