// Versioned domain separator: a later message format gets a new tag, never a changed meaning.
const domain = "trent-audit-checkpoint-v1"

/**
 * The bytes a checkpoint signature covers: the domain tag, the Region, the
 * covered seq, the covered hash and the signing time, each as a 4-byte
 * big-endian length followed by its UTF-8 text (numbers in decimal). The
 * lengths make the concatenation unambiguous, and the tag keeps a signature
 * from being replayed as any other kind of signed statement.
 */
export const checkpointMessage = (region: string, coversSeq: number, coversHash: string, signedAt: number): Uint8Array => {
  const parts = [domain, region, String(coversSeq), coversHash, String(signedAt)].map((text) => Buffer.from(text, "utf8"))
  const message = Buffer.alloc(parts.reduce((total, part) => total + 4 + part.length, 0))
  let offset = 0
  for (const part of parts) {
    offset = message.writeUInt32BE(part.length, offset)
    offset += part.copy(message, offset)
  }
  return new Uint8Array(message.buffer, message.byteOffset, message.length)
}
