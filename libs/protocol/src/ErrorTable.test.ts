import * as crypto from "@trent/crypto"
import * as domain from "@trent/domain"
import * as policy from "@trent/policy"
import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { errorTable, errorToWire, GENERIC_INTERNAL_MESSAGE } from "./ErrorTable.ts"

/** The tags of every tagged error class a library exports (a Schema.TaggedError's identifier is its tag). */
const exportedErrorTags = (library: Record<string, unknown>): Array<string> =>
  Object.values(library).flatMap((value) => {
    if (typeof value !== "function" || !(value.prototype instanceof Error)) return []
    const { identifier, fields } = value as { readonly identifier?: unknown; readonly fields?: Record<string, unknown> }
    return typeof identifier === "string" && fields !== undefined && "_tag" in fields ? [identifier] : []
  })

const FAULTS = ["KMSInternalException", "DependencyTimeoutException", "KeyUnavailableException"]

describe("errorToWire", () => {
  it("maps every error that @trent/domain and @trent/crypto export", () => {
    const tags = [...exportedErrorTags(domain), ...exportedErrorTags(crypto), ...exportedErrorTags(policy)]
    expect(tags.length).toBeGreaterThanOrEqual(19)
    for (const tag of tags) expect(Object.keys(errorTable), tag).toContain(tag)
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
    ["MissingAuthenticationTokenException", "MissingAuthenticationTokenException"],
    ["IncompleteSignatureException", "IncompleteSignatureException"],
    ["InvalidSignatureException", "InvalidSignatureException"],
    ["UnrecognizedClientException", "UnrecognizedClientException"],
    ["AccessDeniedException", "AccessDeniedException"]
  ])("answers %s as a 400 %s with its own message", (tag, type) => {
    expect(errorToWire({ _tag: tag, message: "what went wrong" })).toEqual({ type, status: 400, message: "what went wrong" })
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
    expect(errorToWire({ _tag: "InvalidCiphertext", message: "tag mismatch" }).message).toBeUndefined()
  })

  it("answers internal failures as a 500 KMSInternalException that hides the detail", () => {
    for (const tag of ["RegionInternalError", "KeyUnwrapFailed"]) {
      expect(errorToWire({ _tag: tag, message: "kek for key k in /data/us-east-1 failed to unwrap" })).toEqual({
        type: "KMSInternalException",
        status: 500,
        message: GENERIC_INTERNAL_MESSAGE
      })
    }
  })

  it("answers an unknown tag as a 500 KMSInternalException, even one named like an Object property", () => {
    for (const tag of ["SomethingNew", "constructor", "__proto__", "toString"]) {
      expect(errorToWire({ _tag: tag, message: "detail" })).toEqual({
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
        fc.oneof(fc.constantFrom(...Object.keys(errorTable)), fc.string()),
        fc.option(fc.string(), { nil: undefined }),
        (tag, message) => {
          const wire = errorToWire(message === undefined ? { _tag: tag } : { _tag: tag, message })
          expect(wire.status).toBe(FAULTS.includes(wire.type) ? 500 : 400)
          if (wire.message !== undefined) expect(wire.message).not.toBe("")
        }
      )
    )
  })
})
