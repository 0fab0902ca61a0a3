import { checkProperty, propertyRuns } from "@trent/testing"
import * as fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ComparableKey, liveKey, replayedKey } from "../testing/liveKeyView.test-support.ts"
import { applyOperation, createKey, keyOperation, type RunWorld } from "../testing/keyOperations.test-support.ts"
import { runCli } from "../testing/runCli.test-support.ts"
import { startTrentServer, type TrentServer } from "../testing/trentServer.test-support.ts"

let server: TrentServer
beforeAll(async () => {
  server = await startTrentServer()
})
afterAll(() => server.stop())

/** What the live API showed for each key at one instant. */
interface Capture {
  readonly at: number
  readonly keys: ReadonlyArray<ComparableKey>
}

/**
 * Reads every key of the run through the API, then takes the time. Nothing
 * else writes to this server, so the state read is the state at that instant;
 * the next operation starts only once the clock has moved past it, so its
 * events are stamped later.
 */
const capture = async (world: RunWorld): Promise<Capture> => {
  const keys = await Promise.all(world.keys.map((keyId) => liveKey(server.kms, keyId)))
  const at = Date.now()
  while (Date.now() <= at) await new Promise((resolve) => setTimeout(resolve, 1))
  return { at, keys }
}

const replayed = async (keyId: string, at: number): Promise<ComparableKey> => {
  const run = await runCli(["keys", "history", keyId, "--at", String(at), "--json", "--data-dir", server.dataDir])
  expect(run.stderr).toBe("")
  expect(run.code).toBe(0)
  return replayedKey(JSON.parse(run.stdout.split("\n")[0]!))
}

let runs = 0

describe("trent keys history", () => {
  it("replays, for any sequence of operations, exactly the state the live API showed at each instant", async () => {
    await checkProperty(
      "history --at t equals the live state at t",
      fc.asyncProperty(fc.array(keyOperation, { minLength: 4, maxLength: 16 }), async (operations) => {
        runs += 1
        const world: RunWorld = { keys: [await createKey(server.kms, "subject", [])], aliasPrefix: `alias/run${runs}` }
        const captures = [await capture(world)]
        for (const operation of operations) {
          await applyOperation(server.kms, world, operation)
          captures.push(await capture(world))
        }
        for (const { at, keys } of captures) {
          for (const live of keys) expect(await replayed(live.keyId, at), `${live.keyId} at ${new Date(at).toISOString()}`).toEqual(live)
        }
      }),
      { numRuns: propertyRuns(25) }
    )
  })
})
