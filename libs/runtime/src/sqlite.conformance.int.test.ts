import { regionBehaviourSuite, regionModelSuite, schedulerSuite, sqliteStore } from "./conformance/index.test-support.ts"

regionBehaviourSuite(sqliteStore)
schedulerSuite(sqliteStore)
regionModelSuite(sqliteStore, { maxSteps: 20, size: "medium" })
regionModelSuite(sqliteStore, { maxSteps: 20, size: "medium", servers: 2 })
