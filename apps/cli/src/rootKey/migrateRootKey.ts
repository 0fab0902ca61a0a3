import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { WebCrypto } from "@trent/crypto"
import { holdLock, Keyvault, RootKey, type RootKeyApi, type RootKeyOptions } from "@trent/event-log"
import { rewrapRootKey } from "@trent/runtime"
import { Console, Context, Effect, Layer } from "effect"
import { regionDir } from "../audit/auditFiles.ts"
import { OperationFailed, UsageError } from "../cli/CliFailure.ts"
import type { MigrateInput } from "./migrateCommand.ts"

/** The root key RootKey.layer would open with these options, for the scope's life. */
const openRootKey = (options: RootKeyOptions) =>
  Layer.build(RootKey.layer(options)).pipe(
    Effect.map((services): RootKeyApi => Context.get(services, RootKey)),
    Effect.mapError((error) => new OperationFailed({ message: error.message, cause: error }))
  )

/**
 * Holds every writer slot of the Region's directory (writer-<n>.lock, held by
 * each running server or worker) for the scope's life, or fails naming the
 * one a running process holds: a running server would go on wrapping new KEKs
 * under the old root key.
 */
const holdWriterSlots = (dir: string) =>
  Effect.acquireRelease(
    Effect.suspend(() => {
      const names = readdirSync(dir).filter((name) => /^writer-\d+\.lock$/.test(name))
      const held: Array<NonNullable<ReturnType<typeof holdLock>>> = []
      for (const name of names) {
        const lock = holdLock(join(dir, name))
        if (lock === undefined) {
          for (const other of held) other.close()
          return Effect.fail(new OperationFailed({ message: `a server is running on ${dir} (it holds ${name}): stop every server of the Region first` }))
        }
        held.push(lock)
      }
      return Effect.succeed(held)
    }),
    (held) => Effect.sync(() => held.forEach((lock) => lock.close()))
  )

/** `trent root-key migrate`: see migrateCommand. */
export const migrateRootKey = Effect.fn("rootKey.migrate")((input: MigrateInput) =>
  Effect.scoped(Effect.gen(function*() {
    if (!input.to.startsWith("pkcs11:")) {
      return yield* new UsageError({ message: `--to must be a pkcs11: URI (RFC 7512), not '${input.to}'` })
    }
    const dir = yield* regionDir(input)
    const keyvaultFile = join(dir, "keyvault.db")
    if (!existsSync(keyvaultFile)) return yield* new OperationFailed({ message: `there is no keyvault at ${keyvaultFile}` })
    yield* holdWriterSlots(dir)
    // The current key from the sources the server reads when --root-key is not set; never a new one (the keyvault proves the Region started).
    const { TRENT_ROOT_KEY_SOURCE: _current, ...env } = process.env
    const from = yield* openRootKey({ dataDir: dir, env, stateFiles: ["keyvault.db"] })
    const to = yield* openRootKey({ dataDir: dir, env: { ...env, TRENT_ROOT_KEY_SOURCE: input.to } })
    const outcome = yield* rewrapRootKey(input.region, from, to).pipe(
      Effect.provide(Layer.merge(Keyvault.layerSqlite({ file: keyvaultFile }), WebCrypto.layer)),
      Effect.mapError((error) => new OperationFailed({ message: error.message, cause: error }))
    )
    const moved = outcome.rewrapped + outcome.alreadyUnderNewKey
    yield* Console.log(
      `ok: Region ${input.region}: ${moved} keyvault entries are wrapped under the PKCS#11 root key ` +
        `(${outcome.rewrapped} re-wrapped now, ${outcome.alreadyUnderNewKey} already were). ` +
        `Start the server with --root-key '${input.to}'. The old root key still opens copies of keyvault.db taken before now: ` +
        "keep it offline until every such backup is gone, then destroy it."
    )
  })))
