import * as crypto from "@trent/crypto"
import * as domain from "@trent/domain"
import * as policy from "@trent/policy"
import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { type CoreError, coreErrorTable, errorToWireWith, GENERIC_INTERNAL_MESSAGE } from "./ErrorTable.ts"
import * as protocolErrors from "./ProtocolErrors.ts"

const errorToWire = errorToWireWith<CoreError>(coreErrorTable)

/** An error known only by its tag, as a test names it (the table reads `_tag` and `message` alone). */
const tagged = (tag: string, message?: string): CoreError => (message === undefined ? { _tag: tag } : { _tag: tag, message }) as CoreError

/** The tags of every tagged error class a library exports (a Schema.TaggedError's identifier is its tag). */
const exportedErrorTags = (library: Record<string, unknown>): Array<string> =>
  Object.values(library).flatMap((value) => {
    if (typeof value !== "function" || !(value.prototype instanceof Error)) return []
    const { identifier, fields } = value as { readonly identifier?: unknown; readonly fields?: Record<string, unknown> }
    return typeof identifier === "string" && fields !== undefined && "_tag" in fields ? [identifier] : []
  })

const FAULTS = ["KMSInternalException", "DependencyTimeoutException", "KeyUnavailableException"]

describe("errorToWire", () => {
  it("maps every error that @trent/domain, @trent/crypto, @trent/policy and this library export", () => {
    const tags = [...exportedErrorTags(domain), ...exportedErrorTags(crypto), ...exportedErrorTags(policy), ...exportedErrorTags(protocolErrors)]
    expect(tags.length).toBeGreaterThanOrEqual(19)
    for (const tag of tags) expect(Object.keys(coreErrorTable), tag).toContain(tag)
  })

  it("does not compile a table that misses an error, nor an error the table does not map", () => {
    class Unmapped extends Schema.TaggedError<Unmapped>()("Unmapped", {}) {}
    // @ts-expect-error the table has no entry for Unmapped
    errorToWireWith<CoreError | Unmapped>(coreErrorTable)
    const { KeyNotFound: _, ...withoutKeyNotFound } = coreErrorTable
    // @ts-expect-error KeyNotFound has no entry
    errorToWireWith<CoreError>(withoutKeyNotFound)
    // @ts-expect-error errorToWire takes only the errors its table maps (at run time, a fault)
    expect(errorToWire(new Unmapped()).type).toBe("KMSInternalException")
    // The union is the exported classes, not `never`: a real tag is one of it, a made-up one is not.
    const known: ReadonlyArray<CoreError["_tag"]> = ["KeyNotFound", "InvalidCiphertext", "SerializationFailure"]
    // @ts-expect-error no library exports an error tagged Unmapped
    const unknown: CoreError["_tag"] = "Unmapped"
    expect([...known, unknown].length).toBe(4)
  })

  it.each([
    ["KeyNotFound", "NotFoundException"],
    ["KeyDisabled", "DisabledException"],
    ["KeyInvalidState", "KMSInvalidStateException"],
    ["UnsupportedOperation", "UnsupportedOperationException"],
    ["InvalidRequest", "ValidationException"],
    ["LimitExceeded", "LimitExceededException"],
    ["TagRejected", "TagException"],
    ["MalformedPolicyDocument", "MalformedPolicyDocumentException"],
    ["AliasAlreadyExists", "AlreadyExistsException"],
    ["InvalidAliasName", "InvalidAliasNameException"],
    ["AliasReserved", "NotAuthorizedException"],
    ["InvalidKeyUsage", "InvalidKeyUsageException"],
    ["IncorrectKey", "IncorrectKeyException"],
    ["InvalidMarker", "InvalidMarkerException"],
    ["RotationConflict", "ConflictException"],
    ["DryRunSucceeded", "DryRunOperationException"],
    ["InvalidCryptoParameter", "ValidationException"],
    ["SerializationFailure", "SerializationException"],
    ["OperationNotServed", "UnsupportedOperationException"]
  ])("answers %s as a 400 %s with its own message", (tag, type) => {
    expect(errorToWire(tagged(tag, "what went wrong"))).toEqual({ type, status: 400, message: "what went wrong" })
  })

  it("answers a real domain error with its AWS message", () => {
    const error = new domain.KeyDisabled({ message: "arn:aws:kms:us-east-1:111122223333:key/k is disabled." })
    expect(errorToWire(error)).toEqual({
      type: "DisabledException",
      status: 400,
      message: "arn:aws:kms:us-east-1:111122223333:key/k is disabled."
    })
  })

  it("leaves an empty message out of the body (UnsupportedOperation, AliasReserved)", () => {
    expect(errorToWire(new domain.UnsupportedOperation({ message: "" }))).toEqual({
      type: "UnsupportedOperationException",
      status: 400,
      message: undefined
    })
    expect(errorToWire(new domain.AliasReserved({ message: "" }))).toEqual({
      type: "NotAuthorizedException",
      status: 400,
      message: undefined
    })
  })

  it("answers InvalidCiphertext with no message at all", () => {
    expect(errorToWire(new crypto.InvalidCiphertext())).toEqual({ type: "InvalidCiphertextException", status: 400, message: undefined })
    expect(errorToWire(tagged("InvalidCiphertext", "tag mismatch")).message).toBeUndefined()
  })

  it("answers internal failures as a 500 KMSInternalException that hides the detail", () => {
    for (const tag of ["KeyUnwrapFailed"]) {
      expect(errorToWire(tagged(tag, "kek for key k in /data/us-east-1 failed to unwrap"))).toEqual({
        type: "KMSInternalException",
        status: 500,
        message: GENERIC_INTERNAL_MESSAGE
      })
    }
  })

  it("answers an unknown tag (only a cast brings one) as a 500 KMSInternalException, even one named like an Object property", () => {
    for (const tag of ["SomethingNew", "constructor", "__proto__", "toString"]) {
      expect(errorToWire(tagged(tag, "detail"))).toEqual({
        type: "KMSInternalException",
        status: 500,
        message: GENERIC_INTERNAL_MESSAGE
      })
    }
  })

  it("gives every error status 400 except the three faults, which get 500", async () => {
    await checkProperty(
      "errorToWire statuses",
      fc.property(
        fc.oneof(fc.constantFrom(...Object.keys(coreErrorTable)), fc.string()),
        fc.option(fc.string(), { nil: undefined }),
        (tag, message) => {
          const wire = errorToWire(tagged(tag, message))
          expect(wire.status).toBe(FAULTS.includes(wire.type) ? 500 : 400)
          if (wire.message !== undefined) expect(wire.message).not.toBe("")
        }
      )
    )
  })
})
