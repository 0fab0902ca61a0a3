import { defineConfig } from "vitest/config"

// Unit tests only, no broker: the worker runs against a real one in apps/server's Kafka request suites (src/kafkaRequests).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000
  }
})
