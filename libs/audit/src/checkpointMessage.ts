// Versioned domain separators: a later message format gets a new tag, never a changed meaning.
const domainV1 = "trent-audit-checkpoint-v1"
// v2 adds the writer's chain, so a checkpoint of one chain cannot stand in for another's.
const domainV2 = "trent-audit-checkpoint-v2"

/**
 * The bytes a checkpoint signature covers: the domain tag, the Region, (v2:
 * the chain,) the covered seq, the covered hash and the signing time, each as
 * a 4-byte big-endian length followed by its UTF-8 text (numbers in decimal).
 * The lengths make the concatenation unambiguous, and the tag keeps a
 * signature from being replayed as any other kind of signed statement.
 * Without `chain`, the v1 message (checkpoints written before chains were named).
 */
export const checkpointMessage = (
  region: string,
  coversSeq: number,
  coversHash: string,
  signedAt: number,
  chain?: string | undefined
): Uint8Array => {
  const fields = chain === undefined
    ? [domainV1, region, String(coversSeq), coversHash, String(signedAt)]
    : [domainV2, region, chain, String(coversSeq), coversHash, String(signedAt)]
  const parts = fields.map((text) => Buffer.from(text, "utf8"))
  const message = Buffer.alloc(parts.reduce((total, part) => total + 4 + part.length, 0))
  let offset = 0
  for (const part of parts) {
    offset = message.writeUInt32BE(part.length, offset)
    offset += part.copy(message, offset)
  }
  return new Uint8Array(message.buffer, message.byteOffset, message.length)
}
