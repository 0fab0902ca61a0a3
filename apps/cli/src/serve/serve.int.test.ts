import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { CreateKeyCommand, KMSClient, ListKeysCommand } from "@aws-sdk/client-kms"
import { fromIni } from "@aws-sdk/credential-provider-ini"
import { serverFlagNames } from "@trent/server"
import { describe, expect, it } from "vitest"
import { cliMain, runCli, runCliProcess } from "../testing/runCli.test-support.ts"
import { listeningUrl } from "../testing/trentServer.test-support.ts"

const withDataDir = async <A>(use: (dataDir: string) => Promise<A>): Promise<A> => {
  const dataDir = mkdtempSync(join(tmpdir(), "trent-serve-"))
  try {
    return await use(dataDir)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

describe("trent serve", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("serves the KMS API as npm start does, and on %s drains, closes and exits 0", (signal) =>
    withDataDir(async (dataDir) => {
      const child = spawn(process.execPath, [cliMain, "serve", "--port", "0", "--data-dir", dataDir, "--regions", "us-east-1"], {
        stdio: ["ignore", "pipe", "inherit"]
      })
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
      const url = await listeningUrl(child)
      const kms = new KMSClient({ endpoint: url, region: "us-east-1", credentials: fromIni({ filepath: join(dataDir, "credentials") }) })
      try {
        const created = await kms.send(new CreateKeyCommand({}))
        const listed = await kms.send(new ListKeysCommand({}))
        expect(listed.Keys?.map((key) => key.KeyId)).toEqual([created.KeyMetadata?.KeyId])
      } finally {
        kms.destroy()
      }
      child.kill(signal)
      expect(await exited).toBe(0)
    }))

  it("refuses, with --workers 2, a data directory that lost its keyvault: exit 1 and one line naming it", () =>
    withDataDir(async (dataDir) => {
      const child = spawn(process.execPath, [cliMain, "serve", "--workers", "1", "--port", "0", "--data-dir", dataDir, "--regions", "us-east-1"], {
        stdio: ["ignore", "pipe", "inherit"]
      })
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
      const kms = new KMSClient({ endpoint: await listeningUrl(child), region: "us-east-1", credentials: fromIni({ filepath: join(dataDir, "credentials") }) })
      try {
        await kms.send(new CreateKeyCommand({}))
      } finally {
        kms.destroy()
      }
      child.kill("SIGTERM")
      expect(await exited).toBe(0)
      for (const file of ["keyvault.db", "keyvault.db-wal", "keyvault.db-shm"]) rmSync(join(dataDir, "us-east-1", file), { force: true })
      const publicKey = readFileSync(join(dataDir, "us-east-1", "audit-public-key.pem"), "utf8")
      const run = await runCliProcess(["serve", "--workers", "2", "--port", "0", "--data-dir", dataDir, "--regions", "us-east-1", "--log-level", "none"])
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/^trent: Region us-east-1's keyvault \(.*keyvault\.db\) is missing: its event log holds keys.*\n$/)
      expect(run.stderr.split("\n")).toHaveLength(2)
      // Nothing was made anew: the audit public key is untouched, and the next start refuses the same way.
      expect(readFileSync(join(dataDir, "us-east-1", "audit-public-key.pem"), "utf8")).toBe(publicKey)
      const again = await runCliProcess(["serve", "--workers", "2", "--port", "0", "--data-dir", dataDir, "--regions", "us-east-1", "--log-level", "none"])
      expect([again.code, again.stderr]).toEqual([1, run.stderr])
    }), 60_000)

  it("fails with exit 1 and one line when the port is taken", () =>
    withDataDir(async (dataDir) => {
      const holder = createServer()
      await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve))
      const { port } = holder.address() as { port: number }
      try {
        const run = await runCliProcess(["serve", "--port", String(port), "--data-dir", dataDir, "--log-level", "none"])
        expect(run.code).toBe(1)
        expect(run.stderr).toBe(`trent: cannot listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n`)
      } finally {
        holder.close()
      }
    }))

  it("refuses a bad seed file before starting anything: exit 2, one line naming what is wrong", () =>
    withDataDir(async (dataDir) => {
      const seed = join(dataDir, "seed.yaml")
      writeFileSync(seed, "Keys:\n  - KeyId: 11111111-2222-4333-8444-555555555555\n    Aliasses: [alias/x]\n")
      const run = await runCliProcess(["serve", "--port", "0", "--data-dir", join(dataDir, "data"), "--seed", seed])
      expect(run.code).toBe(2)
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1)
      expect(run.stderr).toMatch(/^trent: invalid seed file .*seed\.yaml: Expected no excess property at \["Keys"\]\[0\]\["Aliasses"\]/)
      expect(existsSync(join(dataDir, "data"))).toBe(false)
    }))

  it("documents every server flag of the README's configuration table in its --help", async () => {
    const readme = readFileSync(fileURLToPath(new URL("../../../../README.md", import.meta.url)), "utf8")
    const table = readme.slice(readme.indexOf("### Configuration"), readme.indexOf("The root key of each Region"))
    const flags = [...table.matchAll(/^\| `(--[a-z-]+)`/gm)].map((match) => match[1]!)
    expect(flags.length).toBeGreaterThan(10)
    const help = (await runCli(["serve", "--help"])).stdout
    for (const flag of [...flags, "--config", "--kafka-topic-prefix"]) expect(help, flag).toContain(`  ${flag}`)
    // And every flag the server takes is in both: the table and --help never fall behind ServerConfig.
    for (const flag of serverFlagNames) {
      if (flag !== "--config") expect(flags, `README row for ${flag}`).toContain(flag)
      expect(help, `--help line for ${flag}`).toContain(`  ${flag}`)
    }
  })
})
