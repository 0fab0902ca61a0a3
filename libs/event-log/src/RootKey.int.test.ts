import { randomBytes } from "node:crypto"
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { scratchDirectory } from "@trent/testing"
import { it } from "@effect/vitest"
import { SecretBytes, unwrapKeyMaterial, WebCrypto, wrapKeyMaterial } from "@trent/crypto"
import { Effect, Logger } from "effect"
import { afterAll, describe, expect } from "vitest"
import { acquireSoftwareRootKeyBytes, RootKey, type RootKeyOptions } from "./RootKey.ts"

const scratch = scratchDirectory("root-key", afterAll)

/** Loads the root key through the layer; returns a copy (the layer zeroes its own on release) and the log lines. */
const load = (options: RootKeyOptions) =>
  Effect.gen(function*() {
    const lines: Array<string> = []
    const capture = Logger.make(({ message }) => lines.push(Array.isArray(message) ? message.join(" ") : String(message)))
    const key = yield* Effect.map(acquireSoftwareRootKeyBytes(options), (k) => SecretBytes.copy(k.unsafeBytes())).pipe(
      Effect.scoped,
      Effect.provide(Logger.layer([capture]))
    )
    return { key, lines }
  })

const loadError = (options: RootKeyOptions) => Effect.flip(load(options))

const keyFile = (content: string, mode = 0o600): string => {
  const path = scratch.fresh("root.key")
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content, { mode })
  chmodSync(path, mode)
  return path
}


const mode = (path: string): number => statSync(path).mode & 0o777

describe("RootKey.layer", () => {
  it.effect("creates ${dataDir}/root.key on first start (file 0600, directories 0700) and reuses it afterwards", () =>
    Effect.gen(function*() {
      const dataDir = join(scratch.fresh("data"), "eu-west-1")
      const first = yield* load({ dataDir, env: {} })
      const path = join(dataDir, "root.key")
      expect(first.key.length).toBe(32)
      expect(mode(path)).toBe(0o600)
      expect(mode(dataDir)).toBe(0o700)
      expect(mode(dirname(dataDir))).toBe(0o700)
      expect(readFileSync(path, "utf8")).toBe(`${Buffer.from(first.key.unsafeBytes()).toString("base64")}\n`)
      expect(readdirSync(dataDir)).toEqual(["root.key"])
      const second = yield* load({ dataDir, env: {} })
      expect(second.key.equals(first.key)).toBe(true)
    }))

  it.effect("logs that it created the key and where, never the key itself, and says nothing on later starts", () =>
    Effect.gen(function*() {
      const dataDir = scratch.fresh("data")
      const first = yield* load({ dataDir, env: {} })
      const bytes = Buffer.from(first.key.unsafeBytes())
      expect(first.lines).toHaveLength(1)
      expect(first.lines[0]).toContain(`created a new root key at ${join(dataDir, "root.key")}`)
      for (const form of [bytes.toString("base64"), bytes.toString("hex"), bytes.toString("base64url")]) {
        expect(first.lines.join("\n")).not.toContain(form)
      }
      expect((yield* load({ dataDir, env: {} })).lines).toEqual([])
    }))

  it.effect("takes TRENT_ROOT_KEY over TRENT_ROOT_KEY_FILE and the default file", () =>
    Effect.gen(function*() {
      const dataDir = scratch.fresh("data")
      const inline = randomBytes(32)
      const fromFile = keyFile(randomBytes(32).toString("base64"))
      const { key } = yield* load({ dataDir, env: { TRENT_ROOT_KEY: inline.toString("base64"), TRENT_ROOT_KEY_FILE: fromFile } })
      expect(key.equals(SecretBytes.copy(inline))).toBe(true)
      expect(existsSync(join(dataDir, "root.key"))).toBe(false)
    }))

  it.effect("takes TRENT_ROOT_KEY_FILE over the default file, ignoring surrounding whitespace", () =>
    Effect.gen(function*() {
      const dataDir = scratch.fresh("data")
      const bytes = randomBytes(32)
      const { key } = yield* load({ dataDir, env: { TRENT_ROOT_KEY_FILE: keyFile(`  ${bytes.toString("base64")}\n\n`) } })
      expect(key.equals(SecretBytes.copy(bytes))).toBe(true)
      expect(existsSync(join(dataDir, "root.key"))).toBe(false)
    }))

  it.effect("rejects a key of the wrong length without echoing it", () =>
    Effect.gen(function*() {
      const short = randomBytes(16).toString("base64")
      const error = yield* loadError({ dataDir: scratch.fresh("data"), env: { TRENT_ROOT_KEY: short } })
      expect(error).toMatchObject({ _tag: "RootKeyError" })
      expect(error.message).toMatch(/TRENT_ROOT_KEY must be the base64 encoding of exactly 32 bytes .* decodes to 16/)
      expect(error.message).not.toContain(short)
      const long = yield* loadError({ dataDir: scratch.fresh("data"), env: { TRENT_ROOT_KEY_FILE: keyFile(randomBytes(33).toString("base64")) } })
      expect(long.message).toMatch(/decodes to 33/)
    }))

  it.effect("rejects text that is not strict base64", () =>
    Effect.gen(function*() {
      const garbage = `${randomBytes(32).toString("base64").slice(0, -4)}!!!!`
      const error = yield* loadError({ dataDir: scratch.fresh("data"), env: { TRENT_ROOT_KEY: garbage } })
      expect(error.message).toBe("TRENT_ROOT_KEY is not valid base64")
      const fromFile = yield* loadError({ dataDir: scratch.fresh("data"), env: { TRENT_ROOT_KEY_FILE: keyFile("hello world") } })
      expect(fromFile.message).toMatch(/the root key file .* is not valid base64/)
    }))

  it.effect.each(["644", "640", "604", "660"])("refuses a key file with mode %s that others may read", (octal) =>
    Effect.gen(function*() {
      const fileMode = Number.parseInt(octal, 8)
      const path = keyFile(randomBytes(32).toString("base64"), fileMode)
      const error = yield* loadError({ dataDir: scratch.fresh("data"), env: { TRENT_ROOT_KEY_FILE: path } })
      expect(error.message).toBe(
        `refusing the root key file ${path}: group or others may access it (mode 0${fileMode.toString(8)}); run chmod 600 ${path}`
      )
    }))

  it.effect("refuses the default root.key too once its mode was loosened", () =>
    Effect.gen(function*() {
      const dataDir = scratch.fresh("data")
      yield* load({ dataDir, env: {} })
      chmodSync(join(dataDir, "root.key"), 0o644)
      expect((yield* loadError({ dataDir, env: {} })).message).toMatch(/^refusing the root key file .*root\.key/)
    }))

  it.effect("fails clearly when the configured key file is missing or a variable is set but empty", () =>
    Effect.gen(function*() {
      const missing = join(scratch.fresh("data"), "nope.key")
      const error = yield* loadError({ dataDir: scratch.fresh("data"), env: { TRENT_ROOT_KEY_FILE: missing } })
      expect(error.message).toBe(`cannot open the root key file ${missing} (ENOENT)`)
      expect((yield* loadError({ dataDir: scratch.fresh("data"), env: { TRENT_ROOT_KEY: "" } })).message).toBe(
        "TRENT_ROOT_KEY is set but empty"
      )
      expect((yield* loadError({ dataDir: scratch.fresh("data"), env: { TRENT_ROOT_KEY_FILE: "" } })).message).toBe(
        "TRENT_ROOT_KEY_FILE is set but empty"
      )
    }))

  it.effect("makes no new root.key for a Region whose stores hold data elsewhere (a new data directory on Kafka topics)", () =>
    Effect.gen(function*() {
      const dataDir = scratch.fresh("data")
      const error = yield* loadError({ dataDir, env: {}, storedState: "12 events in its log" })
      expect(error.message).toMatch(/^the root key file .*root\.key is missing, but the Region has data \(12 events in its log\): restore root\.key/)
      expect(existsSync(join(dataDir, "root.key"))).toBe(false)
    }))

  it.effect("zeroes the key when the layer is released", () =>
    Effect.gen(function*() {
      const held = yield* Effect.scoped(acquireSoftwareRootKeyBytes({ dataDir: scratch.fresh("data"), env: {} }))
      expect(held.unsafeBytes().every((byte) => byte === 0)).toBe(true)
    }))
})

describe("RootKey.layerTest", () => {
  it.effect("wraps and unwraps in wrapKeyMaterial's format under the given key (existing keyvaults still open)", () =>
    Effect.gen(function*() {
      const given = SecretBytes.copy(new Uint8Array(32).fill(7))
      const material = SecretBytes.copy(new Uint8Array(32).fill(9))
      const binding = { region: "eu-west-1", keyId: "k", versionId: "kek", algorithm: "AES_256_GCM_KEK" }
      const rootKey = yield* Effect.provide(Effect.gen(function*() { return yield* RootKey }), RootKey.layerTest(given))
      const unwrapped = yield* unwrapKeyMaterial(given, yield* rootKey.wrap(material, binding), binding)
      expect(unwrapped.equals(material)).toBe(true)
      const back = yield* rootKey.unwrap(yield* wrapKeyMaterial(given, material, binding), binding)
      expect(back.equals(material)).toBe(true)
    }).pipe(Effect.provide(WebCrypto.layer)))
})
