import { createHash, createHmac } from "node:crypto"

/**
 * Domain-separation label for the derivation below; the NUL ends it, so no
 * key id can be read as part of the label. Changing it changes every id.
 */
const label = "trent imported key material id v1\0"

const utf8 = new TextEncoder()

/**
 * The KeyMaterialId of imported material (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html: 64
 * lowercase hex): HMAC-SHA256 (RFC 2104) over the material, keyed with
 * SHA-256(UTF-8(label ‖ keyId)).
 *
 * It is a function of the key id and the material alone, so re-importing the
 * same material into the same key — or into a related multi-Region key, which
 * shares the key id (§3.9) — names the same material version, while other
 * material or another key id gives another id. Keying by the key id keeps two
 * keys holding identical material from showing identical ids. Like any
 * deterministic name of a secret, the id tells equal material apart from
 * different material and nothing more; imported keys are high-entropy, so it
 * is no guessing oracle.
 *
 * Synchronous and pure (node:crypto's one-shot hash and HMAC over at most a
 * few KB): the caller needs the id while deciding, not as an effect.
 */
export const importedMaterialId = (keyId: string, material: Uint8Array): string => {
  // The MAC key is derived from public data only: it separates keys, it is no secret.
  const macKey = createHash("sha256").update(utf8.encode(label + keyId)).digest()
  return createHmac("sha256", macKey).update(material).digest("hex")
}
