#!/usr/bin/env node
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Exit } from "effect"
import { debugRequested } from "./cli/Debug.ts"
import { reportExit } from "./cli/reportExit.ts"
import { commandOf, runTrent } from "./cli/runTrent.ts"
import { reportUncaughtExceptions } from "./cli/uncaughtExceptions.ts"

/**
 * `trent`. The program ends with its exit code; an interruption (SIGINT or
 * SIGTERM, which runMain turns into one) ends it without one, and is 0 for
 * `serve` (its normal stop, after draining) and 130 for anything else.
 */
const argv = process.argv.slice(2)
reportUncaughtExceptions(debugRequested(argv))
NodeRuntime.runMain(runTrent(argv, { colors: process.stdout.isTTY === true }).pipe(Effect.provide(NodeServices.layer)), {
  disableErrorReporting: true,
  teardown: (exit, onExit) =>
    onExit(
      Exit.isSuccess(exit)
        ? (typeof exit.value === "number" ? exit.value : 1)
        : reportExit(exit, { debug: debugRequested(argv), interruptIsSuccess: commandOf(argv) === "serve" }).code
    )
})
