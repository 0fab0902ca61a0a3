import { SecretBytes } from "@trent/crypto"
import { customerMasterKeySpecOf, EncryptionAlgorithms, type KeyMetadata, KeySpecs, KeyStates, KeyUsages, Origins } from "@trent/domain"
import { checkProperty } from "@trent/testing"
import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { encodeResponse } from "./encodeResponse.ts"
import { ARN, KEY, MATERIAL, metadata, wireMetadata } from "./keyMetadataFixture.test-support.ts"
import { decodeBase64 } from "./StrictBase64.ts"

const secret = (...bytes: Array<number>) => SecretBytes.copy(new Uint8Array(bytes))

describe("encodeResponse", () => {
  it("encodes KeyMetadata with AWS's member names, seconds for times, and no absent members", () => {
    expect(encodeResponse("CreateKey", metadata)).toEqual({ KeyMetadata: wireMetadata })
    expect(encodeResponse("DescribeKey", metadata)).toEqual({ KeyMetadata: wireMetadata })
    expect(Object.keys(encodeResponse("DescribeKey", metadata)["KeyMetadata"] as object)).not.toContain("DeletionDate")
  })

  it("includes DeletionDate for a key pending deletion and leaves out what a key lacks", () => {
    const pending: KeyMetadata = {
      ...metadata,
      enabled: false,
      keyState: "PendingDeletion",
      deletionDate: 1_702_592_000_000,
      keyUsage: "GENERATE_VERIFY_MAC",
      encryptionAlgorithms: undefined,
      currentKeyMaterialId: undefined
    }
    const { EncryptionAlgorithms: _algorithms, CurrentKeyMaterialId: _material, ...rest } = wireMetadata
    expect(encodeResponse("DescribeKey", pending)).toEqual({
      KeyMetadata: { ...rest, Enabled: false, KeyState: "PendingDeletion", KeyUsage: "GENERATE_VERIFY_MAC", DeletionDate: 1_702_592_000 }
    })
  })

  it.each([
    "EnableKey", "DisableKey", "UpdateKeyDescription", "EnableKeyRotation", "DisableKeyRotation", "TagResource",
    "UntagResource", "PutKeyPolicy", "CreateAlias", "UpdateAlias", "DeleteAlias", "UpdatePrimaryRegion"
  ] as const)("answers %s with an empty object", (operation) => {
    expect(encodeResponse(operation, undefined)).toEqual({})
  })

  it("encodes ListKeys with NextMarker only when truncated", () => {
    const items = [{ keyId: KEY, keyArn: ARN }]
    expect(encodeResponse("ListKeys", { items, nextMarker: "next", truncated: true })).toEqual({
      Keys: [{ KeyId: KEY, KeyArn: ARN }],
      NextMarker: "next",
      Truncated: true
    })
    expect(encodeResponse("ListKeys", { items: [], nextMarker: undefined, truncated: false })).toEqual({ Keys: [], Truncated: false })
    expect(encodeResponse("ListKeys", { items, nextMarker: "stale", truncated: false })).toEqual({
      Keys: [{ KeyId: KEY, KeyArn: ARN }],
      Truncated: false
    })
  })

  it("encodes ListAliases entries with times in seconds", () => {
    expect(
      encodeResponse("ListAliases", {
        items: [{ aliasName: "alias/a", aliasArn: "arn:aws:kms:us-east-1:111122223333:alias/a", targetKeyId: KEY, creationDate: 1_500, lastUpdatedDate: 2_000 }],
        nextMarker: undefined,
        truncated: false
      })
    ).toEqual({
      Aliases: [{ AliasName: "alias/a", AliasArn: "arn:aws:kms:us-east-1:111122223333:alias/a", TargetKeyId: KEY, CreationDate: 1.5, LastUpdatedDate: 2 }],
      Truncated: false
    })
  })

  it("encodes ListResourceTags, ListKeyPolicies and ListKeyRotations", () => {
    expect(encodeResponse("ListResourceTags", { items: [{ tagKey: "k", tagValue: "" }], nextMarker: "m", truncated: true })).toEqual({
      Tags: [{ TagKey: "k", TagValue: "" }],
      NextMarker: "m",
      Truncated: true
    })
    expect(encodeResponse("ListKeyPolicies", { items: ["default"], nextMarker: undefined, truncated: false })).toEqual({
      PolicyNames: ["default"],
      Truncated: false
    })
    expect(
      encodeResponse("ListKeyRotations", {
        items: [
          { keyId: ARN, keyMaterialId: "0".repeat(64), keyMaterialState: "NON_CURRENT", rotationDate: undefined, rotationType: undefined },
          { keyId: ARN, keyMaterialId: MATERIAL, keyMaterialState: "CURRENT", rotationDate: 1_710_000_000_000, rotationType: "ON_DEMAND" }
        ],
        nextMarker: undefined,
        truncated: false
      })
    ).toEqual({
      Rotations: [
        { KeyId: ARN, KeyMaterialId: "0".repeat(64), KeyMaterialState: "NON_CURRENT" },
        { KeyId: ARN, KeyMaterialId: MATERIAL, KeyMaterialState: "CURRENT", RotationDate: 1_710_000_000, RotationType: "ON_DEMAND" }
      ],
      Truncated: false
    })
  })

  it("encodes the import members of rotation entries in model order, and only when defined", () => {
    const wire = encodeResponse("ListKeyRotations", {
      items: [
        {
          keyId: ARN,
          keyMaterialId: MATERIAL,
          keyMaterialState: "CURRENT",
          rotationDate: undefined,
          rotationType: undefined,
          keyMaterialDescription: "first import",
          importState: "IMPORTED",
          expirationModel: "KEY_MATERIAL_EXPIRES",
          validTo: 1_735_689_600_500
        },
        {
          keyId: ARN,
          keyMaterialId: "b".repeat(64),
          keyMaterialState: "PENDING_ROTATION",
          rotationDate: undefined,
          rotationType: undefined,
          importState: "PENDING_IMPORT"
        }
      ],
      nextMarker: undefined,
      truncated: false
    })
    const [first, second] = wire["Rotations"] as ReadonlyArray<Record<string, unknown>>
    expect(first).toEqual({
      KeyId: ARN,
      KeyMaterialId: MATERIAL,
      KeyMaterialDescription: "first import",
      ImportState: "IMPORTED",
      KeyMaterialState: "CURRENT",
      ExpirationModel: "KEY_MATERIAL_EXPIRES",
      ValidTo: 1_735_689_600.5
    })
    expect(Object.keys(first ?? {})).toEqual([
      "KeyId", "KeyMaterialId", "KeyMaterialDescription", "ImportState", "KeyMaterialState", "ExpirationModel", "ValidTo"
    ])
    expect(second).toEqual({ KeyId: ARN, KeyMaterialId: "b".repeat(64), ImportState: "PENDING_IMPORT", KeyMaterialState: "PENDING_ROTATION" })
  })

  it("encodes ReplicateKey's replica metadata, policy and tags", () => {
    const replica: KeyMetadata = { ...metadata, enabled: false, keyState: "Creating" }
    const wire = encodeResponse("ReplicateKey", {
      replicaKeyMetadata: replica,
      replicaPolicy: "{}",
      replicaTags: [{ tagKey: "team", tagValue: "payments" }]
    })
    expect(wire).toEqual({
      ReplicaKeyMetadata: { ...wireMetadata, Enabled: false, KeyState: "Creating" },
      ReplicaPolicy: "{}",
      ReplicaTags: [{ TagKey: "team", TagValue: "payments" }]
    })
    expect(Object.keys(wire)).toEqual(["ReplicaKeyMetadata", "ReplicaPolicy", "ReplicaTags"])
    // AWS sends no ReplicaTags member when the replica has no tags (this asserted `ReplicaTags: []` before).
    expect(encodeResponse("ReplicateKey", { replicaKeyMetadata: replica, replicaPolicy: "{}", replicaTags: [] })).not.toHaveProperty("ReplicaTags")
  })

  it("encodes GetParametersForImport with base64 blobs and ParametersValidTo in seconds", () => {
    const wire = encodeResponse("GetParametersForImport", {
      keyId: ARN,
      importToken: new Uint8Array([1, 2, 3]),
      publicKey: new Uint8Array([48, 130]),
      parametersValidTo: 1_700_086_400_123
    })
    expect(wire).toEqual({ KeyId: ARN, ImportToken: "AQID", PublicKey: "MII=", ParametersValidTo: 1_700_086_400.123 })
    expect(Object.keys(wire)).toEqual(["KeyId", "ImportToken", "PublicKey", "ParametersValidTo"])
  })

  it.each(["ImportKeyMaterial", "DeleteImportedKeyMaterial"] as const)("encodes %s as the key ARN and the material id", (operation) => {
    expect(encodeResponse(operation, { keyId: ARN, keyMaterialId: MATERIAL })).toEqual({ KeyId: ARN, KeyMaterialId: MATERIAL })
  })

  it("encodes ScheduleKeyDeletion, CancelKeyDeletion and RotateKeyOnDemand with the key ARN", () => {
    expect(
      encodeResponse("ScheduleKeyDeletion", { keyId: ARN, deletionDate: 1_702_592_000_500, keyState: "PendingDeletion", pendingWindowInDays: 30 })
    ).toEqual({ KeyId: ARN, DeletionDate: 1_702_592_000.5, KeyState: "PendingDeletion", PendingWindowInDays: 30 })
    expect(encodeResponse("CancelKeyDeletion", { keyId: ARN })).toEqual({ KeyId: ARN })
    expect(encodeResponse("RotateKeyOnDemand", { keyId: ARN })).toEqual({ KeyId: ARN })
  })

  it("encodes GetKeyRotationStatus, with the period and next date only while enabled", () => {
    expect(
      encodeResponse("GetKeyRotationStatus", { keyId: ARN, keyRotationEnabled: true, rotationPeriodInDays: 365, nextRotationDate: 1_731_536_000_000 })
    ).toEqual({ KeyRotationEnabled: true, KeyId: ARN, RotationPeriodInDays: 365, NextRotationDate: 1_731_536_000 })
    expect(
      encodeResponse("GetKeyRotationStatus", { keyId: ARN, keyRotationEnabled: false, rotationPeriodInDays: undefined, nextRotationDate: undefined })
    ).toEqual({ KeyRotationEnabled: false, KeyId: ARN })
  })

  it("encodes GetKeyPolicy", () => {
    expect(encodeResponse("GetKeyPolicy", { policy: "{}", policyName: "default" })).toEqual({ Policy: "{}", PolicyName: "default" })
  })

  it("encodes crypto results with base64 blobs and the key ARN", () => {
    expect(encodeResponse("Encrypt", { ciphertextBlob: new Uint8Array([1, 2, 3]), keyId: ARN, encryptionAlgorithm: "SYMMETRIC_DEFAULT" })).toEqual({
      CiphertextBlob: "AQID",
      KeyId: ARN,
      EncryptionAlgorithm: "SYMMETRIC_DEFAULT"
    })
    expect(encodeResponse("Decrypt", { keyId: ARN, plaintext: secret(104, 105), encryptionAlgorithm: "SYMMETRIC_DEFAULT", keyMaterialId: MATERIAL })).toEqual({
      KeyId: ARN,
      Plaintext: "aGk=",
      EncryptionAlgorithm: "SYMMETRIC_DEFAULT",
      KeyMaterialId: MATERIAL
    })
    expect(
      encodeResponse("ReEncrypt", {
        ciphertextBlob: new Uint8Array([255]),
        sourceKeyId: ARN,
        keyId: `${ARN}2`,
        sourceEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
        destinationEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
        sourceKeyMaterialId: MATERIAL,
        destinationKeyMaterialId: "b".repeat(64)
      })
    ).toEqual({
      CiphertextBlob: "/w==",
      SourceKeyId: ARN,
      KeyId: `${ARN}2`,
      SourceEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
      DestinationEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
      SourceKeyMaterialId: MATERIAL,
      DestinationKeyMaterialId: "b".repeat(64)
    })
  })

  it("encodes data keys and random bytes, the secrets in base64", () => {
    expect(
      encodeResponse("GenerateDataKey", { ciphertextBlob: new Uint8Array([1]), plaintext: secret(0, 0, 0), keyId: ARN, keyMaterialId: MATERIAL })
    ).toEqual({ CiphertextBlob: "AQ==", Plaintext: "AAAA", KeyId: ARN, KeyMaterialId: MATERIAL })
    expect(encodeResponse("GenerateDataKeyWithoutPlaintext", { ciphertextBlob: new Uint8Array([1]), keyId: ARN, keyMaterialId: MATERIAL })).toEqual({
      CiphertextBlob: "AQ==",
      KeyId: ARN,
      KeyMaterialId: MATERIAL
    })
    expect(encodeResponse("GenerateRandom", { plaintext: secret(251, 255) })).toEqual({ Plaintext: "+/8=" })
  })

  it("sends Truncated on every page and NextMarker exactly when truncated", async () => {
    await checkProperty(
      "pages",
      fc.property(
        fc.array(fc.string(), { maxLength: 5 }),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        fc.boolean(),
        (items, nextMarker, truncated) => {
          const wire = encodeResponse("ListKeyPolicies", { items, nextMarker, truncated })
          expect(wire["Truncated"]).toBe(truncated)
          expect(wire["PolicyNames"]).toEqual(items)
          expect("NextMarker" in wire).toBe(truncated && nextMarker !== undefined)
        }
      )
    )
  })

  it("encodes any KeyMetadata as JSON with no absent members and times in seconds", async () => {
    const optionalTime = fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined })
    await checkProperty(
      "KeyMetadata encodes",
      fc.property(
        fc.record({
          keyId: fc.uuid(),
          creationDate: fc.integer({ min: 0, max: 4_102_444_800_000 }),
          deletionDate: optionalTime,
          keySpec: fc.constantFrom(...KeySpecs),
          keyUsage: fc.constantFrom(...KeyUsages),
          keyState: fc.constantFrom(...KeyStates),
          origin: fc.constantFrom(...Origins),
          encryptionAlgorithms: fc.option(fc.subarray([...EncryptionAlgorithms]), { nil: undefined }),
          currentKeyMaterialId: fc.option(fc.stringMatching(/^[a-f0-9]{64}$/), { nil: undefined }),
          description: fc.string()
        }),
        (fields) => {
          const wire = encodeResponse("DescribeKey", { ...metadata, ...fields, customerMasterKeySpec: customerMasterKeySpecOf(fields.keySpec) })
          const encoded = wire["KeyMetadata"] as Record<string, unknown>
          expect(JSON.parse(JSON.stringify(wire))).toEqual(wire)
          expect(Object.values(encoded)).not.toContain(undefined)
          expect(encoded["CreationDate"]).toBe(fields.creationDate / 1000)
          expect("DeletionDate" in encoded).toBe(fields.deletionDate !== undefined)
          expect("EncryptionAlgorithms" in encoded).toBe(fields.encryptionAlgorithms !== undefined)
        }
      )
    )
  })

  it("encodes any plaintext so that it decodes back to the same bytes", async () => {
    await checkProperty(
      "secrets round trip through base64",
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), fc.uint8Array({ minLength: 1, maxLength: 64 }), (plain, blob) => {
        const wire = encodeResponse("GenerateDataKey", {
          ciphertextBlob: blob,
          plaintext: SecretBytes.copy(plain),
          keyId: ARN,
          keyMaterialId: MATERIAL
        })
        expect(Result.getOrThrow(decodeBase64(wire["Plaintext"] as string))).toEqual(plain)
        expect(Result.getOrThrow(decodeBase64(wire["CiphertextBlob"] as string))).toEqual(blob)
      })
    )
  })
})
