import { describe, expect, it } from "vitest"
import { signedRequestMessage, targetKeyOf } from "./KafkaRequestMessage.ts"

const input = {
  operation: "Encrypt",
  body: '{"KeyId":"alias/app","Plaintext":"aGk="}',
  region: "eu-west-1",
  requestTopic: "trent.eu-west-1.requests",
  correlationId: "c-1",
  replyTo: "app.replies",
  key: "alias/app",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  now: Date.UTC(2026, 0, 2, 3, 4, 5)
}

describe("request messages", () => {
  it("carry the SigV4-signed AWS JSON 1.1 request, its body as value, and the correlation id and reply topic", () => {
    const message = signedRequestMessage(input)
    expect(message.key).toBe("alias/app")
    expect(message.value.toString()).toBe(input.body)
    expect(message.headers).toMatchObject({
      host: "trent.eu-west-1.requests",
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "TrentService.Encrypt",
      "x-amz-date": "20260102T030405Z",
      "trent-correlation-id": "c-1",
      "trent-reply-to": "app.replies"
    })
    expect(message.headers["authorization"]).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260102\/eu-west-1\/kms\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/
    )
  })

  it("sign the body: another body gets another signature", () => {
    expect(signedRequestMessage({ ...input, body: "{}" }).headers["authorization"]).not.toBe(signedRequestMessage(input).headers["authorization"])
  })

  it("are keyed by the key reference the request targets", () => {
    expect(targetKeyOf({ KeyId: "k", DestinationKeyId: "d" })).toBe("k")
    expect(targetKeyOf({ CiphertextBlob: "x", DestinationKeyId: "d" })).toBe("d")
    expect(targetKeyOf({ AliasName: "alias/a", TargetKeyId: "t" })).toBe("t")
    expect(targetKeyOf({ Description: "new key" })).toBeNull()
  })
})
