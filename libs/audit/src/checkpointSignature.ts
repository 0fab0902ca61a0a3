import { createPublicKey, type KeyObject, verify } from "node:crypto"
import type { AuditCheckpoint } from "./AuditEntry.ts"
import { checkpointMessage } from "./checkpointMessage.ts"

/** The Ed25519 public key in SPKI DER bytes, or undefined when the bytes are anything else. */
export const ed25519PublicKey = (spki: Uint8Array): KeyObject | undefined => {
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" })
    return key.asymmetricKeyType === "ed25519" ? key : undefined
  } catch {
    return undefined
  }
}

/** Whether the checkpoint's signature verifies under `key` over checkpointMessage of its own fields. */
export const checkpointSignatureValid = (key: KeyObject, checkpoint: AuditCheckpoint): boolean => {
  const message = checkpointMessage(checkpoint.region, checkpoint.coversSeq, checkpoint.coversHash, checkpoint.signedAt, checkpoint.chain)
  try {
    return verify(null, message, key, Buffer.from(checkpoint.signature, "base64"))
  } catch {
    return false
  }
}
