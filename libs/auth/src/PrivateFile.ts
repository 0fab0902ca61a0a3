import { randomBytes } from "node:crypto"
import {
  closeSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync
} from "node:fs"
import { dirname } from "node:path"

/**
 * Files that hold secrets and only their owner may read: created 0600 in
 * directories created 0700, written whole to a temporary file and moved into
 * place, so that no reader ever sees half a file.
 */

export const errorCode = (error: unknown): string =>
  (error as { readonly code?: string }).code ?? (error instanceof Error ? error.name : "unknown error")

// Any permission bit for group or others: such a file is not the owner's alone.
const groupOrOtherBits = 0o077

export type PrivateFileRead =
  | { readonly _tag: "Read"; readonly text: string }
  | { readonly _tag: "Missing" }
  | { readonly _tag: "Refused"; readonly reason: string }

/**
 * Reads a file only its owner may access. The mode is checked on the open
 * descriptor (OpenSSH's rule for private keys), so the file cannot be swapped
 * between the check and the read. Throws on other I/O errors.
 */
export const readPrivateFile = (path: string): PrivateFileRead => {
  let fd: number
  try {
    fd = openSync(path, "r")
  } catch (error) {
    if (errorCode(error) === "ENOENT") return { _tag: "Missing" }
    throw error
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { _tag: "Refused", reason: "it is not a regular file" }
    if (process.platform !== "win32" && (stat.mode & groupOrOtherBits) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, "0")
      return { _tag: "Refused", reason: `group or others may access it (mode ${mode}); run chmod 600 ${path}` }
    }
    return { _tag: "Read", text: readFileSync(fd, "utf8") }
  } finally {
    closeSync(fd)
  }
}

const syncDirectory = (dir: string): void => {
  // Not every platform can open a directory for fsync (Windows cannot); there the entry is as durable as it makes it.
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

const writeTemporary = (path: string, text: string): string => {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  const temporary = `${path}.${randomBytes(8).toString("hex")}.tmp`
  const fd = openSync(temporary, "wx", 0o600)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return temporary
}

/**
 * Creates `path` with `text` unless it exists (then false, and nothing is
 * written): the temporary file is hard-linked into place, which fails if
 * another process got there first, where a rename would silently replace it.
 */
export const createPrivateFile = (path: string, text: string): boolean => {
  const temporary = writeTemporary(path, text)
  try {
    linkSync(temporary, path)
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false
    throw error
  } finally {
    unlinkSync(temporary)
  }
  syncDirectory(dirname(path))
  return true
}

/** Writes `path` with `text`, replacing any earlier file atomically (temporary file + rename). */
export const replacePrivateFile = (path: string, text: string): void => {
  const temporary = writeTemporary(path, text)
  try {
    renameSync(temporary, path)
  } catch (error) {
    unlinkSync(temporary)
    throw error
  }
  syncDirectory(dirname(path))
}
