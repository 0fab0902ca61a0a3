import { describe, expect, it } from "vitest"
import { runCli } from "../testing/runCli.test-support.ts"

/** Every command path of the tree: each must answer --help. */
const commandPaths = [
  [],
  ["serve"],
  ["keys"],
  ["keys", "list"],
  ["keys", "describe"],
  ["keys", "history"],
  ["encrypt"],
  ["decrypt"],
  ["log"],
  ["log", "inspect"]
]

const expectOneLine = (stderr: string) => {
  expect(stderr.trimEnd().split("\n")).toHaveLength(1)
  expect(stderr).toMatch(/^trent: /)
  expect(stderr).not.toMatch(/\bat .*\.ts:\d+/)
}

describe("trent's command line", () => {
  it.each(commandPaths)("answers --help for 'trent %s' on stdout with exit 0, documenting the exit codes", async (...path) => {
    const run = await runCli([...path, "--help"])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("USAGE")
    expect(run.stdout).toContain("EXIT CODES\n  0 success; 1 the operation failed")
    expect(run.stderr).toBe("")
  })

  it("prints its version", async () => {
    const run = await runCli(["--version"])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^trent v\d+\.\d+\.\d+/)
  })

  it.each([
    [["keys", "list", "--bogus"], "unknown flag --bogus"],
    [["keys", "lsit"], 'unknown command "lsit" (did you mean list?)'],
    [["keys", "history"], "Missing required argument: key"],
    [["encrypt", "in.txt", "out.enc"], "Missing required flag: --key"],
    [["keys", "history", "alias/x", "--at", "yesterday"], "--at 'yesterday' is neither ISO 8601 nor epoch milliseconds"],
    [["keys", "history", "not-a-key"], "'not-a-key' is not a key id, key ARN, alias name or alias ARN"],
    [["keys", "list", "--endpoint", "ftp://x"], "--endpoint 'ftp://x' is not an http(s) URL"],
    [["decrypt", "a", "b", "--context", "novalue"], "Invalid value for flag --context"],
    [["serve", "--port", "not-a-port"], "invalid configuration in the command line"],
    [["serve", "--porrt", "1"], "unknown flag --porrt (see 'trent serve --help')"],
    [["serve", "--store", "kafka"], "the kafka store needs brokers"]
  ])("rejects %j as a usage error: exit 2 and one line on stderr", async (args, message) => {
    const run = await runCli(args)
    expect(run.code).toBe(2)
    expectOneLine(run.stderr)
    expect(run.stderr).toContain(message)
    expect(run.stdout).toBe("")
  })

  it("answers a command group without its command with exit 2 and one line naming the choices", async () => {
    const run = await runCli(["keys"])
    expect(run.code).toBe(2)
    expectOneLine(run.stderr)
    expect(run.stderr).toContain("missing command after 'trent keys': one of list, describe, history")
  })

  it("takes --debug anywhere on the line, and then prints the whole cause after the line", async () => {
    const run = await runCli(["keys", "history", "not-a-key", "--debug"])
    expect(run.code).toBe(2)
    expect(run.stderr.split("\n")[0]).toBe("trent: 'not-a-key' is not a key id, key ARN, alias name or alias ARN")
    expect(run.stderr.split("\n").length).toBeGreaterThan(2)
  })
})
