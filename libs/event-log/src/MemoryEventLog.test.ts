import { describe } from "vitest"
import { EventLog } from "./EventLog.ts"
import { eventLogContract } from "./contract/eventLogContract.test-support.ts"

describe("EventLog.layerMemory", () => {
  eventLogContract(() => EventLog.layerMemory({ region: "eu-west-1" }))
})
