import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ConfigError } from "../config/ConfigError.ts"
import { readSeedFile } from "./seedFile.ts"

const dir = mkdtempSync(join(tmpdir(), "trent-seed-"))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const options = { regions: ["eu-west-1", "us-east-1"], devMode: false }
const keyId = "11111111-2222-4333-8444-555555555555"

describe("a seed file", () => {
  it("reads YAML keys in CreateKey's terms, with defaults for what it leaves out", () => {
    const path = file("seed.yaml", `
Keys:
  - KeyId: ${keyId}
    Description: payments
    Aliases: [alias/payments]
    Tags: [{ TagKey: team, TagValue: payments }]
    Policy:
      Version: "2012-10-17"
      Statement: [{ Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }]
  - KeyId: mrk-0123456789abcdef0123456789abcdef
    Region: us-east-1
    KeySpec: HMAC_256
`)
    const [first, second] = readSeedFile(path, options)
    expect(first).toMatchObject({
      region: "eu-west-1",
      aliases: ["alias/payments"],
      key: { keyId, keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", description: "payments", tags: [{ tagKey: "team", tagValue: "payments" }] }
    })
    expect(JSON.parse(first!.key.policy!)).toMatchObject({ Version: "2012-10-17" })
    expect(second).toMatchObject({ region: "us-east-1", key: { keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC", policy: undefined } })
  })

  it("reads JSON, with a policy given as its JSON text", () => {
    const path = file("seed.json", JSON.stringify({ Keys: [{ KeyId: keyId, Policy: "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }] }))
    expect(readSeedFile(path, options)[0]!.key.policy).toBe("{\"Version\":\"2012-10-17\",\"Statement\":[]}")
  })

  it("refuses unknown members, unknown specs, unhosted Regions and a key listed twice", () => {
    const cases: Array<[string, RegExp]> = [
      [`Keys:\n  - KeyId: ${keyId}\n    Aliasses: [alias/x]\n`, /Aliasses/],
      [`Keys:\n  - KeyId: ${keyId}\n    KeySpec: AES_512\n`, /Expected "RSA_2048".*\n.*\["KeySpec"\]/],
      [`Keys:\n  - KeyId: ${keyId}\n    Region: ap-south-1\n`, /Region ap-south-1 is not hosted/],
      [`Keys:\n  - KeyId: ${keyId}\n  - KeyId: ${keyId}\n`, /listed twice/],
      [`Keys: [\n`, /cannot parse the seed file/]
    ]
    for (const [text, message] of cases) {
      expect(() => readSeedFile(file("bad.yaml", text), options), text).toThrow(ConfigError)
      expect(() => readSeedFile(file("bad.yaml", text), options), text).toThrow(message)
    }
  })

  it("takes fixed material only in dev mode, and never quotes it in an error", () => {
    const material = Buffer.alloc(32, 5).toString("base64")
    const path = file("material.yaml", `Keys:\n  - KeyId: ${keyId}\n    Material: ${material}\n`)
    expect(() => readSeedFile(path, options)).toThrow(/accepted only in dev mode/)
    expect(readSeedFile(path, { ...options, devMode: true })[0]!.key.material!.unsafeBytes()).toEqual(new Uint8Array(32).fill(5))
    const notBase64 = file("bad-material.yaml", `Keys:\n  - KeyId: ${keyId}\n    Material: "not base64 s3cr3t!"\n`)
    try {
      readSeedFile(notBase64, { ...options, devMode: true })
      expect.unreachable()
    } catch (error) {
      expect((error as Error).message).toMatch(/Material must be base64/)
      expect((error as Error).message).not.toContain("s3cr3t")
    }
  })
})
