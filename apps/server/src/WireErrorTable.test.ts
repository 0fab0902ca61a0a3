import * as audit from "@trent/audit"
import * as auth from "@trent/auth"
import * as crypto from "@trent/crypto"
import * as domain from "@trent/domain"
import * as eventLog from "@trent/event-log"
import * as eventLogKafka from "@trent/event-log-kafka"
import * as kafkaClient from "@trent/kafka-client"
import * as policy from "@trent/policy"
import * as protocol from "@trent/protocol"
import { GENERIC_INTERNAL_MESSAGE } from "@trent/protocol"
import * as runtime from "@trent/runtime"
import { Data } from "effect"
import { describe, expect, it } from "vitest"
import * as edge from "./EdgeErrors.ts"
import { failure } from "./KmsResponse.ts"
import { errorToWire, type WireMappedError, wireErrorTable } from "./WireErrorTable.ts"

/**
 * The tags of every tagged error class a module exports: a Schema.TaggedError
 * names its tag as its identifier; a Data.TaggedError sets it on construction.
 */
const exportedErrorTags = (module: Record<string, unknown>): Array<string> =>
  Object.values(module).flatMap((value) => {
    if (typeof value !== "function" || !(value.prototype instanceof Error)) return []
    const { identifier, fields } = value as { readonly identifier?: unknown; readonly fields?: Record<string, unknown> }
    if (typeof identifier === "string" && fields !== undefined && "_tag" in fields) return [identifier]
    const tag: unknown = Reflect.construct(value, [{}])._tag
    return typeof tag === "string" ? [tag] : []
  })

const libraries = { audit, auth, crypto, domain, eventLog, eventLogKafka, kafkaClient, policy, protocol, runtime, edge }

describe("wireErrorTable", () => {
  it("maps every tagged error class that every library and the edge export", () => {
    for (const [name, module] of Object.entries(libraries)) {
      for (const tag of exportedErrorTags(module)) expect(Object.keys(wireErrorTable), `${name}: ${tag}`).toContain(tag)
    }
    expect(exportedErrorTags(runtime)).toContain("RewrapRefused")
    expect(exportedErrorTags(auth)).toContain("UnrecognizedClientException")
  })

  it("does not compile an error that no library exports, or that the table does not map", () => {
    class Unmapped extends Data.TaggedError("Unmapped")<{ readonly message: string }> {}
    // @ts-expect-error errorToWire takes only the errors its table maps (at run time, a fault)
    expect(errorToWire(new Unmapped({ message: "detail" })).type).toBe("KMSInternalException")
    const known: ReadonlyArray<WireMappedError["_tag"]> = ["AuditLogFailure", "EventLogFailure", "RequestDefect", "KeyNotFound"]
    // @ts-expect-error the union is the exported classes: a made-up tag is not one of it
    const unknown: WireMappedError["_tag"] = "Unmapped"
    expect([...known, unknown].length).toBe(5)
  })

  it.each([
    ["MissingAuthenticationTokenException", new auth.MissingAuthenticationTokenException({ message: "what went wrong" })],
    ["IncompleteSignatureException", new auth.IncompleteSignatureException({ message: "what went wrong" })],
    ["InvalidSignatureException", new auth.InvalidSignatureException({ message: "what went wrong" })],
    ["UnrecognizedClientException", new auth.UnrecognizedClientException({ message: "what went wrong" })],
    ["AccessDeniedException", new runtime.AccessDenied({ message: "what went wrong" })]
  ])("answers %s as a 400 with its own message", (type, error) => {
    expect(errorToWire(error)).toEqual({ type, status: 400, message: "what went wrong" })
  })

  it("answers internal failures as a 500 KMSInternalException that hides the detail", () => {
    const detail = "kek for key k in /data/us-east-1 failed to unwrap"
    for (const error of [new runtime.RegionInternalError({ message: detail }), new audit.AuditLogFailure({ message: detail }), new eventLog.EventLogFailure({ message: detail })]) {
      expect(errorToWire(error)).toEqual({ type: "KMSInternalException", status: 500, message: GENERIC_INTERNAL_MESSAGE })
    }
  })
})

describe("the edge's own errors on the wire", () => {
  it.each([
    [failure("Encrypt", errorToWire(edge.RegionNotHosted.of("eu-west-9"))), 400, `{"__type":"UnrecognizedClientException","message":"Trent does not host Region eu-west-9."}`],
    [failure("Unknown", errorToWire(edge.RequestBodyTooLarge.of(1024))), 413, `{"__type":"SerializationException","message":"The request body exceeds 1024 bytes."}`],
    [failure("Unknown", errorToWire(new edge.UnknownPath())), 404, `{"__type":"UnknownOperationException"}`],
    [failure("Unknown", errorToWire(new protocol.UnknownOperation())), 400, `{"__type":"UnknownOperationException"}`],
    [failure("Encapsulate", errorToWire(protocol.OperationNotServed.of("Encapsulate"))), 400, `{"__type":"UnsupportedOperationException","message":"Trent does not support Encapsulate yet."}`],
    [failure("Unknown", errorToWire(new edge.MalformedHttpMessage())), 400, `{"__type":"SerializationException","message":"The request is not a valid HTTP/1.1 message."}`],
    [failure("Unknown", errorToWire(new edge.HeadersTooLarge())), 431, `{"__type":"SerializationException","message":"The request's headers are too large."}`],
    [failure("Unknown", errorToWire(new edge.RequestTimedOut())), 408, `{"__type":"SerializationException","message":"The request was not received in time."}`],
    [failure("Unknown", errorToWire(new edge.EdgeFailure())), 500, `{"__type":"KMSInternalException","message":"Internal failure."}`],
    [failure("Unknown", errorToWire(new edge.RequestDefect())), 500, JSON.stringify({ __type: "KMSInternalException", message: GENERIC_INTERNAL_MESSAGE })],
    [
      failure("Encrypt", errorToWire(edge.XksOnlyKey.of("arn:aws:kms:us-east-1:111122223333:key/k"))),
      400,
      `{"__type":"KMSInvalidStateException","message":"arn:aws:kms:us-east-1:111122223333:key/k is reserved for the external key store proxy and cannot be used through the KMS API."}`
    ]
  ])("%# answers with the status and body it always had", (response, status, body) => {
    expect(response.status).toBe(status)
    expect(response.body).toBe(body)
  })
})
