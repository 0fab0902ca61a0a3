import { describe, expect, it } from "vitest"
import { UsageError } from "../cli/CliFailure.ts"
import { locateLog } from "./LogLocation.ts"

const keyId = "1234abcd-12ab-34cd-56ef-1234567890ab"
const options = { dataDir: "/data", region: undefined, defaultRegion: "us-east-1" }

describe("locateLog", () => {
  it("finds a key id's stream in the default Region's log", () => {
    expect(locateLog(keyId, options)).toEqual({ file: "/data/us-east-1/events.db", region: "us-east-1", target: { _tag: "Key", keyId } })
  })

  it("takes the Region from an ARN, and --region from the flag otherwise", () => {
    expect(locateLog(`arn:aws:kms:eu-west-1:111122223333:key/${keyId}`, options)).toMatchObject({
      file: "/data/eu-west-1/events.db",
      target: { _tag: "Key", keyId }
    })
    expect(locateLog(keyId, { ...options, region: "ap-south-1" })).toMatchObject({ file: "/data/ap-south-1/events.db" })
  })

  it("names an alias's own stream, from its name or its ARN", () => {
    expect(locateLog("alias/prod", options)).toMatchObject({ target: { _tag: "Alias", aliasName: "alias/prod" } })
    expect(locateLog("arn:aws:kms:us-east-1:111122223333:alias/prod", options)).toMatchObject({
      target: { _tag: "Alias", aliasName: "alias/prod" }
    })
  })

  it("rejects what is no key reference, an ARN that contradicts --region, and a malformed Region", () => {
    for (const [reference, region] of [["prod", undefined], ["alias/", undefined], ["arn:aws:kms:us-east-1:111122223333:key/nope", undefined], [`arn:aws:kms:eu-west-1:111122223333:key/${keyId}`, "us-east-1"], [keyId, "Mars"]] as const) {
      expect(locateLog(reference, { ...options, region }), reference).toBeInstanceOf(UsageError)
    }
  })
})
