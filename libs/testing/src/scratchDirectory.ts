import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/**
 * A temporary directory removed after the test file's last test, and fresh
 * paths inside it (each in a subdirectory of its own, so that a store's
 * directory creation is exercised too). `afterAll` is the test runner's hook
 * (vitest's), so that this kit itself depends on no runner.
 */
export const scratchDirectory = (prefix: string, afterAll: (cleanup: () => void) => void) => {
  const root = mkdtempSync(join(tmpdir(), `trent-${prefix}-`))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  let count = 0
  return {
    root,
    fresh: (name: string): string => {
      count += 1
      return join(root, `case-${count}`, name)
    }
  }
}
