import { defineConfig } from "vitest/config"

// A real broker: the first run downloads it from Maven Central and a cold JVM start takes seconds.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // kafkajs 2.2.4 passes a negative delay to setTimeout on every response (requestQueue
    // scheduleCheckPendingRequests); Node clamps it to 1 ms as kafkajs intended, and warns.
    execArgv: ["--disable-warning=TimeoutNegativeWarning"]
  }
})
