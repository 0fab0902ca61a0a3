import { describeFailure } from "./describeFailure.ts"

/** Takes an uncaught exception it recognizes (and returns true), or leaves it to the next. */
export type UncaughtRouter = (error: unknown) => boolean

const routers = new Set<UncaughtRouter>()

/**
 * While a library that throws asynchronously is in use, offers its uncaught
 * exceptions to `router` first, so that they fail the command that uses it
 * (with its cleanup) instead of ending the process.
 */
export const routeUncaught = (router: UncaughtRouter): void => {
  routers.add(router)
}

/**
 * The last resort, installed by main.ts: an uncaught exception that no router
 * takes ends `trent` with exit code 1 and one line on stderr — the stack
 * trace only with `--debug`.
 */
export const reportUncaughtExceptions = (debug: boolean): void => {
  process.on("uncaughtException", (error) => {
    for (const router of routers) if (router(error)) return
    process.stderr.write(`trent: internal error: ${describeFailure(error)}\n`)
    if (debug) process.stderr.write(`${error.stack ?? String(error)}\n`)
    process.exit(1)
  })
}
