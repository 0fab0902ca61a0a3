#!/usr/bin/env node
/**
 * `node apps/server/src/ensureRootKey.ts DIR`: makes sure DIR/root.key holds a
 * root key — created (random, mode 0600, owned by whoever runs this) unless it
 * exists, else checked as the server checks it. Compose's `trent-root-key`
 * service runs it as the image's user, so the servers that share the key can
 * read it whatever the host's user ids are. Prints the path, never the key.
 */
import { join } from "node:path"
import { RootKey } from "@trent/event-log"
import { Effect, Layer } from "effect"

const dir = process.argv[2]
if (dir === undefined) {
  console.error("usage: ensureRootKey.ts DIR")
  process.exit(2)
}

const exit = await Effect.runPromiseExit(Effect.scoped(Layer.build(RootKey.layer({ dataDir: dir, env: {} }))))
if (exit._tag === "Success") {
  console.log(`root key ready at ${join(dir, "root.key")}`)
} else {
  const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  console.error(`trent: ${failure?._tag === "Fail" ? (failure.error as { message: string }).message : "cannot make the root key"}`)
  process.exit(1)
}
