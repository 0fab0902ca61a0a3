import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { scratchDirectory } from "@trent/testing"
import { it } from "@effect/vitest"
import { Effect, Logger } from "effect"
import { afterAll, describe, expect } from "vitest"
import { type CredentialOptions, Credentials } from "./Credentials.ts"
import { createPrivateFile } from "./PrivateFile.ts"
import { kmsRequest, verifyOptions } from "./signedRequests.test-support.ts"

const scratch = scratchDirectory("auth", afterAll)

const mode = (path: string): number => statSync(path).mode & 0o777

/** Builds the layer, returns the service and the log lines. */
const start = (options: Partial<CredentialOptions> & { readonly dataDir: string }) =>
  Effect.gen(function*() {
    const lines: Array<string> = []
    const capture = Logger.make(({ message }) => lines.push(Array.isArray(message) ? message.join(" ") : String(message)))
    const credentials = yield* Effect.provide(
      Effect.gen(function*() {
        return yield* Credentials
      }),
      Credentials.layer({ defaultRegion: "eu-west-1", devMode: false, ...options })
    ).pipe(Effect.provide(Logger.layer([capture])))
    return { credentials, lines }
  })

const startError = (options: Partial<CredentialOptions> & { readonly dataDir: string }) => Effect.flip(start(options))

/** The profile's values from the shared-credentials file. */
const profile = (dataDir: string) => {
  const text = readFileSync(join(dataDir, "credentials"), "utf8")
  const value = (key: string) => new RegExp(`^${key} = (.*)$`, "m").exec(text)![1]!
  return { text, accessKeyId: value("aws_access_key_id"), secretAccessKey: value("aws_secret_access_key"), region: value("region") }
}

const configFile = (content: string, fileMode = 0o600): string => {
  const path = scratch.fresh("trent-credentials.json")
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content, { mode: fileMode })
  chmodSync(path, fileMode)
  return path
}

const validConfig = JSON.stringify({
  accounts: [{
    accountId: "111122223333",
    principals: [{
      arn: "arn:aws:iam::111122223333:user/alice",
      accessKeys: [{ accessKeyId: "AKIAALICEEXAMPLE0001", secretAccessKey: "alice-secret-do-not-print" }]
    }]
  }]
})

describe("first start", () => {
  it.effect("creates the default account's admin key in trent-credentials.json and credentials, both 0600 in 0700 directories", () =>
    Effect.gen(function*() {
      const dataDir = join(scratch.fresh("data"), "trent")
      yield* start({ dataDir })
      const configPath = join(dataDir, "trent-credentials.json")
      expect(readdirSync(dataDir).sort()).toEqual(["credentials", "trent-credentials.json"])
      expect(mode(configPath)).toBe(0o600)
      expect(mode(join(dataDir, "credentials"))).toBe(0o600)
      expect(mode(dataDir)).toBe(0o700)
      expect(mode(dirname(dataDir))).toBe(0o700)

      const { accessKeyId, region, secretAccessKey, text } = profile(dataDir)
      expect(text).toBe(
        `[default]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\nregion = eu-west-1\n`
      )
      expect(accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/)
      expect(secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/)
      expect(region).toBe("eu-west-1")
      expect(JSON.parse(readFileSync(configPath, "utf8"))).toEqual({
        accounts: [{
          accountId: "111122223333",
          principals: [{
            arn: "arn:aws:iam::111122223333:user/admin",
            accessKeys: [{ accessKeyId, secretAccessKey }],
            policies: [{
              name: "TrentAdministrator",
              document: { Version: "2012-10-17", Statement: [{ Sid: "AllKms", Effect: "Allow", Action: "kms:*", Resource: "*" }] }
            }]
          }]
        }]
      })
    }))

  it.effect("makes a key that authenticates as the default account's admin", () =>
    Effect.gen(function*() {
      const dataDir = scratch.fresh("data")
      const { credentials } = yield* start({ dataDir, defaultAccountId: "444455556666" })
      const { accessKeyId, secretAccessKey } = profile(dataDir)
      const { principal } = yield* credentials.authenticate(kmsRequest({ key: { accessKeyId, secretAccessKey } }), verifyOptions)
      expect(principal).toMatchObject({ arn: "arn:aws:iam::444455556666:user/admin", type: "IAMUser", accessKeyId })
      expect(credentials.defaultAccountId).toBe("444455556666")
    }))

  it.effect("logs where both files are and how to use them, never the secret", () =>
    Effect.gen(function*() {
      const dataDir = scratch.fresh("data")
      const { lines } = yield* start({ dataDir })
      const { accessKeyId, secretAccessKey } = profile(dataDir)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain(join(dataDir, "trent-credentials.json"))
      expect(lines[0]).toContain(`AWS_SHARED_CREDENTIALS_FILE=${join(dataDir, "credentials")}`)
      expect(lines[0]).toContain(accessKeyId)
      expect(lines[0]).not.toContain(secretAccessKey)
    }))

  it.effect("is not repeated: a second start reuses the key and says nothing", () =>
    Effect.gen(function*() {
      const dataDir = scratch.fresh("data")
      yield* start({ dataDir })
      const before = profile(dataDir)
      const configBefore = readFileSync(join(dataDir, "trent-credentials.json"), "utf8")
      const second = yield* start({ dataDir })
      expect(second.lines).toEqual([])
      expect(profile(dataDir)).toEqual(before)
      expect(readFileSync(join(dataDir, "trent-credentials.json"), "utf8")).toBe(configBefore)
      yield* second.credentials.authenticate(kmsRequest({ key: before }), verifyOptions)
    }))

  it.effect("leaves no files in dev mode, which needs no keys", () =>
    Effect.gen(function*() {
      const dataDir = scratch.fresh("data")
      const { credentials } = yield* start({ dataDir, devMode: true })
      expect(existsSync(dataDir)).toBe(false)
      const { principal } = yield* credentials.authenticate(
        { ...kmsRequest(), headers: { host: "localhost" } },
        verifyOptions
      )
      expect(principal.arn).toBe("arn:aws:iam::111122223333:user/admin")
    }))

  it("never replaces a file another process created first", () => {
    const path = scratch.fresh("trent-credentials.json")
    expect(createPrivateFile(path, "first")).toBe(true)
    expect(createPrivateFile(path, "second")).toBe(false)
    expect(readFileSync(path, "utf8")).toBe("first")
    expect(readdirSync(dirname(path))).toEqual(["trent-credentials.json"])
  })
})

describe("the credentials file", () => {
  it.effect("is read from TRENT_CREDENTIALS_CONFIG when given", () =>
    Effect.gen(function*() {
      const dataDir = scratch.fresh("data")
      const { credentials } = yield* start({ dataDir, configFile: configFile(validConfig) })
      const key = { accessKeyId: "AKIAALICEEXAMPLE0001", secretAccessKey: "alice-secret-do-not-print" }
      const { principal } = yield* credentials.authenticate(kmsRequest({ key }), verifyOptions)
      expect(principal.arn).toBe("arn:aws:iam::111122223333:user/alice")
      expect(existsSync(dataDir)).toBe(false)
    }))

  it.effect("must exist when named explicitly", () =>
    Effect.gen(function*() {
      const path = scratch.fresh("missing.json")
      const error = yield* startError({ dataDir: scratch.fresh("data"), configFile: path })
      expect(error.message).toBe(`the credentials file ${path} (TRENT_CREDENTIALS_CONFIG) does not exist`)
      expect((yield* startError({ dataDir: scratch.fresh("data"), configFile: "" })).message).toBe(
        "TRENT_CREDENTIALS_CONFIG is set but empty"
      )
    }))

  it.effect.each([0o640, 0o604, 0o644, 0o660])("is refused when group or others may read it (mode %o)", (fileMode) =>
    Effect.gen(function*() {
      const path = configFile(validConfig, fileMode)
      const error = yield* startError({ dataDir: scratch.fresh("data"), configFile: path })
      expect(error._tag).toBe("CredentialsConfigError")
      expect(error.message).toBe(
        `refusing the credentials file ${path}: group or others may access it ` +
          `(mode 0${fileMode.toString(8)}); run chmod 600 ${path}`
      )
    }))

  it.effect("that is not JSON is refused without quoting it", () =>
    Effect.gen(function*() {
      const path = configFile(`{"accounts": [{"secretAccessKey": "alice-secret-do-not-print" oops`)
      const error = yield* startError({ dataDir: scratch.fresh("data"), configFile: path })
      expect(error.message).toMatch(new RegExp(`^the credentials file ${path} is not valid JSON`))
      expect(error.message).not.toContain("alice-secret")
    }))

  it.effect("with invalid fields names each field and never a secret", () =>
    Effect.gen(function*() {
      const path = configFile(JSON.stringify({
        accounts: [{
          accountId: "1111",
          principals: [{ arn: "arn:aws:iam::111122223333:user/alice", accessKeys: [{ accessKeyId: "akia", secretAccessKey: 7 }] }]
        }]
      }))
      const error = yield* startError({ dataDir: scratch.fresh("data"), configFile: path })
      expect(error.message).toBe(
        `the credentials file ${path} is invalid: accounts[0].accountId: must be 12 digits; ` +
          "accounts[0].principals[0].accessKeys[0].accessKeyId: must be 16 to 128 characters from A-Z and 0-9; " +
          "accounts[0].principals[0].accessKeys[0].secretAccessKey: Expected string"
      )
    }))

  it.effect("keeps fields it does not know yet (identity policies) out of its way", () =>
    Effect.gen(function*() {
      const withPolicies = JSON.parse(validConfig)
      withPolicies.accounts[0].principals[0].identityPolicies = [{ Version: "2012-10-17", Statement: [] }]
      yield* start({ dataDir: scratch.fresh("data"), configFile: configFile(JSON.stringify(withPolicies)) })
    }))
})

describe("TRENT_ACCOUNT_ID", () => {
  it.effect("must be 12 digits", () =>
    Effect.gen(function*() {
      const error = yield* startError({ dataDir: scratch.fresh("data"), defaultAccountId: "12345" })
      expect(error.message).toBe("TRENT_ACCOUNT_ID must be 12 digits, got '12345'")
    }))
})
