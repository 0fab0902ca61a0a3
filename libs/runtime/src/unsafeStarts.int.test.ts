import { assert, describe, it } from "@effect/vitest"
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DAY_MS } from "@trent/domain"
import { Keyvault } from "@trent/event-log"
import { Clock, Effect, Layer, Option } from "effect"
import { publicKeyPem } from "./AuditSigningKey.ts"
import { Region } from "./Region.ts"
import { asTest, embeddedRegion, quiet, regionOptions } from "./regionFixtures.test-support.ts"

/** The live clock, `ms` ahead: a later process start without waiting for it. */
const aheadBy = (ms: number) => <A, E, R>(program: Effect.Effect<A, E, R>) =>
  Clock.clockWith((live) =>
    Effect.provideService(program, Clock.Clock, {
      ...live,
      currentTimeMillisUnsafe: () => live.currentTimeMillisUnsafe() + ms,
      currentTimeMillis: Effect.map(live.currentTimeMillis, (now) => now + ms),
      currentTimeNanosUnsafe: () => live.currentTimeNanosUnsafe() + BigInt(ms) * 1_000_000n,
      currentTimeNanos: Effect.map(live.currentTimeNanos, (now) => now + BigInt(ms) * 1_000_000n)
    }))

const tempDir = () => mkdtempSync(join(tmpdir(), "trent-unsafe-"))

/** Starts the Region on `dir` and runs `program`; the Region closes when it ends. */
const started = <A, E>(dir: string, program: Effect.Effect<A, E, Region | Keyvault>, env?: Record<string, string>) =>
  Effect.scoped(Effect.provide(
    program,
    Layer.merge(env === undefined ? embeddedRegion(dir) : Region.layerEmbedded({ ...regionOptions, dataDir: dir, env }), quiet)
  )).pipe(asTest)

/** The one-line message a start that must be refused fails with. */
const refusal = (dir: string, env?: Record<string, string>) =>
  Effect.flip(started(dir, Effect.void, env)).pipe(Effect.map((error) => String((error as { message?: unknown }).message)))

const withKey = (dir: string, env?: Record<string, string>) => started(dir, Effect.flatMap(Region, (region) => region.createKey({})), env)

describe("a Region refuses to start on a data directory that lost a part", () => {
  it.live("refuses events.db with keys but no keyvault.db, naming it, and keeps the audit public key", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      yield* withKey(dir)
      const regionDir = join(dir, regionOptions.region)
      const publicKey = readFileSync(join(regionDir, "audit-public-key.pem"), "utf8")
      for (const file of readdirSync(regionDir).filter((name) => name.startsWith("keyvault.db"))) rmSync(join(regionDir, file))
      const message = yield* refusal(dir)
      assert.include(message, `${join(regionDir, "keyvault.db")}) is missing`)
      assert.notInclude(message, "\n")
      assert.strictEqual(readFileSync(join(regionDir, "audit-public-key.pem"), "utf8"), publicKey)
      // And again: the refused start left nothing that would let a second one through.
      assert.include(yield* refusal(dir), "is missing")
      rmSync(dir, { recursive: true, force: true })
    }))

  it.live("says a deleted root.key is missing, and creates no new one for a Region that has keys", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      yield* withKey(dir, {})
      const rootKey = join(dir, regionOptions.region, "root.key")
      rmSync(rootKey)
      const message = yield* refusal(dir, {})
      assert.match(message, /^the root key file .*root\.key is missing, but the Region has data \(audit\.db, audit-public-key\.pem, \d+ events? in its log, its keyvault\)/)
      assert.isFalse(existsSync(rootKey))
      rmSync(dir, { recursive: true, force: true })
    }))

  it.live("never overwrites an audit public key that is not its own", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      yield* withKey(dir)
      const file = join(dir, regionOptions.region, "audit-public-key.pem")
      const other = publicKeyPem(Buffer.from(Array.from({ length: 44 }, (_, i) => i)))
      writeFileSync(file, other)
      assert.include(yield* refusal(dir), "holds another audit public key than this Region's signing key; refusing to overwrite it")
      assert.strictEqual(readFileSync(file, "utf8"), other)
      rmSync(dir, { recursive: true, force: true })
    }))
})

describe("a Region's start", () => {
  it.live("removes the KEK of a key destroyed by a process that crashed before removing it", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      const { keyId, kek } = yield* started(dir, Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        const kek = Option.getOrThrow(yield* (yield* Keyvault).get(key.keyId))
        yield* region.scheduleKeyDeletion({ keyId: key.keyId, pendingWindowInDays: 7 })
        return { keyId: key.keyId, kek }
      }))
      yield* started(dir, Effect.gen(function*() {
        const keyvault = yield* Keyvault
        yield* (yield* Region).runScheduledWork
        assert.isTrue(Option.isNone(yield* keyvault.get(keyId)))
        // The crash: the KEK is back on disk as if its removal never ran.
        yield* keyvault.put(keyId, kek)
      })).pipe(aheadBy(8 * DAY_MS))
      assert.isAbove(kek.length, 0)
      const left = yield* started(dir, Effect.flatMap(Keyvault, (keyvault) => keyvault.get(keyId)))
      assert.isTrue(Option.isNone(left))
      rmSync(dir, { recursive: true, force: true })
    }))

  it.live("creates every file of the data directory readable by its owner alone (0600)", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      yield* withKey(dir, {})
      const regionDir = join(dir, regionOptions.region)
      const files = readdirSync(regionDir)
      for (const name of ["events.db", "keyvault.db", "audit.db", "root.key", "audit-public-key.pem"]) assert.include(files, name)
      assert.include(files, "writer-0.lock")
      for (const name of files) {
        assert.strictEqual((statSync(join(regionDir, name)).mode & 0o777).toString(8), "600", name)
      }
      rmSync(dir, { recursive: true, force: true })
    }))
})
