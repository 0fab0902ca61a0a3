import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The Kafka-store end-to-end tests run against a real broker that this starts (or KAFKA_BROKERS names).
    globalSetup: ["./kafkaGlobalSetup.ts"],
    // kafkajs 2.2.4 passes a negative delay to setTimeout; Node clamps it and warns.
    execArgv: ["--disable-warning=TimeoutNegativeWarning"],
    testTimeout: 120_000,
    hookTimeout: 180_000
  }
})
