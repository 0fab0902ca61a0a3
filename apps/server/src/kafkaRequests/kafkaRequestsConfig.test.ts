import { describe, expect, it } from "vitest"
import { ConfigError, resolveServerSettings } from "../ServerConfig.ts"

describe("the Kafka request settings", () => {
  it("are off by default, on with --kafka-requests or TRENT_KAFKA_REQUESTS=1", () => {
    expect(resolveServerSettings([], {})).toMatchObject({ kafkaRequests: false, kafkaRequestAccounts: [] })
    expect(resolveServerSettings(["--kafka-requests", "--kafka-brokers", "k:9092"], {})).toMatchObject({ kafkaRequests: true, kafkaBrokers: ["k:9092"] })
    expect(resolveServerSettings([], { TRENT_KAFKA_REQUESTS: "1", TRENT_KAFKA_BROKERS: "k:9092", TRENT_KAFKA_REQUEST_ACCOUNTS: "444455556666" }))
      .toMatchObject({ kafkaRequests: true, kafkaRequestAccounts: ["444455556666"] })
  })

  it("need brokers, and take only 12-digit accounts", () => {
    expect(() => resolveServerSettings(["--kafka-requests"], {})).toThrow(/--kafka-requests .* needs brokers/)
    expect(() => resolveServerSettings(["--kafka-request-accounts", "12"], {})).toThrow(ConfigError)
  })
})
