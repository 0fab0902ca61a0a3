import { assert, describe, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import { Hex } from "effect/encoding"
import { CIPHERTEXT_OVERHEAD, parseCiphertext } from "./CiphertextBlob.ts"
import { SecretBytes } from "./SecretBytes.ts"
import { decryptSymmetric, encryptSymmetric } from "./SymmetricEncryption.ts"
import { WebCrypto } from "./WebCrypto.ts"

const uuidKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab"
const mrkKeyId = "mrk-1234abcd12ab34cd56ef1234567890ab"
const materialIdBytes = Uint8Array.from({ length: 32 }, (_, i) => 0xc0 + i)

/** A structurally valid blob built by hand: no key is needed to parse one. */
const blobOf = (options: { version?: number; keyId?: string; ciphertextBytes?: number } = {}): Uint8Array => {
  const keyId = options.keyId ?? uuidKeyId
  return Uint8Array.from([
    options.version ?? 0x01,
    ...Array.from(keyId, (char) => char.charCodeAt(0)),
    ...materialIdBytes,
    ...new Uint8Array(12).fill(0x11),
    ...new Uint8Array(options.ciphertextBytes ?? 1).fill(0x22),
    ...new Uint8Array(16).fill(0x33)
  ])
}

describe("CIPHERTEXT_OVERHEAD", () => {
  it("is header (1 + 36 + 32 + 12) plus tag (16) = 97 bytes, far under the 6144-byte blob limit", () => {
    assert.strictEqual(CIPHERTEXT_OVERHEAD, 97)
    assert.isBelow(4096 + CIPHERTEXT_OVERHEAD, 6144)
  })
})

layer(WebCrypto.layer)("parseCiphertext", (it) => {
  it.effect("reads the key id and the material id (as 64 lowercase hex) without any key", () =>
    Effect.gen(function*() {
      const parsed = yield* parseCiphertext(blobOf())
      assert.strictEqual(parsed.keyId, uuidKeyId)
      assert.strictEqual(parsed.materialId, Hex.encode(materialIdBytes))
      assert.match(parsed.materialId, /^[0-9a-f]{64}$/)
    }))

  it.effect("accepts a multi-Region key id (mrk- and 32 hex digits)", () =>
    Effect.gen(function*() {
      assert.strictEqual((yield* parseCiphertext(blobOf({ keyId: mrkKeyId }))).keyId, mrkKeyId)
    }))

  it.effect("accepts 1 to 4096 bytes of ciphertext between header and tag", () =>
    Effect.gen(function*() {
      yield* parseCiphertext(blobOf({ ciphertextBytes: 1 }))
      yield* parseCiphertext(blobOf({ ciphertextBytes: 4096 }))
    }))

  it.effect.each<readonly [string, Uint8Array]>([
    ["an empty blob", new Uint8Array(0)],
    ["a blob shorter than header + tag", blobOf().subarray(0, CIPHERTEXT_OVERHEAD - 1)],
    ["a blob with no ciphertext between header and tag", blobOf({ ciphertextBytes: 0 })],
    ["a blob longer than any 4096-byte plaintext makes", blobOf({ ciphertextBytes: 4097 })],
    ["format version 0x00", blobOf({ version: 0x00 })],
    ["format version 0x02", blobOf({ version: 0x02 })],
    ["AWS's own blob prefix 01 02 02 00", Uint8Array.from([0x01, 0x02, 0x02, 0x00, ...new Uint8Array(200)])],
    ["an uppercase key id", blobOf({ keyId: uuidKeyId.toUpperCase() })],
    ["a key id with a non-hex character", blobOf({ keyId: "1234abcd-12ab-34cd-56ef-1234567890ag" })],
    ["a key id with misplaced dashes", blobOf({ keyId: "1234abcd12ab-34cd-56ef-1234567890ab-" })],
    ["an mrk- id with dashes", blobOf({ keyId: "mrk-1234abcd-12ab-34cd-56ef-12345678" })],
    ["a key id holding non-ASCII bytes", blobOf({ keyId: "\u00e9".repeat(36) })]
  ])("rejects %s as InvalidCiphertext", ([_, blob]) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(parseCiphertext(blob))
      assert.strictEqual(error._tag, "InvalidCiphertext")
    }))

  it.effect("copies the blob, so changing the caller's array afterwards changes nothing", () =>
    Effect.gen(function*() {
      const material = SecretBytes.adopt(new Uint8Array(32).fill(9))
      const plaintext = Uint8Array.of(1, 2, 3)
      const blob = yield* encryptSymmetric({ keyId: uuidKeyId, materialId: "0f".repeat(32), material, plaintext })
      const parsed = yield* parseCiphertext(blob)
      blob.fill(0)
      assert.deepStrictEqual(yield* decryptSymmetric({ ciphertext: parsed, material }), plaintext)
    }))
})
