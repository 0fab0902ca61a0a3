import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"

/**
 * Test helper: a temporary directory removed after the test file's last test,
 * and fresh paths inside it (each in a subdirectory of its own, so that the
 * stores' directory creation is exercised too).
 */
export const scratchDirectory = (prefix: string) => {
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
