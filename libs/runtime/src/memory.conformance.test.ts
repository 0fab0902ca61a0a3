import { memoryStore, regionBehaviourSuite, regionModelSuite, schedulerSuite } from "./conformance/index.test-support.ts"

regionBehaviourSuite(memoryStore)
schedulerSuite(memoryStore)
regionModelSuite(memoryStore, { maxSteps: 60, size: "large" })
regionModelSuite(memoryStore, { maxSteps: 60, size: "large", servers: 2 })
