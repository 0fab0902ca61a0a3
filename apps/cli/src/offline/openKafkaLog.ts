import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openKafkaEventLogReader } from "@trent/event-log-kafka"
import { Effect } from "effect"
import { OperationFailed } from "../cli/CliFailure.ts"
import { kafkaStoreOf } from "./kafkaStoreOf.ts"
import type { StoreInput } from "./storeFlags.ts"

/**
 * A Region's log on the Kafka store, for the offline commands: the events topic read from its start
 * into a scratch replica (openKafkaEventLogReader), removed with the scope. It reads what every
 * server has written, not one server's replica, and needs no data directory.
 */
export const openKafkaLog = (input: StoreInput, region: string, account: string | undefined) =>
  Effect.gen(function*() {
    const store = yield* kafkaStoreOf(input, region, account)
    const scratch = yield* Effect.acquireRelease(
      Effect.sync(() => mkdtempSync(join(tmpdir(), "trent-replica-"))),
      (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
    )
    return yield* openKafkaEventLogReader({ ...store, dataDir: scratch, replicaFile: join(scratch, "replica.db") }).pipe(
      Effect.mapError((error) => new OperationFailed({ message: error.message, cause: error }))
    )
  })
