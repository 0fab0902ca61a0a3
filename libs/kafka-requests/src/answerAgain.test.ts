import { changesState, operationSpec, servedOperations } from "@trent/protocol"
import { describe, expect, it } from "vitest"
import { canAnswerAgain } from "./answerAgain.ts"

describe("answering a redelivered request again", () => {
  it("covers every state-changing operation, as its module declares", () => {
    expect(servedOperations.filter(changesState).filter((operation) => !canAnswerAgain(operation))).toEqual([])
  })

  it("answers {} only for the operations whose result is empty", () => {
    const empty = servedOperations.filter((operation) => operationSpec(operation).answer === "empty")
    for (const operation of empty) expect(operationSpec(operation).encode(undefined as never)).toEqual({})
  })
})
