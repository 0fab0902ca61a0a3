import { Cause, Exit } from "effect"
import { CliError } from "effect/cli"
import { describe, expect, it } from "vitest"
import { OperationFailed, UsageError } from "./CliFailure.ts"
import { reportExit } from "./reportExit.ts"

const quiet = { debug: false, interruptIsSuccess: false }

describe("reportExit", () => {
  it("is 0 and silent on success", () => {
    expect(reportExit(Exit.succeed(undefined), quiet)).toEqual({ code: 0, stderr: [] })
  })

  it("is 1 with the failure's one line when the operation failed", () => {
    const exit = Exit.fail(new OperationFailed({ message: "NotFoundException: Key 'x' does not exist" }))
    expect(reportExit(exit, quiet)).toEqual({ code: 1, stderr: ["trent: NotFoundException: Key 'x' does not exist"] })
  })

  it("is 2 for a usage error, and 2 without a second line for a parse error the presenter already showed", () => {
    expect(reportExit(Exit.fail(new UsageError({ message: "bad --at" })), quiet)).toEqual({ code: 2, stderr: ["trent: bad --at"] })
    expect(reportExit(Exit.fail(new CliError.ShowHelp({ commandPath: ["trent"], errors: [] })), quiet)).toEqual({ code: 2, stderr: [] })
  })

  it("says a defect is an internal error, in one line that points at --debug", () => {
    const { code, stderr } = reportExit(Exit.die(new TypeError("x is undefined\n  at somewhere")), quiet)
    expect(code).toBe(1)
    expect(stderr).toEqual(["trent: internal error: x is undefined; at somewhere (run again with --debug for the stack trace)"])
  })

  it("adds the whole cause after the line with --debug", () => {
    const { stderr } = reportExit(Exit.fail(new OperationFailed({ message: "boom" })), { ...quiet, debug: true })
    expect(stderr[0]).toBe("trent: boom")
    expect(stderr[1]).toContain("OperationFailed")
  })

  it("is 130 when interrupted, but 0 for serve, whose normal stop is a signal", () => {
    const interrupted = Exit.failCause(Cause.interrupt())
    expect(reportExit(interrupted, quiet).code).toBe(130)
    expect(reportExit(interrupted, { ...quiet, interruptIsSuccess: true }).code).toBe(0)
  })
})
