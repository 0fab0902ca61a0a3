import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The integration suites each start a real server and stream files of up to ~200 MB: one file at a
    // time keeps the memory and throughput measurements about the CLI, not about a neighbouring suite.
    fileParallelism: false,
    // kafkajs 2.2.4 (the Kafka-store suite) passes a negative delay to setTimeout; Node clamps it and warns.
    execArgv: ["--disable-warning=TimeoutNegativeWarning"],
    testTimeout: 120_000,
    hookTimeout: 60_000
  }
})
