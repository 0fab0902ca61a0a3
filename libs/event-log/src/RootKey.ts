import { existsSync } from "node:fs"
import { join } from "node:path"
import type { SecretBytes } from "@trent/crypto"
import { Context, Effect, Layer, Option, Result, type Scope } from "effect"
import { decodeRootKey } from "./decodeRootKey.ts"
import type { RootKeyApi } from "./RootKeyApi.ts"
import { RootKeyError } from "./RootKeyError.ts"
import { createRootKeyFile, readRootKeyFile } from "./RootKeyFile.ts"
import { parsePkcs11RootKeyUri } from "./Pkcs11RootKeyUri.ts"
import { softwareRootKey } from "./SoftwareRootKey.ts"

export interface RootKeyOptions {
  /** The Region's data directory; the default key file is `${dataDir}/root.key`. */
  readonly dataDir: string
  /** Files in `dataDir` that exist once the Region has started: then a missing key file is lost, and none is created. */
  readonly stateFiles?: ReadonlyArray<string>
  /**
   * What the Region's stores already hold (for example "42 events in its log"), when they hold
   * anything: a store outside `dataDir` (Kafka topics) proves the Region started as well as files do.
   */
  readonly storedState?: string | undefined
  /** Defaults to process.env. */
  readonly env?: Record<string, string | undefined>
}

const fromEnv = (env: Record<string, string | undefined>, name: string): Option.Option<string> =>
  Option.fromUndefinedOr(env[name])

const loadRootKey = Effect.fnUntraced(function*(options: RootKeyOptions) {
  const env = options.env ?? process.env
  const inline = fromEnv(env, "TRENT_ROOT_KEY")
  if (Option.isSome(inline)) {
    // An empty value is a misconfiguration (an unset secret in a compose file), not a request for the default.
    if (inline.value.trim() === "") return yield* new RootKeyError({ message: "TRENT_ROOT_KEY is set but empty" })
    return yield* Result.match(decodeRootKey(inline.value, "TRENT_ROOT_KEY"), { onSuccess: Effect.succeed, onFailure: Effect.fail })
  }
  const file = fromEnv(env, "TRENT_ROOT_KEY_FILE")
  if (Option.isSome(file)) {
    if (file.value === "") return yield* new RootKeyError({ message: "TRENT_ROOT_KEY_FILE is set but empty" })
    return yield* readRootKeyFile(file.value)
  }
  const path = join(options.dataDir, "root.key")
  const state = [
    ...(options.stateFiles ?? []).filter((name) => existsSync(join(options.dataDir, name))),
    ...(options.storedState === undefined ? [] : [options.storedState])
  ]
  if (!existsSync(path) && state.length > 0) {
    return yield* new RootKeyError({
      message: `the root key file ${path} is missing, but the Region has data (${state.join(", ")}): restore root.key from its backup ` +
        "or name it with TRENT_ROOT_KEY_FILE; a new root key cannot open the keys wrapped under the old one"
    })
  }
  const created = yield* createRootKeyFile(path)
  if (Option.isNone(created)) return yield* readRootKeyFile(path)
  yield* Effect.logInfo(
    `created a new root key at ${path}; back it up and keep it private: without it no key of this Region can be used`
  )
  return created.value
})

/**
 * The PKCS#11 root key's module, loaded only when a pkcs11: URI asks for it: pkcs11js is a native
 * addon, and an installation built without install scripts (the container image: `npm ci
 * --ignore-scripts`) has none, which must not stop a server on a file root key from starting.
 */
const loadPkcs11RootKey = Effect.tryPromise({
  try: () => import("./Pkcs11RootKey.ts"),
  catch: (cause) =>
    new RootKeyError({
      message: `PKCS#11 root keys need the pkcs11js native addon, which this installation lacks (${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)}): ` +
        "run `npm rebuild pkcs11js` where a C++ toolchain is installed"
    })
})

/** The software root key's bytes, zeroed when the scope closes. */
export const acquireSoftwareRootKeyBytes = (options: RootKeyOptions): Effect.Effect<SecretBytes, RootKeyError, Scope.Scope> =>
  Effect.acquireRelease(loadRootKey(options), (key) => Effect.sync(() => key.destroy()))

/**
 * The Region's root key (AES-256): it wraps the per-key KEKs in the keyvault
 * and lives outside both the log and the keyvault.
 */
export class RootKey extends Context.Service<RootKey, RootKeyApi>()("@trent/event-log/RootKey") {
  /**
   * Loads the key from the first source that is set: TRENT_ROOT_KEY (base64 of
   * 32 bytes), then TRENT_ROOT_KEY_FILE (a file holding that base64), then
   * `${dataDir}/root.key`, which is created with a random key on first start
   * (mode 0600, directories 0700) — the embedded default that makes
   * `npm start` just work. Key files others can read are refused. The bytes
   * are zeroed when the layer is released.
   */
  static layer(options: RootKeyOptions): Layer.Layer<RootKey, RootKeyError> {
    return Layer.effect(
      RootKey,
      Effect.suspend(() => {
        const env = options.env ?? process.env
        // TRENT_ROOT_KEY_SOURCE (the server's --root-key): a pkcs11: URI puts the root key in an HSM.
        const source = env["TRENT_ROOT_KEY_SOURCE"]
        if (source === undefined || source === "" || source === "file") return Effect.map(acquireSoftwareRootKeyBytes(options), softwareRootKey)
        return Result.match(parsePkcs11RootKeyUri(source, env), {
          onSuccess: (pkcs11) => Effect.flatMap(loadPkcs11RootKey, ({ acquirePkcs11RootKey }) => acquirePkcs11RootKey(pkcs11)),
          onFailure: Effect.fail
        })
      })
    )
  }

  /** A fixed key; the caller keeps ownership of it. */
  static layerTest(key: SecretBytes): Layer.Layer<RootKey> {
    return Layer.succeed(RootKey, softwareRootKey(key))
  }
}
