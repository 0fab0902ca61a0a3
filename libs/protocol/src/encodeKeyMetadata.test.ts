import { ExpirationModels, type KeyMetadata, type MultiRegionConfiguration } from "@trent/domain"
import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { encodeKeyMetadata } from "./encodeKeyMetadata.ts"
import { ARN, KEY, metadata, wireMetadata } from "./keyMetadataFixture.test-support.ts"

/** KeyMetadata's members in the API model's order (AWS SDK for JavaScript v3 `KeyMetadata$` schema). */
const MODEL_ORDER = [
  "AWSAccountId", "KeyId", "Arn", "CreationDate", "Enabled", "Description", "KeyUsage", "KeyState", "DeletionDate",
  "ValidTo", "Origin", "CustomKeyStoreId", "CloudHsmClusterId", "ExpirationModel", "KeyManager", "CustomerMasterKeySpec",
  "KeySpec", "EncryptionAlgorithms", "SigningAlgorithms", "KeyAgreementAlgorithms", "MultiRegion",
  "MultiRegionConfiguration", "PendingDeletionWindowInDays", "MacAlgorithms", "XksKeyConfiguration", "CurrentKeyMaterialId"
]

const MRK = "mrk-1234abcd12ab34cd56ef1234567890ab"
const primaryArn = `arn:aws:kms:us-east-1:111122223333:key/${MRK}`
const replicaArn = (region: string) => `arn:aws:kms:${region}:111122223333:key/${MRK}`

const multiRegion = (configuration: MultiRegionConfiguration): KeyMetadata => ({
  ...metadata,
  keyId: MRK,
  arn: configuration.multiRegionKeyType === "PRIMARY" ? primaryArn : replicaArn("eu-west-1"),
  multiRegion: true,
  multiRegionConfiguration: configuration
})

/** The members the encoding has, in the order it has them. */
const keysOf = (wire: Record<string, unknown>): ReadonlyArray<string> => Object.keys(wire)

describe("encodeKeyMetadata", () => {
  it("leaves out every member a single-Region AWS_KMS key lacks", () => {
    const wire = encodeKeyMetadata(metadata)
    expect(wire).toEqual(wireMetadata)
    for (const absent of ["DeletionDate", "ValidTo", "ExpirationModel", "MultiRegionConfiguration", "PendingDeletionWindowInDays"]) {
      expect(keysOf(wire)).not.toContain(absent)
    }
  })

  it("sends a new primary's MultiRegionConfiguration with an empty ReplicaKeys list", () => {
    const wire = encodeKeyMetadata(
      multiRegion({ multiRegionKeyType: "PRIMARY", primaryKey: { arn: primaryArn, region: "us-east-1" }, replicaKeys: [] })
    )
    expect(wire["MultiRegion"]).toBe(true)
    expect(wire["MultiRegionConfiguration"]).toEqual({
      MultiRegionKeyType: "PRIMARY",
      PrimaryKey: { Arn: primaryArn, Region: "us-east-1" },
      ReplicaKeys: []
    })
  })

  it("encodes a replica's configuration with the primary and every replica as {Arn, Region}", () => {
    const wire = encodeKeyMetadata(
      multiRegion({
        multiRegionKeyType: "REPLICA",
        primaryKey: { arn: primaryArn, region: "us-east-1" },
        replicaKeys: [{ arn: replicaArn("eu-west-1"), region: "eu-west-1" }, { arn: replicaArn("ap-southeast-2"), region: "ap-southeast-2" }]
      })
    )
    const configuration = wire["MultiRegionConfiguration"] as Record<string, unknown>
    expect(configuration).toEqual({
      MultiRegionKeyType: "REPLICA",
      PrimaryKey: { Arn: primaryArn, Region: "us-east-1" },
      ReplicaKeys: [{ Arn: replicaArn("eu-west-1"), Region: "eu-west-1" }, { Arn: replicaArn("ap-southeast-2"), Region: "ap-southeast-2" }]
    })
    expect(keysOf(configuration)).toEqual(["MultiRegionKeyType", "PrimaryKey", "ReplicaKeys"])
    expect(keysOf(configuration["PrimaryKey"] as Record<string, unknown>)).toEqual(["Arn", "Region"])
  })

  it("sends PendingDeletionWindowInDays for a primary PendingReplicaDeletion", () => {
    const wire = encodeKeyMetadata({
      ...multiRegion({ multiRegionKeyType: "PRIMARY", primaryKey: { arn: primaryArn, region: "us-east-1" }, replicaKeys: [] }),
      enabled: false,
      keyState: "PendingReplicaDeletion",
      pendingDeletionWindowInDays: 7
    })
    expect(wire["KeyState"]).toBe("PendingReplicaDeletion")
    expect(wire["PendingDeletionWindowInDays"]).toBe(7)
    expect(keysOf(wire)).not.toContain("DeletionDate")
  })

  it("sends ValidTo in epoch seconds and ExpirationModel for expiring imported material", () => {
    const wire = encodeKeyMetadata({
      ...metadata,
      origin: "EXTERNAL",
      expirationModel: "KEY_MATERIAL_EXPIRES",
      validTo: 1_735_689_600_250
    })
    expect(wire["ValidTo"]).toBe(1_735_689_600.25)
    expect(wire["ExpirationModel"]).toBe("KEY_MATERIAL_EXPIRES")
    expect(wire["Origin"]).toBe("EXTERNAL")
  })

  it("sends ExpirationModel without ValidTo for material that does not expire", () => {
    const wire = encodeKeyMetadata({ ...metadata, origin: "EXTERNAL", expirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" })
    expect(wire["ExpirationModel"]).toBe("KEY_MATERIAL_DOES_NOT_EXPIRE")
    expect(keysOf(wire)).not.toContain("ValidTo")
  })

  it("puts every member it sends in the model's order", () => {
    const wire = encodeKeyMetadata({
      ...multiRegion({ multiRegionKeyType: "PRIMARY", primaryKey: { arn: primaryArn, region: "us-east-1" }, replicaKeys: [] }),
      enabled: false,
      keyState: "PendingDeletion",
      deletionDate: 1_702_592_000_000,
      origin: "EXTERNAL",
      expirationModel: "KEY_MATERIAL_EXPIRES",
      validTo: 1_735_689_600_000,
      pendingDeletionWindowInDays: 30
    })
    expect(keysOf(wire)).toEqual([
      "AWSAccountId", "KeyId", "Arn", "CreationDate", "Enabled", "Description", "KeyUsage", "KeyState", "DeletionDate",
      "ValidTo", "Origin", "ExpirationModel", "KeyManager", "CustomerMasterKeySpec", "KeySpec", "EncryptionAlgorithms",
      "MultiRegion", "MultiRegionConfiguration", "PendingDeletionWindowInDays", "CurrentKeyMaterialId"
    ])
  })

  it("encodes any KeyMetadata in model order, with exactly the members it has", async () => {
    const optionalTime = fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined })
    const region = fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2")
    const configuration = fc.record({
      multiRegionKeyType: fc.constantFrom("PRIMARY" as const, "REPLICA" as const),
      primaryKey: fc.record({ arn: fc.constant(primaryArn), region }),
      replicaKeys: fc.array(fc.record({ arn: fc.constant(ARN), region }), { maxLength: 3 })
    })
    await checkProperty(
      "KeyMetadata keeps the model's member order",
      fc.property(
        fc.record({
          deletionDate: optionalTime,
          validTo: optionalTime,
          expirationModel: fc.option(fc.constantFrom(...ExpirationModels), { nil: undefined }),
          multiRegionConfiguration: fc.option(configuration, { nil: undefined }),
          pendingDeletionWindowInDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined })
        }),
        (fields) => {
          const wire = encodeKeyMetadata({ ...metadata, keyId: KEY, ...fields })
          const keys = keysOf(wire)
          expect(keys).toEqual(MODEL_ORDER.filter((member) => keys.includes(member)))
          expect(Object.values(wire)).not.toContain(undefined)
          expect("ValidTo" in wire).toBe(fields.validTo !== undefined)
          expect("ExpirationModel" in wire).toBe(fields.expirationModel !== undefined)
          expect("MultiRegionConfiguration" in wire).toBe(fields.multiRegionConfiguration !== undefined)
          expect("PendingDeletionWindowInDays" in wire).toBe(fields.pendingDeletionWindowInDays !== undefined)
          if (fields.validTo !== undefined) expect(wire["ValidTo"]).toBe(fields.validTo / 1000)
        }
      )
    )
  })
})
