import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { parse } from "yaml"
import { describe, expect, it } from "vitest"
import { resolveServerSettings } from "./ServerConfig.ts"

/**
 * There is no Docker engine on the machines that run these tests, so the
 * compose file is checked by reading it: the services, their wiring to Kafka,
 * ports, the shared root-key secret and volumes — and that each Trent
 * service's environment is a configuration the server accepts.
 */
const root = fileURLToPath(new URL("../../../", import.meta.url))
const compose = parse(readFileSync(`${root}docker-compose.yml`, "utf8")) as {
  services: Record<string, { image?: string; build?: string; environment?: Record<string, string>; ports?: Array<string>; volumes?: Array<string>; secrets?: Array<string>; depends_on?: Record<string, { condition: string }> }>
  secrets: Record<string, { file: string }>
  volumes: Record<string, unknown>
}
const trentServices = Object.entries(compose.services).filter(([name]) => name.startsWith("trent-"))

describe("docker-compose.yml", () => {
  it("runs the official apache/kafka image in KRaft mode with a data volume and a health check", () => {
    const kafka = compose.services["kafka"]!
    expect(kafka.image).toMatch(/^apache\/kafka:\d+\.\d+\.\d+$/)
    expect(kafka.environment?.["KAFKA_PROCESS_ROLES"]).toBe("broker,controller")
    expect(kafka.environment?.["KAFKA_ADVERTISED_LISTENERS"]).toBe("PLAINTEXT://kafka:9092")
    expect(kafka.environment?.["KAFKA_AUTO_CREATE_TOPICS_ENABLE"]).toBe("false")
    expect(kafka.volumes?.[0]).toMatch(/^kafka-data:/)
  })

  it("runs two Trent servers, us-east-1 and eu-west-1, on the Kafka store, each a valid server configuration", () => {
    expect(trentServices.map(([, s]) => s.environment?.["TRENT_REGIONS"]).sort()).toEqual(["eu-west-1", "us-east-1"])
    for (const [, service] of trentServices) {
      const env = service.environment!
      expect(service.build).toBe(".")
      expect(service.depends_on?.["kafka"]?.condition).toBe("service_healthy")
      const settings = resolveServerSettings([], env)
      expect(settings).toMatchObject({ store: "kafka", kafkaBrokers: ["kafka:9092"], host: "0.0.0.0" })
      expect(env["TRENT_ROOT_KEY_FILE"]).toBe("/run/secrets/trent-root-key")
      expect(service.secrets).toEqual(["trent-root-key"])
    }
  })

  it("publishes distinct host ports to each server's listening port, and gives each its own volume", () => {
    const hostPorts = trentServices.map(([, s]) => s.ports![0]!.split(":").slice(0, -1).join(":"))
    expect(new Set(hostPorts).size).toBe(trentServices.length)
    for (const [, service] of trentServices) {
      expect(service.ports![0]!.endsWith(`:${service.environment!["TRENT_PORT"]}`)).toBe(true)
      const volume = service.volumes![0]!.split(":")[0]!
      expect(Object.keys(compose.volumes)).toContain(volume)
      expect(service.volumes![0]).toMatch(new RegExp(`:${service.environment!["TRENT_DATA_DIR"]}$`))
    }
  })

  it("shares one root key from a secret file, and the image it builds exists", () => {
    expect(compose.secrets["trent-root-key"]?.file).toBe("./secrets/trent-root-key")
    expect(existsSync(`${root}Dockerfile`)).toBe(true)
    expect(readFileSync(`${root}Dockerfile`, "utf8")).toMatch(/^FROM node:24/m)
  })
})
