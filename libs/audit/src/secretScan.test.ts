import { SecretBytes } from "@trent/crypto"
import { Operations } from "@trent/domain"
import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { auditRecordOf } from "./auditRecordOf.ts"
import { canonicalJson } from "./canonicalJson.ts"
import { keyArn, sampleInput } from "./auditFixtures.test-support.ts"

// Random enough that none of their encodings can turn up in a record by chance.
const secretBytes = fc.uint8Array({ minLength: 16, maxLength: 48 })
const secretText = fc.string({ unit: fc.constantFrom(..."ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"), minLength: 24, maxLength: 64 })
const bytesOrSecret = secretBytes.chain((bytes) => fc.constantFrom<Uint8Array | SecretBytes>(bytes, SecretBytes.copy(bytes)))

/** A request carrying every secret member of the API model, alongside parameters that are kept. */
const secretRequest = fc.record({
  plaintext: bytesOrSecret,
  ciphertextBlob: secretBytes,
  message: secretBytes,
  signature: secretBytes,
  mac: secretBytes,
  publicKey: secretBytes,
  encryptedKeyMaterial: secretBytes,
  importToken: secretBytes,
  grantToken: secretText,
  grantTokens: fc.array(secretText, { minLength: 1, maxLength: 3 }),
  keyStorePassword: secretText,
  xksProxyAuthenticationCredential: fc.record({ accessKeyId: fc.constant("AKIAEXAMPLE"), rawSecretAccessKey: secretText }),
  recipient: fc.record({ keyEncryptionAlgorithm: fc.constant("RSAES_OAEP_SHA_256"), attestationDocument: secretBytes }),
  constraints: fc.record({ encryptionContextSubset: fc.constant({ app: "x" }), plaintext: secretBytes }),
  keyId: fc.constant(keyArn(0)),
  encryptionContext: fc.constant({ purpose: "test" })
})

/** A result carrying every secret member a Region returns. */
const secretResponse = fc.record({
  plaintext: bytesOrSecret,
  privateKeyPlaintext: bytesOrSecret,
  sharedSecret: bytesOrSecret,
  ciphertextBlob: secretBytes,
  privateKeyCiphertextBlob: secretBytes,
  ciphertextForRecipient: secretBytes,
  signature: secretBytes,
  mac: secretBytes,
  publicKey: secretBytes,
  importToken: secretBytes,
  grantToken: secretText,
  keyId: fc.constant(keyArn(0)),
  grantId: fc.constant("f020fe75")
})

const bytesOf = (value: unknown): Uint8Array | undefined =>
  value instanceof Uint8Array ? value : value instanceof SecretBytes ? value.unsafeBytes() : undefined

// The members of the generated requests and results that are not secret (and are allowed to appear).
const publicMembers = new Set(["keyId", "encryptionContext", "encryptionContextSubset", "keyEncryptionAlgorithm", "accessKeyId", "grantId"])

/** Every secret in a generated request or result, as bytes or text. */
const secretsIn = (value: unknown, found: Array<Uint8Array | string> = []): Array<Uint8Array | string> => {
  const bytes = bytesOf(value)
  if (bytes !== undefined) found.push(bytes)
  else if (typeof value === "string") found.push(value)
  else if (Array.isArray(value)) for (const item of value) secretsIn(item, found)
  else if (typeof value === "object" && value !== null) {
    for (const [name, item] of Object.entries(value)) if (!publicMembers.has(name)) secretsIn(item, found)
  }
  return found
}

/** The forms a leaked secret could take in JSON text. */
const encodingsOf = (secret: Uint8Array | string): ReadonlyArray<string> => {
  if (typeof secret === "string") return [secret]
  const buffer = Buffer.from(secret)
  return [
    buffer.toString("base64"),
    buffer.toString("base64url"),
    buffer.toString("hex"),
    buffer.toString("hex").toUpperCase(),
    [...secret].join(","),
    JSON.stringify(buffer.toString("latin1")).slice(1, -1)
  ]
}

describe("audit records hold no secret", () => {
  it("keeps every secret and blob of every operation's request and result out of the record, in any encoding", async () => {
    await checkProperty(
      "no secret reaches an audit record",
      fc.property(fc.constantFrom(...Operations), secretRequest, secretResponse, (operation, request, response) => {
        const record = auditRecordOf(sampleInput(0, { operation, request, response }))
        // canonicalJson throws on any class instance: no Uint8Array or SecretBytes survived.
        const text = canonicalJson(record)
        expect(text).not.toContain("SecretBytes")
        for (const secret of [...secretsIn(request), ...secretsIn(response)]) {
          for (const encoding of encodingsOf(secret)) expect(text).not.toContain(encoding)
        }
        // The parameters that are not secret are still there.
        if (record.requestParameters !== null && "keyId" in record.requestParameters) {
          expect(record.requestParameters["keyId"]).toBe(keyArn(0))
        }
      })
    )
  })
})
