import { createHash, randomBytes } from "node:crypto"
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { open } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CreateAliasCommand, CreateKeyCommand, DisableKeyCommand } from "@aws-sdk/client-kms"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCliProcess } from "../testing/runCli.test-support.ts"
import { startTrentServer, type TrentServer } from "../testing/trentServer.test-support.ts"

let server: TrentServer
let dir: string
const file = (name: string) => join(dir, name)

beforeAll(async () => {
  server = await startTrentServer()
  dir = mkdtempSync(join(tmpdir(), "trent-envelope-"))
  const key = (await server.kms.send(new CreateKeyCommand({ Description: "files" }))).KeyMetadata!
  await server.kms.send(new CreateAliasCommand({ AliasName: "alias/files", TargetKeyId: key.KeyId }))
})
afterAll(async () => {
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
})

const encrypt = (input: string, output: string, ...flags: Array<string>) =>
  runCliProcess(["encrypt", "--key", "alias/files", input, output, ...flags, ...server.cliFlags])
const decrypt = (input: string, output: string, ...flags: Array<string>) =>
  runCliProcess(["decrypt", input, output, ...flags, ...server.cliFlags])

const sha256 = (path: string) =>
  new Promise<string>((resolve, reject) => {
    const hash = createHash("sha256")
    createReadStream(path).on("data", (chunk) => hash.update(chunk)).on("end", () => resolve(hash.digest("hex"))).on("error", reject)
  })

/** Writes `bytes` random bytes in 1 MiB pieces: the test itself never holds the file either. */
const randomFile = async (path: string, bytes: number) => {
  const handle = await open(path, "w")
  for (let written = 0; written < bytes; written += 1 << 20) await handle.write(randomBytes(Math.min(1 << 20, bytes - written)))
  await handle.close()
}

describe("trent encrypt and decrypt, round trips through a running Trent", () => {
  it.each([["an empty", 0], ["a 1-byte", 1], ["a 5 MB", 5_000_000]])("returns %s file byte for byte", async (label, bytes) => {
    const name = label.replace(/\W/g, "")
    writeFileSync(file(name), randomBytes(bytes))
    const encrypted = await encrypt(file(name), file(`${name}.enc`), "--context", "purpose=test")
    expect(encrypted).toMatchObject({ code: 0, stderr: "" })
    expect(statSync(file(`${name}.enc`)).size).toBeGreaterThan(bytes)
    const decrypted = await decrypt(file(`${name}.enc`), file(`${name}.out`), "--context", "purpose=test")
    expect(decrypted).toMatchObject({ code: 0, stderr: "" })
    expect(readFileSync(file(`${name}.out`)).equals(readFileSync(file(name)))).toBe(true)
    expect(existsSync(file(`${name}.out.partial`))).toBe(false)
    expect(statSync(file(`${name}.out`)).mode & 0o777).toBe(0o600)
  })

  it("streams standard input to standard output with -", async () => {
    const message = randomBytes(70_000)
    const encrypted = await runCliProcess(["encrypt", "--key", "alias/files", "-", "-", ...server.cliFlags], { stdin: message })
    expect(encrypted.code).toBe(0)
    const decrypted = await runCliProcess(["decrypt", "-", "-", ...server.cliFlags], { stdin: encrypted.stdoutBytes })
    expect(decrypted.code).toBe(0)
    expect(decrypted.stdoutBytes.equals(message)).toBe(true)
  })

  it("refuses to decrypt under the wrong encryption context: exit 1, one line, no output file", async () => {
    writeFileSync(file("ctx"), "secret")
    expect((await encrypt(file("ctx"), file("ctx.enc"), "--context", "stage=prod")).code).toBe(0)
    const run = await decrypt(file("ctx.enc"), file("ctx.out"), "--context", "stage=dev")
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`trent: cannot decrypt ${file("ctx.enc")}: the encryption context does not match: stage is "prod" (expected "dev")\n`)
    expect(existsSync(file("ctx.out"))).toBe(false)
    expect(existsSync(file("ctx.out.partial"))).toBe(false)
  })

  it("fails with exit 1 and one line on a missing input file, writing nothing", async () => {
    const run = await encrypt(file("missing"), file("missing.enc"))
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`trent: cannot read ${file("missing")}: no such file or directory\n`)
    expect(existsSync(file("missing.enc.partial"))).toBe(false)
  })

  it("fails with exit 1 on a tampered message and removes the partial output", async () => {
    writeFileSync(file("tamper"), randomBytes(300_000))
    expect((await encrypt(file("tamper"), file("tamper.enc"))).code).toBe(0)
    const bytes = readFileSync(file("tamper.enc"))
    bytes[bytes.length - 200_000]! ^= 1
    writeFileSync(file("tamper.enc"), bytes)
    const run = await decrypt(file("tamper.enc"), file("tamper.out"))
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^trent: cannot decrypt .*tamper\.enc: the file was altered or is damaged: .+\n$/)
    expect(run.stderr).not.toMatch(/Unsupported state|unable to authenticate/)
    expect(existsSync(file("tamper.out"))).toBe(false)
    expect(existsSync(file("tamper.out.partial"))).toBe(false)
  })

  it("fails with exit 1 naming AWS's error when the key does not exist", async () => {
    writeFileSync(file("nokey"), "x")
    const run = await runCliProcess(["encrypt", "--key", "alias/none", file("nokey"), file("nokey.enc"), ...server.cliFlags])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("NotFoundException: Alias arn:aws:kms:us-east-1:111122223333:alias/none is not found.")
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1)
  })

  it("fails with one line, no stack, when the key that made the file is disabled", async () => {
    const key = (await server.kms.send(new CreateKeyCommand({ Description: "soon disabled" }))).KeyMetadata!
    writeFileSync(file("disabled"), "x")
    expect((await runCliProcess(["encrypt", "--key", key.KeyId!, file("disabled"), file("disabled.enc"), ...server.cliFlags])).code).toBe(0)
    await server.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }))
    const run = await decrypt(file("disabled.enc"), file("disabled.out"))
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`trent: cannot decrypt ${file("disabled.enc")}: Trent did not decrypt the file's data key: DisabledException: ${key.Arn} is disabled.\n`)
  })

  it("exits 2 on bad flags, as a process", async () => {
    const run = await runCliProcess(["encrypt", file("a"), file("b"), "--kye", "alias/files"])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe("trent: unknown flag --kye (did you mean --key?) (see 'trent encrypt --help')\n")
  })
})

describe("a 200 MiB file", () => {
  const size = 200 * 1024 * 1024
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0)

  /** Runs the CLI under /usr/bin/time -v: its peak RSS, and its wall time (process start included). */
  const measure = async (args: Array<string>) => {
    const started = performance.now()
    const run = await runCliProcess([...args, ...server.cliFlags], { measureMemory: true })
    expect(run).toMatchObject({ code: 0, stderr: "" })
    return { rss: run.maxRssBytes!, seconds: (performance.now() - started) / 1000 }
  }

  it("round-trips with the CLI's peak memory growing by far less than the file's size", async () => {
    writeFileSync(file("small"), "")
    await randomFile(file("large"), size)
    const emptyEncrypt = await measure(["encrypt", "--key", "alias/files", file("small"), file("small.enc")])
    const emptyDecrypt = await measure(["decrypt", file("small.enc"), file("small.out")])
    const encrypted = await measure(["encrypt", "--key", "alias/files", file("large"), file("large.enc")])
    const decrypted = await measure(["decrypt", file("large.enc"), file("large.out")])
    expect(await sha256(file("large.out"))).toBe(await sha256(file("large")))

    // Throughput net of process start and the KMS call, which the empty-file run measures.
    const rate = (run: { seconds: number }, empty: { seconds: number }) => (200 / (run.seconds - empty.seconds)).toFixed(0)
    console.log(
      `[memory] 200 MiB file: encrypt peak RSS ${mib(encrypted.rss)} MiB (empty file: ${mib(emptyEncrypt.rss)} MiB), ` +
        `decrypt ${mib(decrypted.rss)} MiB (empty file: ${mib(emptyDecrypt.rss)} MiB); throughput net of start-up: ` +
        `encrypt ${rate(encrypted, emptyEncrypt)} MiB/s, decrypt ${rate(decrypted, emptyDecrypt)} MiB/s ` +
        `(wall ${encrypted.seconds.toFixed(1)} s and ${decrypted.seconds.toFixed(1)} s)`
    )
    // The runtime's own footprint (Node, Effect, the AWS SDKs) is the empty file's; what the file adds is what
    // streaming bounds — a few stream buffers and not-yet-collected garbage, whatever the file's size.
    expect(encrypted.rss - emptyEncrypt.rss).toBeLessThan(size / 2)
    expect(decrypted.rss - emptyDecrypt.rss).toBeLessThan(size / 2)
  })
})
