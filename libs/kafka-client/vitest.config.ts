import { defineConfig } from "vitest/config"

// Unit tests of the message format; the client runs against a real broker in apps/server's Kafka request suites.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000
  }
})
