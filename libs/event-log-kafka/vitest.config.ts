import { defineConfig } from "vitest/config"

// Integration tests run against a real Kafka broker that the global setup starts (or KAFKA_BROKERS names).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: ["./kafkaGlobalSetup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // kafkajs 2.2.4 passes a negative delay to setTimeout on every response (requestQueue
    // scheduleCheckPendingRequests); Node clamps it to 1 ms as kafkajs intended, and warns.
    execArgv: ["--disable-warning=TimeoutNegativeWarning"],
    // Every test file runs its own consumers and producers against one broker on 2 CPUs.
    maxWorkers: 2
  }
})
