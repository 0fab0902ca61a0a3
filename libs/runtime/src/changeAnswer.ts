import type { Key } from "@trent/domain"
import { type ChangingOperation, operationSpec, type ResponseOf } from "@trent/protocol"
import { Effect } from "effect"
import { RegionInternalError } from "@trent/key-actors"

/**
 * What a state-changing call answers, from its key's state right after the
 * events it appended (its module's `answer`): the same function answers a
 * redelivered Kafka request from the log.
 */
export const answerOf = <Op extends ChangingOperation>(operation: Op, state: Key): Effect.Effect<ResponseOf<Op>, RegionInternalError> => {
  const declared = operationSpec(operation).answer
  const answer = typeof declared === "function" ? declared(state) : undefined
  return answer === undefined
    ? Effect.fail(new RegionInternalError({ message: `${operation} left its key in a state it cannot answer from (${state.status})` }))
    : Effect.succeed(answer)
}
