import { randomBytes } from "node:crypto"
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync
} from "node:fs"
import { dirname } from "node:path"
import { SecretBytes } from "@trent/crypto"
import { Effect, Option, Result } from "effect"
import { decodeRootKey, rootKeyLength } from "./decodeRootKey.ts"
import { RootKeyError } from "./RootKeyError.ts"

const errorCode = (error: unknown): string =>
  (error as { readonly code?: string }).code ?? (error instanceof Error ? error.message : String(error))

// Any permission bit for group or others: such a file is not the owner's alone.
const groupOrOtherBits = 0o077

const ownerOnly = (mode: number): boolean => process.platform === "win32" || (mode & groupOrOtherBits) === 0

/**
 * Reads a root key file (base64 text). Refuses a file that group or others may
 * access, after OpenSSH's rule for private keys: the check is made on the open
 * descriptor, so the file cannot be swapped between the check and the read.
 */
export const readRootKeyFile = (path: string): Effect.Effect<SecretBytes, RootKeyError> =>
  Effect.suspend(() => {
    let fd: number
    try {
      fd = openSync(path, "r")
    } catch (error) {
      return Effect.fail(new RootKeyError({ message: `cannot open the root key file ${path} (${errorCode(error)})` }))
    }
    try {
      const stat = fstatSync(fd)
      if (!stat.isFile()) return Effect.fail(new RootKeyError({ message: `the root key file ${path} is not a regular file` }))
      if (!ownerOnly(stat.mode)) {
        const mode = (stat.mode & 0o777).toString(8).padStart(4, "0")
        return Effect.fail(
          new RootKeyError({
            message: `refusing the root key file ${path}: group or others may access it (mode ${mode}); run chmod 600 ${path}`
          })
        )
      }
      return Result.match(decodeRootKey(readFileSync(fd, "utf8"), `the root key file ${path}`), {
        onSuccess: Effect.succeed,
        onFailure: Effect.fail
      })
    } catch (error) {
      return Effect.fail(new RootKeyError({ message: `cannot read the root key file ${path} (${errorCode(error)})` }))
    } finally {
      closeSync(fd)
    }
  })

/**
 * Creates `path` holding a fresh random root key, unless it exists already
 * (then None: read it instead, and let the read report what is wrong with
 * it). The key is written in full to a temporary file (0600, in a 0700
 * directory) and then hard-linked into place, which fails if another process
 * got there first: a reader never sees a half-written key.
 * The file and the directory are fsynced, because a key lost to a power cut
 * after KEKs were wrapped under it loses every key of the Region.
 */
export const createRootKeyFile = (path: string): Effect.Effect<Option.Option<SecretBytes>, RootKeyError> =>
  Effect.try({
    try: () => {
      if (existsSync(path)) return Option.none()
      const dir = dirname(path)
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      const temporary = `${path}.${randomBytes(8).toString("hex")}.tmp`
      const bytes = randomBytes(rootKeyLength)
      const key = SecretBytes.copy(bytes)
      const fd = openSync(temporary, "wx", 0o600)
      try {
        try {
          writeSync(fd, `${bytes.toString("base64")}\n`)
          fsyncSync(fd)
        } finally {
          closeSync(fd)
          bytes.fill(0)
        }
        linkSync(temporary, path)
      } catch (error) {
        key.destroy()
        // Another process created the file between our check and our link: use theirs.
        if (errorCode(error) === "EEXIST") return Option.none()
        throw error
      } finally {
        unlinkSync(temporary)
      }
      syncDirectory(dir)
      return Option.some(key)
    },
    catch: (error) => new RootKeyError({ message: `cannot create the root key file ${path} (${errorCode(error)})` })
  })

const syncDirectory = (dir: string): void => {
  // Not every platform can open a directory for fsync (Windows cannot); there the new link is as durable as the platform makes it.
  let fd: number | undefined
  try {
    fd = openSync(dir, "r")
    fsyncSync(fd)
  } catch {
    // best effort, see above
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
