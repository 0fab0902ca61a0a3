import { chmodSync, closeSync, openSync } from "node:fs"

/**
 * Makes `file` exist, readable and writable by its owner alone (0600), before
 * SQLite opens it: SQLite would create it with the process umask (0644 by
 * default), and gives its -wal and -shm files the database file's own
 * permissions (the unix VFS's findCreateFileMode), so these inherit 0600 as
 * well. An older file with a looser mode is tightened.
 */
export const createOwnerOnly = (file: string): void => {
  closeSync(openSync(file, "a", 0o600))
  if (process.platform !== "win32") chmodSync(file, 0o600)
}
