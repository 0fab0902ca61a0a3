import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { genesisHash, type StoredAuditEntry } from "./AuditEntry.ts"
import { auditEntryHash, emptyChain, sealCheckpoint, sealRecord, tipOf } from "./auditChain.ts"
import { auditRecordOf } from "./auditRecordOf.ts"
import { canonicalJson } from "./canonicalJson.ts"
import { checkpointSignatureValid, ed25519PublicKey } from "./checkpointSignature.ts"
import { makeTestSigner, region, sampleInput } from "./auditFixtures.test-support.ts"

const recordOf = (n: number) => {
  const record = auditRecordOf(sampleInput(n))
  return { record, json: canonicalJson(record) }
}

describe("the audit hash chain", () => {
  it("hashes an entry as SHA-256 of canonicalJson({ seq, prevHash, record })", () => {
    const { record, json } = recordOf(1)
    const { entry, bodyJson } = sealRecord(emptyChain, record, json)
    const expected = createHash("sha256").update(canonicalJson({ seq: 1, prevHash: genesisHash, record })).digest("hex")
    expect(entry).toMatchObject({ kind: "record", seq: 1, prevHash: genesisHash, hash: expected })
    expect(bodyJson).toBe(json)
    expect(auditEntryHash(entry)).toBe(expected)
  })

  it("links each entry to the hash of the one before", () => {
    const first = sealRecord(emptyChain, recordOf(1).record, recordOf(1).json).entry
    const second = sealRecord(tipOf(first), recordOf(2).record, recordOf(2).json).entry
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash })
    expect(auditEntryHash(second)).toBe(second.hash)
  })

  it("seals a checkpoint that covers the tip, hashes like any entry and verifies under the signer's public key", () => {
    const signer = makeTestSigner()
    const first = sealRecord(emptyChain, recordOf(1).record, recordOf(1).json).entry
    const { entry, bodyJson } = sealCheckpoint(tipOf(first), region, 1_700_000_000_000, signer.sign)
    expect(entry).toMatchObject({
      kind: "checkpoint",
      seq: 2,
      prevHash: first.hash,
      checkpoint: { coversSeq: 1, coversHash: first.hash, region, signedAt: 1_700_000_000_000 }
    })
    expect(JSON.parse(bodyJson)).toEqual((entry as Extract<StoredAuditEntry, { kind: "checkpoint" }>).checkpoint)
    expect(auditEntryHash(entry)).toBe(entry.hash)
    const checkpoint = (entry as Extract<StoredAuditEntry, { kind: "checkpoint" }>).checkpoint
    expect(checkpointSignatureValid(ed25519PublicKey(signer.publicKey)!, checkpoint)).toBe(true)
    expect(checkpointSignatureValid(ed25519PublicKey(signer.publicKey)!, { ...checkpoint, signedAt: checkpoint.signedAt + 1 })).toBe(false)
    expect(checkpointSignatureValid(ed25519PublicKey(makeTestSigner().publicKey)!, checkpoint)).toBe(false)
  })
})
