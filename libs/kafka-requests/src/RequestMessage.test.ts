import type { WireError } from "@trent/protocol"
import { describe, expect, it } from "vitest"
import { parseRequestMessage as parseWith, type IncomingMessage, targetOf } from "./RequestMessage.ts"

/** The server's refusal of a body over the limit (RequestBodyTooLarge); kafkaDelivery.int.test.ts in apps/server checks the real one. */
const bodyTooLarge = (maxBodyBytes: number): WireError => ({ type: "SerializationException", status: 413, message: `The request body exceeds ${maxBodyBytes} bytes.` })
const parseRequestMessage = (message: IncomingMessage, maxBodyBytes: number) => parseWith(message, maxBodyBytes, bodyTooLarge)

const control = { "trent-correlation-id": "c-1", "trent-reply-to": "app.replies" }

describe("reading a request message", () => {
  it("drops a message without a valid reply topic: there is nowhere to answer", () => {
    expect(parseRequestMessage({ value: Buffer.from("{}"), headers: {} }, 1024)).toEqual({ _tag: "Dropped", reason: "no-reply-topic" })
    expect(parseRequestMessage({ value: null, headers: { "trent-reply-to": "not a topic!" } }, 1024)).toEqual({ _tag: "Dropped", reason: "no-reply-topic" })
    expect(parseRequestMessage({ value: null, headers: { "trent-reply-to": ["a", "b"] } }, 1024)._tag).toBe("Dropped")
  })

  it("refuses a message without a usable correlation id with SerializationException, answered without one", () => {
    const parsed = parseRequestMessage({ value: Buffer.from("{}"), headers: { "trent-reply-to": "app.replies", "trent-correlation-id": "has space" } }, 1024)
    expect(parsed).toMatchObject({ _tag: "Refused", correlationId: undefined, replyTo: "app.replies", error: { type: "SerializationException", status: 400 } })
  })

  it("refuses a body over the limit as HTTP does: 413 SerializationException", () => {
    const parsed = parseRequestMessage({ value: Buffer.alloc(1025), headers: control }, 1024)
    expect(parsed).toEqual({ _tag: "Refused", correlationId: "c-1", replyTo: "app.replies", error: { type: "SerializationException", status: 413, message: "The request body exceeds 1024 bytes." } })
  })

  it("passes every other header on as an HTTP header, lower-cased, and the value as the body of POST /", () => {
    const parsed = parseRequestMessage({
      value: Buffer.from('{"KeyId":"k"}'),
      headers: { ...control, "X-Amz-Target": Buffer.from("TrentService.Encrypt"), "x-custom": [Buffer.from("a"), "b"] }
    }, 1024)
    expect(parsed).toEqual({
      _tag: "Request",
      correlationId: "c-1",
      replyTo: "app.replies",
      http: { method: "POST", path: "/", query: "", headers: { "x-amz-target": "TrentService.Encrypt", "x-custom": ["a", "b"] }, body: Buffer.from('{"KeyId":"k"}') }
    })
  })
})

describe("a request's target", () => {
  it("is read whatever the case of the header's name", () => {
    expect(targetOf({ value: null, headers: { "X-Amz-Target": Buffer.from("TrentService.CreateKey") } })).toBe("TrentService.CreateKey")
    expect(targetOf({ value: null, headers: {} })).toBeUndefined()
  })
})
