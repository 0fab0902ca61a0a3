import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { KeyActors } from "@trent/key-actors"
import { Region } from "../Region.ts"
import type { RegionOptions } from "../Region.ts"
import { inRegionOn, onFreshStore } from "./regionOnStore.test-support.ts"
import type { StoreServices, StoreUnderTest } from "./StoreUnderTest.test-support.ts"

const utf8 = (text: string) => new TextEncoder().encode(text)
const arn = (keyId: string) => `arn:aws:kms:eu-west-1:111122223333:key/${keyId}`
const failure = <A, E extends { _tag: string; message?: string }, R>(effect: Effect.Effect<A, E, R>) => Effect.flip(effect)

/** Every symmetric operation's behaviour and AWS's errors, against one store. */
export const regionBehaviourSuite = (store: StoreUnderTest) => {
  const inRegion = <A, E>(program: Effect.Effect<A, E, Region | KeyActors | StoreServices>, options: Partial<RegionOptions> = {}) =>
    onFreshStore(store.prepare, (prepared) => inRegionOn(prepared, program, options))

  describe("key references", () => {
    it.effect("encrypts by key id, key ARN, alias name and alias ARN, answering with the key ARN", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        yield* region.createAlias({ aliasName: "alias/app", targetKeyId: key.keyId })
        for (const keyId of [key.keyId, key.arn, "alias/app", "arn:aws:kms:eu-west-1:111122223333:alias/app"]) {
          const result = yield* region.encrypt({ keyId, plaintext: utf8("hi") })
          assert.strictEqual(result.keyId, key.arn)
        }
      })))
    it.effect("answers NotFound with AWS's messages for malformed, unknown, other-Region and alias references", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const unknown = "00000000-0000-4000-8000-000000000000"
        const cases: Array<[string, string]> = [
          ["not-a-key", "Invalid keyId 'not-a-key'"],
          [unknown, `Key '${arn(unknown)}' does not exist`],
          [`arn:aws:kms:us-east-1:111122223333:key/${unknown}`, "Invalid arn us-east-1"],
          ["alias/missing", "Alias arn:aws:kms:eu-west-1:111122223333:alias/missing is not found."]
        ]
        for (const [keyId, message] of cases) {
          const error = yield* failure(region.encrypt({ keyId, plaintext: utf8("x") }))
          assert.strictEqual(error._tag, "KeyNotFound")
          assert.strictEqual(error.message, message)
        }
        const key = yield* region.createKey({})
        yield* region.createAlias({ aliasName: "alias/k", targetKeyId: key.keyId })
        const aliasOnKeyOnlyOp = yield* failure(region.enableKey({ keyId: "alias/k" }))
        assert.strictEqual(aliasOnKeyOnlyOp.message, "Invalid keyId 'alias/k'")
      })))
  })

  describe("Encrypt, Decrypt and ReEncrypt", () => {
    it.effect("binds the encryption context exactly: a changed, missing or extra pair fails reasonlessly", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        const { ciphertextBlob } = yield* region.encrypt({ keyId: key.keyId, plaintext: utf8("s"), encryptionContext: { a: "1", b: "2" } })
        const ok = yield* region.decrypt({ ciphertextBlob, encryptionContext: { b: "2", a: "1" } })
        assert.strictEqual(new TextDecoder().decode(ok.plaintext.unsafeBytes()), "s")
        assert.strictEqual(ok.keyId, key.arn)
        assert.strictEqual(ok.keyMaterialId, key.currentKeyMaterialId)
        const contexts: Array<Record<string, string> | undefined> = [{ a: "1" }, { a: "1", b: "2", c: "3" }, { a: "1", b: "3" }, undefined]
        for (const encryptionContext of contexts) {
          const error = yield* failure(region.decrypt({ ciphertextBlob, encryptionContext }))
          assert.strictEqual(error._tag, "InvalidCiphertext")
        }
      })))
    it.effect("rejects a KeyId that is not the key that encrypted, with IncorrectKey", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const a = yield* region.createKey({})
        const b = yield* region.createKey({})
        const { ciphertextBlob } = yield* region.encrypt({ keyId: a.keyId, plaintext: utf8("s") })
        const error = yield* failure(region.decrypt({ ciphertextBlob, keyId: b.keyId }))
        assert.strictEqual(error._tag, "IncorrectKey")
        assert.strictEqual(error.message, "The key ID in the request does not identify a CMK that can perform this operation.")
        yield* region.decrypt({ ciphertextBlob, keyId: a.arn })
      })))
    it.effect("answers ReEncrypt's SourceKeyId that did not encrypt with IncorrectKey before any usage check, as AWS does", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const a = yield* region.createKey({})
        const b = yield* region.createKey({})
        const hmac = yield* region.createKey({ keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" })
        const { ciphertextBlob } = yield* region.encrypt({ keyId: a.keyId, plaintext: utf8("s") })
        for (const [sourceKeyId, destinationKeyId] of [[hmac.keyId, hmac.keyId], [hmac.keyId, b.keyId], [b.keyId, hmac.keyId]]) {
          const error = yield* failure(region.reEncrypt({ ciphertextBlob, sourceKeyId, destinationKeyId }))
          assert.deepStrictEqual([error._tag, error.message], ["IncorrectKey", "The key ID in the request does not identify a CMK that can perform this operation."])
        }
        const wrongDestination = yield* failure(region.reEncrypt({ ciphertextBlob, sourceKeyId: a.keyId, destinationKeyId: hmac.keyId }))
        assert.deepStrictEqual([wrongDestination._tag, wrongDestination.message], ["InvalidKeyUsage", `${hmac.arn} key usage is GENERATE_VERIFY_MAC which is not valid for ReEncrypt.`])
        const dryRun = yield* failure(region.reEncrypt({ ciphertextBlob, destinationKeyId: b.keyId, dryRun: true }))
        assert.strictEqual(dryRun._tag, "DryRunSucceeded")
      })))
    it.effect("refuses a disabled key with DisabledException's message and one pending deletion with KMSInvalidState's", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        const { ciphertextBlob } = yield* region.encrypt({ keyId: key.keyId, plaintext: utf8("s") })
        yield* region.disableKey({ keyId: key.keyId })
        const disabled = yield* failure(region.encrypt({ keyId: key.keyId, plaintext: utf8("s") }))
        assert.deepStrictEqual([disabled._tag, disabled.message], ["KeyDisabled", `${key.arn} is disabled.`])
        assert.strictEqual((yield* failure(region.decrypt({ ciphertextBlob })))._tag, "KeyDisabled")
        yield* region.scheduleKeyDeletion({ keyId: key.keyId })
        const pending = yield* failure(region.decrypt({ ciphertextBlob }))
        assert.deepStrictEqual([pending._tag, pending.message], ["KeyInvalidState", `${key.arn} is pending deletion.`])
        yield* region.cancelKeyDeletion({ keyId: key.keyId })
        yield* region.enableKey({ keyId: key.keyId })
        yield* region.decrypt({ ciphertextBlob })
      })))
    it.effect("re-encrypts under another key and context without exposing the plaintext", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const a = yield* region.createKey({})
        const b = yield* region.createKey({})
        const { ciphertextBlob } = yield* region.encrypt({ keyId: a.keyId, plaintext: utf8("move me"), encryptionContext: { from: "a" } })
        const moved = yield* region.reEncrypt({
          ciphertextBlob,
          sourceEncryptionContext: { from: "a" },
          destinationKeyId: b.arn,
          destinationEncryptionContext: { to: "b" }
        })
        assert.deepStrictEqual([moved.sourceKeyId, moved.keyId], [a.arn, b.arn])
        const opened = yield* region.decrypt({ ciphertextBlob: moved.ciphertextBlob, encryptionContext: { to: "b" } })
        assert.strictEqual(new TextDecoder().decode(opened.plaintext.unsafeBytes()), "move me")
      })))
    it.effect("validates sizes with AWS's messages", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        yield* region.encrypt({ keyId: key.keyId, plaintext: new Uint8Array(4096) })
        const big = yield* failure(region.encrypt({ keyId: key.keyId, plaintext: new Uint8Array(4097) }))
        assert.strictEqual(big.message, "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096")
        const none = yield* failure(region.decrypt({}))
        assert.strictEqual(none._tag, "InvalidRequest")
        const garbage = yield* failure(region.decrypt({ ciphertextBlob: utf8("garbage") }))
        assert.strictEqual(garbage._tag, "InvalidCiphertext")
        const algorithm = yield* failure(region.encrypt({ keyId: key.keyId, plaintext: utf8("x"), encryptionAlgorithm: "RSAES_OAEP_SHA_256" }))
        assert.strictEqual(algorithm._tag, "InvalidKeyUsage")
      })))
    it.effect("answers DryRun with DryRunSucceeded after every check, changing nothing", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        const dry = yield* failure(region.encrypt({ keyId: key.keyId, plaintext: utf8("x"), dryRun: true }))
        assert.deepStrictEqual([dry._tag, dry.message], ["DryRunSucceeded", "The request would have succeeded, but the DryRun option is set."])
        const ignoring = yield* failure(region.decrypt({ keyId: key.keyId, dryRun: true, dryRunModifiers: ["IGNORE_CIPHERTEXT"] }))
        assert.strictEqual(ignoring._tag, "DryRunSucceeded")
        yield* region.disableKey({ keyId: key.keyId })
        const disabled = yield* failure(region.encrypt({ keyId: key.keyId, plaintext: utf8("x"), dryRun: true }))
        assert.strictEqual(disabled._tag, "KeyDisabled")
      })))
  })

  describe("data keys and random bytes", () => {
    it.effect("generates data keys by spec or length, whose ciphertext decrypts to the same bytes", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        const aes128 = yield* region.generateDataKey({ keyId: key.keyId, keySpec: "AES_128", encryptionContext: { k: "v" } })
        assert.strictEqual(aes128.plaintext.length, 16)
        const opened = yield* region.decrypt({ ciphertextBlob: aes128.ciphertextBlob, encryptionContext: { k: "v" } })
        assert.isTrue(opened.plaintext.equals(aes128.plaintext))
        const sized = yield* region.generateDataKeyWithoutPlaintext({ keyId: key.keyId, numberOfBytes: 1024 })
        assert.strictEqual((yield* region.decrypt({ ciphertextBlob: sized.ciphertextBlob })).plaintext.length, 1024)
        assert.strictEqual((yield* failure(region.generateDataKey({ keyId: key.keyId })))._tag, "InvalidRequest")
        assert.strictEqual((yield* failure(region.generateDataKey({ keyId: key.keyId, keySpec: "AES_256", numberOfBytes: 32 })))._tag, "InvalidRequest")
        const zero = yield* failure(region.generateDataKey({ keyId: key.keyId, numberOfBytes: 0 }))
        assert.strictEqual(zero.message, "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1")
      })))
    it.effect("returns 1..1024 random bytes and requires NumberOfBytes", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        assert.strictEqual((yield* region.generateRandom({ numberOfBytes: 1024 })).plaintext.length, 1024)
        assert.strictEqual((yield* failure(region.generateRandom({}))).message, "NumberOfBytes is required.")
        assert.match((yield* failure(region.generateRandom({ numberOfBytes: 1025 }))).message ?? "", /less than or equal to 1024$/)
      })))
  })

  describe("listing and pagination", () => {
    it.effect("pages ListKeys with Limit and an opaque Marker, and rejects a forged marker", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const created = new Set<string>()
        for (let i = 0; i < 5; i++) created.add((yield* region.createKey({})).keyId)
        const seen: Array<string> = []
        let marker: string | undefined
        let pages = 0
        do {
          const page = yield* region.listKeys({ limit: 2, marker })
          seen.push(...page.items.map((k) => k.keyId))
          assert.strictEqual(page.truncated, page.nextMarker !== undefined)
          marker = page.nextMarker
          pages++
        } while (marker !== undefined)
        assert.strictEqual(pages, 3)
        assert.deepStrictEqual(new Set(seen), created)
        assert.strictEqual((yield* failure(region.listKeys({ marker: "forged" })))._tag, "InvalidMarker")
        assert.strictEqual((yield* failure(region.listKeys({ limit: 1001 })))._tag, "InvalidRequest")
      })))
    it.effect("lists aliases by name, filtered by key, and tags and policies", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const a = yield* region.createKey({ tags: [{ tagKey: "t1", tagValue: "v1" }] })
        const b = yield* region.createKey({})
        for (const name of ["alias/c", "alias/a", "alias/b"]) yield* region.createAlias({ aliasName: name, targetKeyId: a.keyId })
        yield* region.createAlias({ aliasName: "alias/other", targetKeyId: b.keyId })
        const forA = yield* region.listAliases({ keyId: a.keyId, limit: 2 })
        assert.deepStrictEqual(forA.items.map((x) => x.aliasName), ["alias/a", "alias/b"])
        const rest = yield* region.listAliases({ keyId: a.keyId, limit: 2, marker: forA.nextMarker })
        assert.deepStrictEqual(rest.items.map((x) => x.aliasName), ["alias/c"])
        assert.isFalse(rest.truncated)
        yield* region.tagResource({ keyId: a.keyId, tags: [{ tagKey: "t2", tagValue: "v2" }, { tagKey: "t1", tagValue: "new" }] })
        const tags = yield* region.listResourceTags({ keyId: a.keyId })
        assert.deepStrictEqual(tags.items, [{ tagKey: "t1", tagValue: "new" }, { tagKey: "t2", tagValue: "v2" }])
        assert.deepStrictEqual((yield* region.listKeyPolicies({ keyId: a.keyId })).items, ["default"])
        const policy = yield* region.getKeyPolicy({ keyId: a.keyId })
        assert.strictEqual(JSON.parse(policy.policy).Statement[0].Principal.AWS, "arn:aws:iam::111122223333:root")
      })))
  })

  describe("aliases", () => {
    it.effect("creates, retargets and deletes aliases with AWS's rules", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const a = yield* region.createKey({})
        const b = yield* region.createKey({})
        yield* region.createAlias({ aliasName: "alias/x", targetKeyId: a.arn })
        const duplicate = yield* failure(region.createAlias({ aliasName: "alias/x", targetKeyId: b.keyId }))
        assert.strictEqual(duplicate.message, "An alias with the name arn:aws:kms:eu-west-1:111122223333:alias/x already exists")
        yield* region.updateAlias({ aliasName: "alias/x", targetKeyId: b.keyId })
        assert.strictEqual((yield* region.describeKey({ keyId: "alias/x" })).keyId, b.keyId)
        yield* region.deleteAlias({ aliasName: "alias/x" })
        assert.strictEqual((yield* failure(region.describeKey({ keyId: "alias/x" })))._tag, "KeyNotFound")
        assert.strictEqual((yield* failure(region.createAlias({ aliasName: "alias/y", targetKeyId: "alias/x" })))._tag, "KeyNotFound")
        assert.strictEqual((yield* failure(region.createAlias({ aliasName: "nope", targetKeyId: a.keyId })))._tag, "InvalidRequest")
        assert.strictEqual((yield* failure(region.createAlias({ aliasName: "alias/aws/s3", targetKeyId: a.keyId })))._tag, "AliasReserved")
      })))
    it.effect("refuses an alias to a key pending deletion", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        yield* region.scheduleKeyDeletion({ keyId: key.keyId })
        assert.strictEqual((yield* failure(region.createAlias({ aliasName: "alias/late", targetKeyId: key.keyId })))._tag, "KeyInvalidState")
      })))
  })

  describe("key actors", () => {
    it.effect("keeps at most maxResidentKeys idle actors resident, reloading evicted keys from the store", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const actors = yield* KeyActors
        const blobs: Array<Uint8Array> = []
        for (let i = 0; i < 6; i++) {
          const key = yield* region.createKey({})
          blobs.push((yield* region.encrypt({ keyId: key.keyId, plaintext: utf8(`m${i}`) })).ciphertextBlob)
        }
        assert.isAtMost(yield* actors.residentCount, 3)
        for (const [i, blob] of blobs.entries()) {
          const opened = yield* region.decrypt({ ciphertextBlob: blob })
          assert.strictEqual(new TextDecoder().decode(opened.plaintext.unsafeBytes()), `m${i}`)
        }
        assert.isAtMost(yield* actors.residentCount, 3)
      }), { maxResidentKeys: 2 }))
    it.effect("runs crypto operations on one key concurrently with its state changes", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        const results = yield* Effect.all(
          Array.from({ length: 50 }, (_, i) =>
            i % 10 === 0
              ? Effect.as(region.rotateKeyOnDemand({ keyId: key.keyId }), undefined)
              : Effect.map(region.encrypt({ keyId: key.keyId, plaintext: utf8(`c${i}`) }), (r) => r.ciphertextBlob)),
          { concurrency: "unbounded" }
        )
        for (const blob of results) if (blob !== undefined) yield* region.decrypt({ ciphertextBlob: blob })
        assert.strictEqual((yield* region.listKeyRotations({ keyId: key.keyId })).items.length, 5)
      })))
  })
}
