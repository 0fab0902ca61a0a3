import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
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
})
