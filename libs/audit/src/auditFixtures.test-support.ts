import { Effect } from "effect"
import type { AuditInput, AuditPrincipal } from "./AuditInput.ts"
import { AuditSigner, generateAuditSigningKey } from "./AuditSigner.ts"

export const region = "eu-west-1"
export const account = "111122223333"

export const keyArn = (n: number): string =>
  `arn:aws:kms:${region}:${account}:key/${String(n).padStart(8, "0")}-12ab-34cd-56ef-1234567890ab`

export const alice: AuditPrincipal = {
  type: "IAMUser",
  principalId: "AIDAJ45Q7YFFAREXAMPLE",
  arn: `arn:aws:iam::${account}:user/Alice`,
  accountId: account,
  accessKeyId: "AKIAIOSFODNN7EXAMPLE"
}

const uuidOf = (n: number, tag: string): string => `${tag}${String(n).padStart(7, "0")}-eb87-476a-ac2c-0cdc244e6dca`

/** An Encrypt request's input, number `n` (its time, ids and key vary with n). */
export const sampleInput = (n: number, overrides: Partial<AuditInput> = {}): AuditInput => ({
  time: Date.UTC(2026, 10, 28, 14, 3, 5, 250) + n * 1_000,
  operation: "Encrypt",
  region,
  sourceIp: "192.0.2.0",
  userAgent: "aws-cli/2.27.0",
  principal: alice,
  request: {
    keyId: keyArn(n % 3),
    plaintext: new Uint8Array([1, 2, 3, n % 256]),
    encryptionContext: { Department: "Engineering" },
    encryptionAlgorithm: "SYMMETRIC_DEFAULT"
  },
  response: { ciphertextBlob: new Uint8Array([9, 9, 9]), keyId: keyArn(n % 3), encryptionAlgorithm: "SYMMETRIC_DEFAULT" },
  requestId: uuidOf(n, "f"),
  eventId: uuidOf(n, "9"),
  resources: [keyArn(n % 3)],
  ...overrides
})

/** A fresh Ed25519 audit signer and its public key. */
export const makeTestSigner = (): AuditSigner["Service"] =>
  Effect.runSync(AuditSigner.fromPrivateKey(generateAuditSigningKey().privateKey))
