import { execFile } from "node:child_process"
import { generateKeyPairSync } from "node:crypto"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { delimiter, join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { afterAll, describe, expect, it } from "vitest"

const run = promisify(execFile)
const checkout = fileURLToPath(new URL("../../../..", import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), "trent-bin-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

// The caller's PATH without the checkout's node_modules/.bin (which vitest, run through npx, has first):
// a user's shell elsewhere has the machine's own node, perhaps older than 24.
const callerPath = (process.env["PATH"] ?? "").split(delimiter).filter((dir) => !dir.startsWith(checkout)).join(delimiter)

describe("the trent bin", () => {
  it("runs as `npx trent` from a directory outside the checkout, resolving relative paths against it", async () => {
    // `npm link` in the checkout (the README's one-time step), into a scratch global prefix.
    const prefix = join(scratch, "global")
    const env = { ...process.env, PATH: callerPath, npm_config_prefix: prefix, npm_config_update_notifier: "false" }
    await run("npm", ["link", "--no-audit", "--no-fund"], { cwd: checkout, env })

    const project = join(scratch, "elsewhere")
    mkdirSync(join(project, "data", "us-east-1"), { recursive: true })
    const pem = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString()
    writeFileSync(join(project, "data", "us-east-1", "audit-public-key.pem"), pem)

    const { stdout } = await run("npx", ["--no-install", "trent", "audit", "public-key", "--data-dir", "./data"], { cwd: project, env })
    expect(stdout.trim()).toBe(pem.trim())

    const missing = await run("npx", ["--no-install", "trent", "audit", "public-key", "--data-dir", "./nope"], { cwd: project, env })
      .then(() => undefined, (error: { code: number; stderr: string }) => error)
    expect(missing?.code).toBe(1)
    expect(missing?.stderr.trim()).toBe("trent: cannot read the public key nope/us-east-1/audit-public-key.pem")
  })
})
