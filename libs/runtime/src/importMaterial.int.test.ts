import { assert, describe, it } from "@effect/vitest"
import { constants, createCipheriv, createHmac, createPublicKey, generateKeyPairSync, publicEncrypt, randomBytes, verify } from "node:crypto"
import { DAY_MS } from "@trent/domain"
import { Duration, Effect } from "effect"
import { TestClock } from "effect/testing"
import type { RegionApi } from "./RegionApi.ts"
import { regionGroup } from "./regionGroup.test-support.ts"
import { utf8 } from "./regionFixtures.test-support.ts"

const settle = TestClock.withLive(Effect.sleep(Duration.millis(50)))
const advance = (ms: number) => Effect.andThen(TestClock.adjust(ms), settle)
const failure = <A, E extends { _tag: string; message?: string }>(effect: Effect.Effect<A, E>) =>
  Effect.flip(effect).pipe(Effect.map((e) => ({ tag: e._tag, message: e.message ?? "" })))

/** What a user does with node:crypto and GetParametersForImport's public key (RSA_AES_KEY_WRAP_SHA_256 or RSAES_OAEP_SHA_256). */
const wrap = (publicKey: Uint8Array, material: Uint8Array, aesKeyWrap: boolean): Uint8Array => {
  const key = createPublicKey({ key: Buffer.from(publicKey), format: "der", type: "spki" })
  const oaep = (bytes: Uint8Array) => publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, bytes)
  if (!aesKeyWrap) return new Uint8Array(oaep(material))
  const aesKey = randomBytes(32)
  const kwp = createCipheriv("id-aes256-wrap-pad", aesKey, Buffer.from("A65959A6", "hex"))
  return new Uint8Array(Buffer.concat([oaep(aesKey), kwp.update(material), kwp.final()]))
}

const importInto = (region: RegionApi, keyId: string, material: Uint8Array, terms: { validTo?: number; keyMaterialId?: string; importType?: "NEW_KEY_MATERIAL" } = {}) =>
  Effect.gen(function*() {
    const parameters = yield* region.getParametersForImport({ keyId, wrappingAlgorithm: "RSA_AES_KEY_WRAP_SHA_256", wrappingKeySpec: "RSA_2048" })
    return yield* region.importKeyMaterial({
      keyId,
      importToken: parameters.importToken,
      encryptedKeyMaterial: wrap(parameters.publicKey, material, true),
      ...(terms.validTo === undefined ? { expirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" as const } : { validTo: terms.validTo }),
      ...(terms.keyMaterialId === undefined ? {} : { keyMaterialId: terms.keyMaterialId }),
      ...(terms.importType === undefined ? {} : { importType: terms.importType })
    })
  })

describe("importing key material (BYOK)", () => {
  it.effect("imports symmetric material: PendingImport → Enabled; expiry, re-import of the same material, other material, deletion", () =>
    Effect.scoped(Effect.gen(function*() {
      const region = (yield* regionGroup(["eu-west-1"]))("eu-west-1")
      const key = yield* region.createKey({ origin: "EXTERNAL" })
      assert.strictEqual(key.keyState, "PendingImport")
      assert.isFalse(key.enabled)
      assert.isUndefined(key.currentKeyMaterialId)
      assert.strictEqual((yield* failure(region.encrypt({ keyId: key.keyId, plaintext: utf8("x") }))).message, `${key.arn} is pending import.`)

      const material = randomBytes(32)
      const parameters = yield* region.getParametersForImport({ keyId: key.keyId, wrappingAlgorithm: "RSAES_OAEP_SHA_256", wrappingKeySpec: "RSA_3072" })
      assert.strictEqual(parameters.keyId, key.arn)
      assert.strictEqual(parameters.parametersValidTo - (yield* TestClockNow), DAY_MS)
      const now = yield* TestClockNow
      const imported = yield* region.importKeyMaterial({
        keyId: key.keyId,
        importToken: parameters.importToken,
        encryptedKeyMaterial: wrap(parameters.publicKey, material, false),
        validTo: now + 10 * DAY_MS
      })
      assert.match(imported.keyMaterialId, /^[0-9a-f]{64}$/)
      const enabled = yield* region.describeKey({ keyId: key.keyId })
      assert.strictEqual(enabled.keyState, "Enabled")
      assert.strictEqual(enabled.expirationModel, "KEY_MATERIAL_EXPIRES")
      assert.strictEqual(enabled.validTo, now + 10 * DAY_MS)
      assert.strictEqual(enabled.currentKeyMaterialId, imported.keyMaterialId)
      const sealed = yield* region.encrypt({ keyId: key.keyId, plaintext: utf8("imported") })

      // Different material is refused; the token is for this key only.
      assert.strictEqual((yield* failure(importInto(region, key.keyId, randomBytes(32)))).tag, "IncorrectKeyMaterial")
      const other = yield* region.createKey({ origin: "EXTERNAL" })
      const otherParameters = yield* region.getParametersForImport({ keyId: other.keyId, wrappingAlgorithm: "RSA_AES_KEY_WRAP_SHA_256", wrappingKeySpec: "RSA_2048" })
      assert.strictEqual((yield* failure(region.importKeyMaterial({
        keyId: key.keyId,
        importToken: otherParameters.importToken,
        encryptedKeyMaterial: wrap(otherParameters.publicKey, material, true),
        expirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE"
      }))).tag, "InvalidImportToken")
      assert.strictEqual((yield* failure(region.importKeyMaterial({
        keyId: key.keyId,
        importToken: parameters.importToken,
        encryptedKeyMaterial: wrap(parameters.publicKey, material, false)
      }))).message, "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES")
      const garbled = wrap(parameters.publicKey, material, false)
      garbled[7]! ^= 1
      assert.strictEqual((yield* failure(region.importKeyMaterial({
        keyId: key.keyId, importToken: parameters.importToken, encryptedKeyMaterial: garbled, expirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE"
      }))).tag, "InvalidCiphertext")
      assert.strictEqual((yield* failure(importInto(region, key.keyId, randomBytes(31)))).tag, "IncorrectKeyMaterial")

      // The material expires: the key waits for it again.
      yield* advance(10 * DAY_MS + 60_000)
      assert.strictEqual((yield* region.describeKey({ keyId: key.keyId })).keyState, "PendingImport")
      assert.strictEqual((yield* failure(region.decrypt({ ciphertextBlob: sealed.ciphertextBlob }))).tag, "KeyInvalidState")
      // The token has expired too (24 hours).
      assert.strictEqual((yield* failure(region.importKeyMaterial({
        keyId: key.keyId, importToken: parameters.importToken, encryptedKeyMaterial: wrap(parameters.publicKey, material, false), expirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE"
      }))).tag, "ExpiredImportToken")
      const again = yield* importInto(region, key.keyId, material)
      assert.strictEqual(again.keyMaterialId, imported.keyMaterialId)
      const reimported = yield* region.describeKey({ keyId: key.keyId })
      assert.strictEqual(reimported.keyState, "Enabled")
      assert.strictEqual(reimported.expirationModel, "KEY_MATERIAL_DOES_NOT_EXPIRE")
      assert.deepStrictEqual((yield* region.decrypt({ ciphertextBlob: sealed.ciphertextBlob })).plaintext.unsafeBytes(), utf8("imported"))

      const deleted = yield* region.deleteImportedKeyMaterial({ keyId: key.keyId })
      assert.strictEqual(deleted.keyMaterialId, imported.keyMaterialId)
      assert.strictEqual((yield* region.describeKey({ keyId: key.keyId })).keyState, "PendingImport")
      assert.strictEqual((yield* failure(region.decrypt({ ciphertextBlob: sealed.ciphertextBlob }))).tag, "KeyInvalidState")
      yield* importInto(region, key.keyId, material)
      assert.deepStrictEqual((yield* region.decrypt({ ciphertextBlob: sealed.ciphertextBlob })).plaintext.unsafeBytes(), utf8("imported"))

      // Keys of AWS_KMS origin take no imported material.
      const generated = yield* region.createKey({})
      assert.strictEqual(
        (yield* failure(region.getParametersForImport({ keyId: generated.keyId, wrappingAlgorithm: "RSAES_OAEP_SHA_256", wrappingKeySpec: "RSA_2048" }))).message,
        `${generated.arn} origin is AWS_KMS which is not valid for this operation.`
      )
    })))

  it.effect("rotates an imported symmetric key on demand onto NEW_KEY_MATERIAL; old ciphertext still decrypts", () =>
    Effect.scoped(Effect.gen(function*() {
      const region = (yield* regionGroup(["eu-west-1"]))("eu-west-1")
      const key = yield* region.createKey({ origin: "EXTERNAL" })
      const first = yield* importInto(region, key.keyId, randomBytes(32))
      const old = yield* region.encrypt({ keyId: key.keyId, plaintext: utf8("old") })
      assert.strictEqual((yield* failure(region.rotateKeyOnDemand({ keyId: key.keyId }))).tag, "KeyInvalidState")
      const next = yield* importInto(region, key.keyId, randomBytes(32), { importType: "NEW_KEY_MATERIAL" })
      const listed = (yield* region.listKeyRotations({ keyId: key.keyId, includeKeyMaterial: "ALL_KEY_MATERIAL" })).items
      assert.deepStrictEqual(listed.map((r) => r.keyMaterialState), ["CURRENT", "PENDING_ROTATION"])
      assert.strictEqual((yield* region.describeKey({ keyId: key.keyId })).currentKeyMaterialId, first.keyMaterialId)
      yield* region.rotateKeyOnDemand({ keyId: key.keyId })
      assert.strictEqual((yield* region.describeKey({ keyId: key.keyId })).currentKeyMaterialId, next.keyMaterialId)
      const fresh = yield* region.encrypt({ keyId: key.keyId, plaintext: utf8("new") })
      assert.deepStrictEqual((yield* region.decrypt({ ciphertextBlob: fresh.ciphertextBlob })).keyMaterialId, next.keyMaterialId)
      assert.deepStrictEqual((yield* region.decrypt({ ciphertextBlob: old.ciphertextBlob })).plaintext.unsafeBytes(), utf8("old"))
    })))

  it.effect("imports HMAC and ECC material: MACs and signatures match node:crypto with the same key", () =>
    Effect.scoped(Effect.gen(function*() {
      const region = (yield* regionGroup(["eu-west-1"]))("eu-west-1")
      const hmac = yield* region.createKey({ origin: "EXTERNAL", keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" })
      const secret = randomBytes(40)
      yield* importInto(region, hmac.keyId, secret)
      const mac = yield* region.generateMac({ keyId: hmac.keyId, message: utf8("m"), macAlgorithm: "HMAC_SHA_256" })
      assert.deepStrictEqual(Buffer.from(mac.mac), createHmac("sha256", secret).update("m").digest())
      assert.strictEqual((yield* failure(importInto(region, hmac.keyId, randomBytes(40)))).tag, "IncorrectKeyMaterial")

      const ec = yield* region.createKey({ origin: "EXTERNAL", keySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" })
      const pair = generateKeyPairSync("ec", { namedCurve: "P-256" })
      const pkcs8 = new Uint8Array(pair.privateKey.export({ format: "der", type: "pkcs8" }))
      const wrongCurve = new Uint8Array(generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey.export({ format: "der", type: "pkcs8" }))
      assert.strictEqual((yield* failure(importInto(region, ec.keyId, wrongCurve))).tag, "IncorrectKeyMaterial")
      yield* importInto(region, ec.keyId, pkcs8)
      const signed = yield* region.sign({ keyId: ec.keyId, message: utf8("signed"), signingAlgorithm: "ECDSA_SHA_256" })
      assert.isTrue(verify("sha256", utf8("signed"), pair.publicKey, signed.signature))
      assert.deepStrictEqual(
        Buffer.from((yield* region.getPublicKey({ keyId: ec.keyId })).publicKey),
        pair.publicKey.export({ format: "der", type: "spki" })
      )
    })))

  it.effect("a multi-Region imported key: each Region imports the same material; ciphertext then crosses", () =>
    Effect.scoped(Effect.gen(function*() {
      const region = yield* regionGroup(["eu-west-1", "us-east-1"])
      const west = region("eu-west-1")
      const east = region("us-east-1")
      const key = yield* west.createKey({ origin: "EXTERNAL", multiRegion: true })
      const material = randomBytes(32)
      const imported = yield* importInto(west, key.keyId, material)
      yield* west.replicateKey({ keyId: key.keyId, replicaRegion: "us-east-1" })
      const replica = yield* east.describeKey({ keyId: key.keyId })
      assert.strictEqual(replica.keyState, "PendingImport")
      assert.strictEqual((yield* failure(importInto(east, key.keyId, randomBytes(32)))).tag, "IncorrectKeyMaterial")
      assert.strictEqual((yield* importInto(east, key.keyId, material)).keyMaterialId, imported.keyMaterialId)
      const sealed = yield* west.encrypt({ keyId: key.keyId, plaintext: utf8("both") })
      assert.deepStrictEqual((yield* east.decrypt({ ciphertextBlob: sealed.ciphertextBlob })).plaintext.unsafeBytes(), utf8("both"))
    })))

  it("keeps the 16 most recent import parameters per key: the 17th replaces the oldest", () =>
    Effect.scoped(Effect.gen(function*() {
      const region = (yield* regionGroup(["eu-west-1"]))("eu-west-1")
      const key = yield* region.createKey({ origin: "EXTERNAL" })
      const issued: Array<{ readonly importToken: Uint8Array; readonly publicKey: Uint8Array }> = []
      for (let i = 0; i < 17; i++) {
        issued.push(yield* region.getParametersForImport({ keyId: key.keyId, wrappingAlgorithm: "RSAES_OAEP_SHA_256", wrappingKeySpec: "RSA_2048" }))
      }
      const material = randomBytes(32)
      const attempt = (index: number) =>
        region.importKeyMaterial({
          keyId: key.keyId,
          importToken: issued[index]!.importToken,
          encryptedKeyMaterial: wrap(issued[index]!.publicKey, material, false),
          expirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE"
        })
      assert.strictEqual((yield* failure(attempt(0))).tag, "InvalidImportToken")
      yield* attempt(1)
      yield* attempt(16)
    })))
})


const TestClockNow = Effect.clockWith((clock) => Effect.succeed(clock.currentTimeMillisUnsafe()))
