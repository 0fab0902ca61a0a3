import { checkProperty, propertyRuns } from "@trent/testing"
import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeRequest } from "./decodeRequest.ts"
import { requestDecoders } from "./requestDecoders.ts"
import { clause, decoded, expectSerialization, refused, validation } from "./requestAssertions.test-support.ts"
import { type ServedOperation, servedOperations } from "./ServedOperation.ts"
import { hostileBodyArbitrary, requestArbitrary, wireOf } from "./wireArbitrary.test-support.ts"
import { type MemberSpec, type ShapeSpec, wireName } from "./WireShape.ts"

const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"

/** The smallest valid body of each operation: its required members only. */
const minimalBodies: { readonly [Op in ServedOperation]: Record<string, unknown> } = {
  CreateKey: {},
  DescribeKey: { KeyId: KEY },
  ListKeys: {},
  EnableKey: { KeyId: KEY },
  DisableKey: { KeyId: KEY },
  ScheduleKeyDeletion: { KeyId: KEY },
  CancelKeyDeletion: { KeyId: KEY },
  UpdateKeyDescription: { KeyId: KEY, Description: "" },
  EnableKeyRotation: { KeyId: KEY },
  DisableKeyRotation: { KeyId: KEY },
  GetKeyRotationStatus: { KeyId: KEY },
  RotateKeyOnDemand: { KeyId: KEY },
  ListKeyRotations: { KeyId: KEY },
  TagResource: { KeyId: KEY, Tags: [] },
  UntagResource: { KeyId: KEY, TagKeys: [] },
  ListResourceTags: { KeyId: KEY },
  PutKeyPolicy: { KeyId: KEY, Policy: "{}" },
  GetKeyPolicy: { KeyId: KEY },
  ListKeyPolicies: { KeyId: KEY },
  CreateAlias: { AliasName: "alias/a", TargetKeyId: KEY },
  UpdateAlias: { AliasName: "alias/a", TargetKeyId: KEY },
  DeleteAlias: { AliasName: "alias/a" },
  ListAliases: {},
  Encrypt: { KeyId: KEY, Plaintext: "AA==" },
  Decrypt: {},
  ReEncrypt: { DestinationKeyId: KEY },
  GenerateDataKey: { KeyId: KEY },
  GenerateDataKeyWithoutPlaintext: { KeyId: KEY },
  GenerateRandom: {},
  GenerateDataKeyPair: { KeyId: KEY, KeyPairSpec: "RSA_2048" },
  GenerateDataKeyPairWithoutPlaintext: { KeyId: KEY, KeyPairSpec: "ECC_NIST_P256" },
  Sign: { KeyId: KEY, Message: "AA==", SigningAlgorithm: "ECDSA_SHA_256" },
  Verify: { KeyId: KEY, Message: "AA==", Signature: "AA==", SigningAlgorithm: "ECDSA_SHA_256" },
  GetPublicKey: { KeyId: KEY },
  GenerateMac: { KeyId: KEY, Message: "AA==", MacAlgorithm: "HMAC_SHA_256" },
  VerifyMac: { KeyId: KEY, Message: "AA==", Mac: "AA==", MacAlgorithm: "HMAC_SHA_256" },
  DeriveSharedSecret: { KeyId: KEY, KeyAgreementAlgorithm: "ECDH", PublicKey: "AA==" },
  CreateGrant: { KeyId: KEY, GranteePrincipal: "arn:aws:iam::111122223333:role/app", Operations: ["Decrypt"] },
  ListGrants: { KeyId: KEY },
  ListRetirableGrants: { RetiringPrincipal: "arn:aws:iam::111122223333:role/app" },
  RetireGrant: {},
  RevokeGrant: { KeyId: KEY, GrantId: "a".repeat(64) },
  GetKeyLastUsage: { KeyId: KEY },
  ReplicateKey: { KeyId: KEY, ReplicaRegion: "eu-west-1" },
  UpdatePrimaryRegion: { KeyId: KEY, PrimaryRegion: "eu-west-1" },
  GetParametersForImport: { KeyId: KEY, WrappingAlgorithm: "RSAES_OAEP_SHA_256", WrappingKeySpec: "RSA_2048" },
  ImportKeyMaterial: { KeyId: KEY, ImportToken: "AA==", EncryptedKeyMaterial: "AA==" },
  DeleteImportedKeyMaterial: { KeyId: KEY },
  // An external key store is the only kind Trent hosts; its members are required together.
  CreateCustomKeyStore: {
    CustomKeyStoreName: "store",
    CustomKeyStoreType: "EXTERNAL_KEY_STORE",
    XksProxyUriEndpoint: "https://xks.example.com",
    XksProxyUriPath: "/kms/xks/v1",
    XksProxyAuthenticationCredential: { AccessKeyId: "A".repeat(20), RawSecretAccessKey: "a".repeat(43) },
    XksProxyConnectivity: "PUBLIC_ENDPOINT"
  },
  DescribeCustomKeyStores: {},
  UpdateCustomKeyStore: { CustomKeyStoreId: "cks-1234567890abcdef0" },
  ConnectCustomKeyStore: { CustomKeyStoreId: "cks-1234567890abcdef0" },
  DisconnectCustomKeyStore: { CustomKeyStoreId: "cks-1234567890abcdef0" },
  DeleteCustomKeyStore: { CustomKeyStoreId: "cks-1234567890abcdef0" }
}

const membersOf = (operation: ServedOperation): ReadonlyArray<MemberSpec> => {
  const spec = requestDecoders[operation].shape.spec
  return spec._tag === "Structure" ? spec.members : []
}

/** A JSON value of the wrong type for a member of this shape. */
const wrongType = (spec: ShapeSpec): unknown => {
  switch (spec._tag) {
    case "String":
    case "Blob":
      return 42
    case "Integer":
      return "42"
    case "Boolean":
    case "Timestamp":
      return "true"
    case "List":
      return { member: 1 }
    case "StringMap":
    case "Structure":
      return ["x"]
  }
}

/**
 * Operations whose decoding is not the identity, with their own tests
 * (customKeyStoreRequests.test.ts): the proxy secret becomes SecretBytes, and
 * CloudHSM and VPC members are refused.
 */
const transformed: ReadonlyArray<ServedOperation> = ["CreateCustomKeyStore", "UpdateCustomKeyStore"]
const identityDecoded = servedOperations.filter((operation) => !transformed.includes(operation))

/** Decoding drops nothing: every member reaches the Region (grant tokens included, for authorization). */
const expectedRequest = (_operation: ServedOperation, sample: Readonly<Record<string, unknown>>): unknown => sample

describe("decodeRequest", () => {
  it.each(servedOperations.map((operation) => [operation]))("%s accepts its minimal body", (operation) => {
    expect(Result.isSuccess(decodeRequest(operation, minimalBodies[operation]))).toBe(true)
  })

  it.each(servedOperations.map((operation) => [operation]))("%s names each missing required member as AWS does", (operation) => {
    for (const member of membersOf(operation).filter((each) => each.required)) {
      const body = { ...minimalBodies[operation] }
      delete body[wireName(member.name)]
      const hidden = member.shape.spec._tag === "Blob" && member.shape.spec.sensitive
      expect(decodeRequest(operation, body)).toEqual(Result.fail(validation(clause(hidden ? undefined : null, member.name, "not be null"))))
    }
  })

  it.each(servedOperations.map((operation) => [operation]))("%s refuses any member of the wrong JSON type", (operation) => {
    for (const member of membersOf(operation)) {
      const body = { ...minimalBodies[operation], [wireName(member.name)]: wrongType(member.shape.spec) }
      const error = refused(operation, body)
      expect(error.type).toBe("SerializationException")
      expect(error.message).toContain(`at '${member.name}`)
    }
  })

  it.each(servedOperations.map((operation) => [operation]))("%s refuses invalid base64 in every blob member", (operation) => {
    for (const member of membersOf(operation).filter((each) => each.shape.spec._tag === "Blob")) {
      for (const text of ["AAA", "AA=A", "AA-_", "AB=="]) {
        expectSerialization(operation, { ...minimalBodies[operation], [wireName(member.name)]: text })
      }
    }
  })

  it.each(servedOperations.map((operation) => [operation]))("%s refuses a body that is not a JSON object", (operation) => {
    expectSerialization(operation, [], "Start of list found where not expected")
    expectSerialization(operation, "{}", "Unexpected field type")
    expectSerialization(operation, null, "Null value found where not expected")
    expectSerialization(operation, 0, "Unexpected field type")
  })

  it("ignores members it does not know", () => {
    expect(decoded("EnableKey", { KeyId: KEY, Extra: { anything: [1] }, keyId: "lowercase is another member" })).toEqual({ keyId: KEY })
  })

  it("never throws and answers only with 400 errors, for any JSON body of any operation", async () => {
    const allowed = ["SerializationException", "ValidationException", "UnsupportedOperationException"]
    await checkProperty(
      "decodeRequest is total",
      fc.property(
        fc.constantFrom(...identityDecoded).chain((operation) =>
          fc.tuple(fc.constant(operation), hostileBodyArbitrary(requestDecoders[operation].shape))
        ),
        ([operation, body]) => {
          const result = decodeRequest(operation, body)
          expect(Result.isResult(result)).toBe(true)
          if (Result.isFailure(result)) {
            expect(result.failure.status).toBe(400)
            expect(allowed).toContain(result.failure.type)
            expect(result.failure.message).toBeTypeOf("string")
          }
        }
      ),
      { numRuns: propertyRuns(1000) }
    )
  })

  it("decodes any valid request of any operation to the Region's request", async () => {
    await checkProperty(
      "valid requests decode",
      fc.property(
        fc.constantFrom(...identityDecoded).chain((operation) =>
          fc.tuple(
            fc.constant(operation),
            requestArbitrary(requestDecoders[operation].shape, requestDecoders[operation].unsupported)
          )
        ),
        ([operation, sample]) => {
          expect(decoded(operation, sample.wire)).toEqual(
            expectedRequest(operation, sample.decoded as Readonly<Record<string, unknown>>)
          )
        }
      ),
      { numRuns: propertyRuns(500) }
    )
  })

  it("loses nothing: a decoded request re-encodes to the body it came from", async () => {
    const lossless = identityDecoded
    await checkProperty(
      "requests round trip",
      fc.property(
        fc.constantFrom(...lossless).chain((operation) =>
          fc.tuple(
            fc.constant(operation),
            requestArbitrary(requestDecoders[operation].shape, requestDecoders[operation].unsupported)
          )
        ),
        ([operation, sample]) => {
          expect(wireOf(requestDecoders[operation].shape.spec, decoded(operation, sample.wire))).toEqual(sample.wire)
        }
      )
    )
  })
})
