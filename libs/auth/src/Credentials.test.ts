import { it } from "@effect/vitest"
import { Effect } from "effect"
import { describe, expect } from "vitest"
import { Credentials } from "./Credentials.ts"
import {
  account,
  admin,
  authenticate,
  kmsRequest,
  MISMATCH,
  minutes,
  now,
  rejection,
  role,
  testConfig,
  withHeaders
} from "./signedRequests.test-support.ts"

describe("Credentials.authenticate", () => {
  it.effect("accepts a signed request as its access key's principal, in the region of the credential scope", () =>
    Effect.gen(function*() {
      const { principal, region } = yield* authenticate(kmsRequest())
      expect(region).toBe("eu-west-1")
      expect(principal).toMatchObject({
        accountId: account,
        arn: `arn:aws:iam::${account}:user/admin`,
        type: "IAMUser",
        accessKeyId: admin.accessKeyId
      })
      expect(principal.principalId).toMatch(/^AIDA[A-Z2-7]{17}$/)
    }))

  it.effect("gives a role's key an AssumedRole principal with an AROA id, stable across layers", () =>
    Effect.gen(function*() {
      const first = yield* authenticate(kmsRequest({ key: role, region: "us-east-1" }))
      const second = yield* authenticate(kmsRequest({ key: role, region: "us-east-1" }))
      expect(first.principal.type).toBe("AssumedRole")
      expect(first.principal.arn).toBe(`arn:aws:iam::${account}:role/deployer`)
      expect(first.principal.principalId).toMatch(/^AROA[A-Z2-7]{17}$/)
      expect(second.principal.principalId).toBe(first.principal.principalId)
    }))

  it.effect("rejects an unknown access key with UnrecognizedClientException", () =>
    Effect.gen(function*() {
      const error = yield* rejection(kmsRequest({ key: { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x" } }))
      expect(error).toMatchObject({
        _tag: "UnrecognizedClientException",
        message: "The security token included in the request is invalid."
      })
    }))

  it.effect("rejects a request signed with the wrong secret with InvalidSignatureException", () =>
    Effect.gen(function*() {
      const error = yield* rejection(kmsRequest({ key: { accessKeyId: admin.accessKeyId, secretAccessKey: role.secretAccessKey } }))
      expect(error).toMatchObject({ _tag: "InvalidSignatureException", message: MISMATCH })
    }))

  it.effect("never puts a secret into an error", () =>
    Effect.gen(function*() {
      const error = yield* rejection(kmsRequest({ key: { accessKeyId: admin.accessKeyId, secretAccessKey: "wrong" } }))
      const shown = `${JSON.stringify(error)} ${String(error)}`
      for (const secret of [admin.secretAccessKey, role.secretAccessKey]) expect(shown).not.toContain(secret)
    }))
})

describe("session tokens", () => {
  it.effect("refuses X-Amz-Security-Token when session tokens are not accepted", () =>
    Effect.gen(function*() {
      const error = yield* rejection(kmsRequest({ sessionToken: "FwoGZXIvYXdzEXAMPLE" }))
      expect(error).toMatchObject({
        _tag: "UnrecognizedClientException",
        message: "The security token included in the request is invalid."
      })
    }))

  it.effect("accepts a signed session token when session tokens are accepted, and the token is covered by the signature", () =>
    Effect.gen(function*() {
      const request = kmsRequest({ sessionToken: "FwoGZXIvYXdzEXAMPLE" })
      yield* authenticate(request, { acceptSessionTokens: true })
      const swapped = withHeaders(request, { "x-amz-security-token": "FwoGZXIvYXdzEXAMPLF" })
      expect((yield* rejection(swapped, { acceptSessionTokens: true }))._tag).toBe("InvalidSignatureException")
    }))
})

describe("dev mode", () => {
  const dev = { devMode: true }

  it.effect("accepts an unsigned request as the default account's admin, with no region", () =>
    Effect.gen(function*() {
      const { principal, region } = yield* authenticate(withHeaders(kmsRequest(), { authorization: undefined }), {}, dev)
      expect(region).toBeUndefined()
      expect(principal).toMatchObject({
        accountId: "111122223333",
        arn: "arn:aws:iam::111122223333:user/admin",
        type: "IAMUser",
        accessKeyId: ""
      })
    }))

  it.effect("accepts any well-formed signature, whatever the secret, as the default account's admin", () =>
    Effect.gen(function*() {
      const request = kmsRequest({ key: { accessKeyId: "test", secretAccessKey: "test" } })
      const { principal, region } = yield* authenticate(request, {}, { devMode: true, defaultAccountId: "444455556666" })
      expect(region).toBe("eu-west-1")
      expect(principal).toMatchObject({ arn: "arn:aws:iam::444455556666:user/admin", accessKeyId: "test" })
    }))

  it.effect("takes an access key id of 12 digits as that account's root", () =>
    Effect.gen(function*() {
      const { principal } = yield* authenticate(kmsRequest({ key: { accessKeyId: "777788889999", secretAccessKey: "x" } }), {}, dev)
      expect(principal).toEqual({
        accountId: "777788889999",
        arn: "arn:aws:iam::777788889999:root",
        type: "Root",
        accessKeyId: "777788889999",
        principalId: "777788889999",
        identityPolicies: []
      })
    }))

  it.effect("takes a configured key as its principal without checking the secret", () =>
    Effect.gen(function*() {
      const request = kmsRequest({ key: { accessKeyId: role.accessKeyId, secretAccessKey: "not the secret" } })
      expect((yield* authenticate(request, {}, dev)).principal.arn).toBe(`arn:aws:iam::${account}:role/deployer`)
    }))

  it.effect("still rejects unknown regions, skew, malformed headers and refused session tokens", () =>
    Effect.gen(function*() {
      expect((yield* rejection(kmsRequest({ region: "xx-1" }), {}, dev))._tag).toBe("InvalidSignatureException")
      expect((yield* rejection(kmsRequest({ signedAt: now - minutes(16) }), {}, dev))._tag).toBe("InvalidSignatureException")
      expect((yield* rejection(withHeaders(kmsRequest(), { authorization: "AWS4-" }), {}, dev))._tag).toBe(
        "IncompleteSignatureException"
      )
      expect((yield* rejection(kmsRequest({ sessionToken: "t" }), {}, dev))._tag).toBe("UnrecognizedClientException")
    }))
})

describe("Credentials.layerTest", () => {
  it.effect("treats a config with an access key id used twice as a defect, as the file would be refused", () =>
    Effect.gen(function*() {
      const [first, second] = testConfig.accounts[0]!.principals
      const twice = {
        accounts: [{ accountId: account, principals: [first!, { ...second!, accessKeys: first!.accessKeys }] }]
      }
      const exit = yield* Effect.exit(Effect.provide(Effect.gen(function*() {
        yield* Credentials
      }), Credentials.layerTest(twice)))
      expect(exit._tag).toBe("Failure")
    }))
})
