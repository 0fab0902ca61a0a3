import { existsSync, readFileSync } from "node:fs"
import { randomBytes } from "node:crypto"
import { DatabaseSync } from "node:sqlite"
import { scratchDirectory } from "@trent/testing"
import { it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { afterAll, describe, expect } from "vitest"
import { Keyvault } from "./Keyvault.ts"
import { keyvaultContract } from "./contract/keyvaultContract.test-support.ts"

const scratch = scratchDirectory("sqlite-keyvault", afterAll)

describe("Keyvault.layerSqlite", () => {
  keyvaultContract(() => Keyvault.layerSqlite({ file: scratch.fresh("keyvault.db") }))
})

/** Whether `needle` occurs anywhere in the raw bytes of the database file or its WAL. */
const onDisk = (file: string, needle: Uint8Array): boolean =>
  [file, `${file}-wal`].some((path) => existsSync(path) && readFileSync(path).indexOf(needle) !== -1)

describe("Keyvault.layerSqlite on disk", () => {
  it.effect("keeps KEKs across a reopen", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("keyvault.db")
      const kek = randomBytes(60)
      yield* Effect.provide(Effect.flatMap(Keyvault, (vault) => vault.put("k1", kek)), Keyvault.layerSqlite({ file }))
      const read = yield* Effect.provide(Effect.flatMap(Keyvault, (vault) => vault.get("k1")), Keyvault.layerSqlite({ file }))
      expect(read).toEqual(Option.some(new Uint8Array(kek)))
    }))

  it.effect("remove erases the KEK's bytes from the database file and the WAL, not just the row", () => {
    const file = scratch.fresh("keyvault.db")
    return Effect.gen(function*() {
      const doomed = randomBytes(60)
      const kept = randomBytes(60)
      const vault = yield* Keyvault
      yield* vault.put("doomed", doomed)
      yield* vault.put("kept", kept)
      // The scan can see a stored KEK: otherwise the absence below would prove nothing.
      expect(onDisk(file, doomed)).toBe(true)
      yield* vault.remove("doomed")
      // remove checkpoints by itself...
      expect(onDisk(file, doomed)).toBe(false)
      // ...and a further checkpoint from another connection brings nothing back.
      const raw = new DatabaseSync(file)
      expect(raw.prepare("PRAGMA wal_checkpoint(TRUNCATE)").get()).toMatchObject({ busy: 0 })
      raw.close()
      expect(onDisk(file, doomed)).toBe(false)
      expect(onDisk(file, kept)).toBe(true)
      expect(yield* vault.get("kept")).toEqual(Option.some(new Uint8Array(kept)))
    }).pipe(Effect.provide(Keyvault.layerSqlite({ file })))
  })

  it.effect("put over an existing KEK (root key rotation) leaves no trace of the old bytes after a checkpoint", () => {
    const file = scratch.fresh("keyvault.db")
    return Effect.gen(function*() {
      const before = randomBytes(60)
      const vault = yield* Keyvault
      yield* vault.put("k1", before)
      yield* vault.put("k1", randomBytes(60))
      const raw = new DatabaseSync(file)
      raw.prepare("PRAGMA wal_checkpoint(TRUNCATE)").get()
      raw.close()
      expect(onDisk(file, before)).toBe(false)
    }).pipe(Effect.provide(Keyvault.layerSqlite({ file })))
  })
})
