import { existsSync, readFileSync } from "node:fs"
import { parse } from "yaml"
import { describe, expect, it } from "vitest"
import { dockerfileInstructions, execForm, only, repoRoot as root } from "./image/dockerfile.test-support.ts"
import { resolveServerSettings } from "./ServerConfig.ts"

/**
 * There is no Docker engine on the machines that run these tests, so the
 * compose file is checked by reading it: the services, their wiring to Kafka,
 * ports, the shared root-key secret and volumes — and that each Trent
 * service's environment is a configuration the server accepts.
 */
const compose = parse(readFileSync(`${root}docker-compose.yml`, "utf8")) as {
  services: Record<string, {
    image?: string
    build?: string
    command?: Array<string>
    environment?: Record<string, string>
    ports?: Array<string>
    volumes?: Array<string>
    secrets?: Array<string>
    depends_on?: Record<string, { condition: string }>
    healthcheck?: { test: Array<string>; timeout: string }
  }>
  secrets?: Record<string, { file: string }>
  volumes: Record<string, unknown>
}
const trentServices = Object.entries(compose.services).filter(([name]) => name.startsWith("trent-") && name !== "trent-root-key")

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
      expect(service.depends_on?.["trent-root-key"]?.condition).toBe("service_completed_successfully")
    }
  })

  it("shares one root key that the servers' user can read on any host: made in a volume by the image's user, mounted read-only", () => {
    const maker = compose.services["trent-root-key"]!
    expect(maker.build).toBe(".")
    expect(maker.command).toEqual(["node", "apps/server/src/ensureRootKey.ts", "/keys"])
    expect(maker.volumes).toEqual(["trent-root-key:/keys"])
    expect(existsSync(`${root}apps/server/src/ensureRootKey.ts`)).toBe(true)
    // No host file is bind-mounted as the key: Compose ignores a file secret's uid and mode (docker/compose#9648).
    expect(compose.secrets).toBeUndefined()
    for (const [, service] of trentServices) {
      expect(service.secrets).toBeUndefined()
      expect(service.volumes).toContain("trent-root-key:/keys:ro")
      expect(service.environment!["TRENT_ROOT_KEY_FILE"]).toBe("/keys/root.key")
    }
  })

  it("checks each server's readiness with the image's own probe (the image has no curl)", () => {
    for (const [, service] of trentServices) {
      expect(service.healthcheck?.test).toEqual(["CMD", ...execForm(only(dockerfileInstructions(), "HEALTHCHECK")[0]!)])
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

  it("builds an image that runs as node, owns /data, and declares a HEALTHCHECK", () => {
    const instructions = dockerfileInstructions()
    expect(only(instructions, "FROM")[0]).toMatch(/^node:24/)
    expect(only(instructions, "USER")).toEqual(["node"])
    expect(only(instructions, "RUN").join(" ")).toMatch(/install -d -m 0700 -o node -g node \/data \/keys/)
    expect(execForm(only(instructions, "HEALTHCHECK")[0]!)).toEqual(["node", "apps/server/src/healthProbe.ts"])
    // node, not npm, is PID 1: npm does not pass docker stop's SIGTERM on to the server.
    expect(execForm(only(instructions, "CMD")[0]!)).toEqual(["node", "apps/server/src/main.ts"])
    expect(readFileSync(`${root}.dockerignore`, "utf8").split("\n")).toContain("node_modules")
  })
})
