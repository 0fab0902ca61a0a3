import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { DEFAULT_ACCOUNT_ID } from "@trent/auth"
import { ConfigError, DEFAULT_PORT, resolveServerSettings } from "./ServerConfig.ts"

describe("server settings", () => {
  it("defaults to 127.0.0.1, port 7400, ./data and us-east-1", () => {
    expect(resolveServerSettings([], {})).toMatchObject({
      host: "127.0.0.1",
      port: DEFAULT_PORT,
      dataDir: "./data",
      regions: ["us-east-1"],
      devMode: false,
      logLevel: "Info"
    })
  })
  it("has one default account, the one dev mode and first-start credentials use", () => {
    expect(resolveServerSettings([], {}).accountId).toBe(DEFAULT_ACCOUNT_ID)
    expect(DEFAULT_ACCOUNT_ID).toBe("111122223333")
  })
  it("lets flags override the environment, which overrides the config file", () => {
    const dir = mkdtempSync(join(tmpdir(), "trent-config-"))
    const file = join(dir, "trent.json")
    writeFileSync(file, JSON.stringify({ port: 1111, host: "0.0.0.0", regions: ["eu-west-1"], logLevel: "Warn" }))
    const settings = resolveServerSettings(["--port", "3333", "--dev"], { TRENT_CONFIG: file, TRENT_PORT: "2222", TRENT_REGIONS: "eu-west-1, eu-central-1", TRENT_LOG_LEVEL: "debug" })
    expect(settings).toMatchObject({ port: 3333, host: "0.0.0.0", regions: ["eu-west-1", "eu-central-1"], logLevel: "Debug", devMode: true })
    expect(resolveServerSettings([`--config=${file}`], {})).toMatchObject({ port: 1111, logLevel: "Warn" })
  })
  it("refuses bad values with a message naming their source", () => {
    expect(() => resolveServerSettings(["--port", "99999"], {})).toThrow(ConfigError)
    expect(() => resolveServerSettings([], { TRENT_REGIONS: "not a region" })).toThrow(/the environment/)
    expect(() => resolveServerSettings([], { TRENT_ACCOUNT_ID: "123" })).toThrow(ConfigError)
    expect(() => resolveServerSettings(["--bogus"], {})).toThrow(/unknown flag --bogus/)
    expect(() => resolveServerSettings(["--port"], {})).toThrow(/needs a value/)
    expect(() => resolveServerSettings(["--config", "/nonexistent/trent.json"], {})).toThrow(/cannot read the config file/)
  })
  it("reads TLS and connection limits from flags and the environment, and refuses halves of a pair", () => {
    expect(resolveServerSettings(["--tls-cert", "c.pem", "--tls-key=k.pem", "--max-connections", "100"], { TRENT_TLS_CLIENT_CA: "ca.pem", TRENT_HEADERS_TIMEOUT_MS: "2000" }))
      .toMatchObject({ tlsCert: "c.pem", tlsKey: "k.pem", tlsClientCa: "ca.pem", maxConnections: 100, headersTimeoutMs: 2000, requestTimeoutMs: 30_000 })
    expect(() => resolveServerSettings(["--tls-cert", "c.pem"], {})).toThrow(/--tls-cert and --tls-key go together/)
    expect(() => resolveServerSettings(["--tls-client-ca", "ca.pem"], {})).toThrow(/--tls-client-ca needs/)
    expect(() => resolveServerSettings(["--headers-timeout-ms", "40000"], {})).toThrow(/cannot exceed/)
    expect(() => resolveServerSettings(["--max-connections", "0"], {})).toThrow(ConfigError)
  })
  it("refuses an unknown key in the config file, suggesting the closest one", () => {
    const file = configFile({ prot: 7621 })
    expect(() => resolveServerSettings(["--config", file], {})).toThrow(/unknown setting "prot" in .*\(did you mean "port"\?\)/)
    expect(() => resolveServerSettings(["--config", configFile({ "kafka-brokers": "k:9092" })], {})).toThrow(/did you mean "kafkaBrokers"/)
    expect(() => resolveServerSettings(["--config", configFile({ zzzzzz: 1 })], {})).toThrow(/unknown setting "zzzzzz"[^(]*$/)
  })
  it("takes in the config file the values its flags take", () => {
    const file = configFile({ logLevel: "debug", port: "7621", regions: "eu-west-1,us-east-1", devMode: "true" })
    expect(resolveServerSettings(["--config", file], {})).toMatchObject({
      logLevel: "Debug",
      port: 7621,
      regions: ["eu-west-1", "us-east-1"],
      devMode: true
    })
    expect(resolveServerSettings(["--config", configFile({ logLevel: "Warn", port: 1 })], {})).toMatchObject({ logLevel: "Warn", port: 1 })
  })
  it("reads the operating settings from flags and the environment", () => {
    expect(resolveServerSettings(["--seed", "seed.yaml", "--ready-max-lag-ms", "250", "--request-log-sample=0.1"], { TRENT_READY_TIMEOUT_MS: "500" }))
      .toMatchObject({ seedFile: "seed.yaml", readyMaxLagMs: 250, readyTimeoutMs: 500, requestLogSample: 0.1 })
    expect(() => resolveServerSettings(["--request-log-sample", "2"], {})).toThrow(ConfigError)
  })
})

const configFile = (content: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), "trent-config-")), "trent.json")
  writeFileSync(file, JSON.stringify(content))
  return file
}
