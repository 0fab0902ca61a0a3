import { describe, expect, it } from "vitest"
import { decodeReply, encodeReply } from "./KafkaReply.ts"

const asConsumed = (message: ReturnType<typeof encodeReply>) => ({
  value: Buffer.from(message.value),
  headers: Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, Buffer.from(value)]))
})

describe("replies", () => {
  it("carry the HTTP body, the status and the correlation id, keyed by the correlation id", () => {
    const message = encodeReply({ correlationId: "c-1", status: 200, body: '{"KeyId":"k"}' })
    expect(message.key).toBe("c-1")
    expect(decodeReply(asConsumed(message))).toEqual({ correlationId: "c-1", status: 200, body: '{"KeyId":"k"}' })
  })

  it("name an error's type in x-amzn-errortype, as HTTP does", () => {
    const message = encodeReply({ correlationId: "c-2", status: 400, body: '{"__type":"NotFoundException","message":"gone"}' })
    expect(message.headers["x-amzn-errortype"]).toBe("NotFoundException")
    expect(decodeReply(asConsumed(message))?.status).toBe(400)
  })

  it("may lack a correlation id (a request that had none), and are not read from messages that are not replies", () => {
    expect(decodeReply(asConsumed(encodeReply({ correlationId: undefined, status: 400, body: "{}" })))).toEqual({ correlationId: undefined, status: 400, body: "{}" })
    expect(decodeReply({ value: Buffer.from("{}"), headers: {} })).toBeUndefined()
  })
})
