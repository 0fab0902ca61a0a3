import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process"
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dockerfileInstructions, envOf, execForm, only, repoRoot } from "./dockerfile.test-support.ts"

/**
 * There is no Docker engine on the machines that run the tests, so this builds
 * the image's filesystem without one: a scratch directory stands for the
 * image's `/`, the Dockerfile's COPY and RUN steps run there as `docker build`
 * runs them (as root, `npm ci` against the committed lockfile), and then the
 * container's life runs as the runtime user: compose's root-key service, the
 * server on the /data it must write, the HEALTHCHECK, and `docker stop`'s
 * SIGTERM. A missing lockfile entry, a root-owned /data or a key the user
 * cannot read fail here as they would in the image.
 */
const instructions = dockerfileInstructions()
// The node user of the official node images (`USER node`) is uid/gid 1000.
const NODE_UID = 1000
const asRoot = process.getuid?.() === 0
const runtimeUid = asRoot ? NODE_UID : process.getuid!()
const nodeBin = dirname(process.execPath)
let scratch: string
let workdir: string

/** An image path (`/data`) inside the scratch root. */
const inImage = (path: string) => join(scratch, path)
const mapPaths = (command: string) => command.replace(/(^|\s)(\/[A-Za-z][^\s;&|]*)/g, (_, space: string, path: string) => `${space}${inImage(path)}`)

/** Runs as the image's runtime user (setpriv when the test runs as root, as a container would). */
const asRuntimeUser = (argv: ReadonlyArray<string>): [string, Array<string>] =>
  asRoot ? ["setpriv", ["--reuid", String(NODE_UID), "--regid", String(NODE_UID), "--clear-groups", ...argv]] : [argv[0]!, [...argv.slice(1)]]

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "trent-image-"))
  // The image's / is root's and world-traversable, as in node:24-slim.
  chmodSync(scratch, 0o755)
  const [workdirPath] = only(instructions, "WORKDIR")
  workdir = inImage(workdirPath!)
  mkdirSync(workdir, { recursive: true })
  // COPY . . : what a clean clone holds (the build context; .dockerignore excludes nothing tracked but secrets' dirs).
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8" }).split("\n").filter((f) => f !== "")
  for (const file of files) if (existsSync(join(repoRoot, file))) cpSync(join(repoRoot, file), join(workdir, file), { recursive: true })
  for (const command of only(instructions, "RUN")) {
    const mapped = mapPaths(command).replace(/-o node -g node/g, `-o ${runtimeUid} -g ${runtimeUid}`)
    const run = spawnSync("sh", ["-c", mapped], { cwd: workdir, encoding: "utf8", env: { ...process.env, PATH: `${nodeBin}:${process.env["PATH"]}` } })
    if (run.status !== 0) throw new Error(`RUN ${command} failed (${run.status}):\n${run.stdout}\n${run.stderr}`)
  }
}, 600_000)
afterAll(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true })
})

describe("the image's filesystem, built without Docker", () => {
  it("gives /data and /keys to the runtime user, private", () => {
    expect(only(instructions, "USER")).toEqual(["node"])
    for (const dir of ["/data", "/keys"]) {
      const stat = statSync(inImage(dir))
      expect([stat.uid, stat.mode & 0o777]).toEqual([runtimeUid, 0o700])
    }
  })

  it("runs compose's root-key service, then the server as the runtime user until ready, and stops it cleanly on SIGTERM", async () => {
    const port = await freePort()
    const env = {
      PATH: `${nodeBin}:/usr/bin:/bin`,
      ...envOf(instructions),
      TRENT_HOST: "127.0.0.1",
      TRENT_PORT: String(port),
      TRENT_DATA_DIR: inImage(envOf(instructions)["TRENT_DATA_DIR"]!),
      TRENT_ROOT_KEY_FILE: join(inImage("/keys"), "root.key"),
      TRENT_WORKERS: "1"
    }
    const [keyCommand, keyArgs] = asRuntimeUser(["node", "apps/server/src/ensureRootKey.ts", inImage("/keys")])
    const made = spawnSync(keyCommand, keyArgs, { cwd: workdir, env, encoding: "utf8" })
    expect(made.stderr).toBe("")
    expect(made.stdout).toMatch(/root key ready at /)
    expect(statSync(env.TRENT_ROOT_KEY_FILE).mode & 0o777).toBe(0o600)

    const [command, args] = asRuntimeUser(execForm(only(instructions, "CMD")[0]!))
    const server: ChildProcess = spawn(command, args, { cwd: workdir, env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()))
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)))
    try {
      const [probeCommand, probeArgs] = asRuntimeUser(execForm(only(instructions, "HEALTHCHECK")[0]!))
      let healthy = false
      for (let attempt = 0; attempt < 120 && !healthy && server.exitCode === null; attempt++) {
        healthy = spawnSync(probeCommand, probeArgs, { cwd: workdir, env, encoding: "utf8" }).status === 0
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 500))
      }
      expect(healthy, output).toBe(true)
      expect(existsSync(join(env.TRENT_DATA_DIR, "us-east-1"))).toBe(true)
    } finally {
      server.kill("SIGTERM")
    }
    expect(await exited, output).toBe(0)
  }, 120_000)
})
