import { EventLogFailure } from "@trent/event-log"
import type { KafkaKmsFailure } from "@trent/kafka-client"
import { Effect } from "effect"

/** A failure of @trent/kafka-client's plumbing as the stores report it: the same message and cause. */
export const asEventLogFailure: <A, R>(self: Effect.Effect<A, KafkaKmsFailure, R>) => Effect.Effect<A, EventLogFailure, R> = Effect.mapError((failure) =>
  new EventLogFailure({ message: failure.message, ...(failure.cause === undefined ? {} : { cause: failure.cause }) })
)
