#!/usr/bin/env node
// `trent` from any directory, on the Node this repository pins.
//
// The CLI is TypeScript run as it is: Node runs .ts files by stripping their types from v22.18 and v23.6
// on (https://nodejs.org/api/typescript.html#type-stripping), and the repository pins Node 24 as the npm
// package `node`. Inside `npx trent` in the checkout that Node is first on PATH, but from elsewhere (after
// `npm link`, or with `npx --prefix <checkout>`) the `node` on the caller's PATH may be older. Then this
// file, plain JavaScript that any Node runs, re-runs main.ts on the pinned Node: the caller's working
// directory, arguments and standard streams are kept, SIGINT/SIGTERM/SIGHUP are passed on, and its exit
// code (or signal) becomes this process's.
import { spawn } from "node:child_process"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url))
const major = Number(process.versions.node.split(".")[0])

if (major >= 24) {
  await import(pathToFileURL(main).href)
} else {
  const pinned = join(dirname(createRequire(import.meta.url).resolve("node/package.json")), "bin", "node")
  const child = spawn(pinned, [main, ...process.argv.slice(2)], { stdio: "inherit" })
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal))
  child.on("error", (error) => {
    process.stderr.write(`trent: cannot start Node 24 at ${pinned}: ${error.message} (run npm install in the checkout)\n`)
    process.exit(1)
  })
  child.on("exit", (code, signal) => {
    if (signal === null) process.exit(code ?? 1)
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
  })
}
