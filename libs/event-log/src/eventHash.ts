import { createHash } from "node:crypto"

/** `prevHash` of the first event of every stream. */
export const genesisHash = "0".repeat(64)

/** Every field of a StoredEvent except `position` and `hash`, with the payload as canonical JSON text. */
export interface EventHashInput {
  readonly region: string
  readonly streamId: string
  readonly seq: number
  readonly term: number
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: number
  readonly at: number
  readonly principal: string
  readonly requestId: string
  readonly commandId: string
  readonly payloadJson: string
  readonly prevHash: string
}

// Versioned domain separator: a later encoding gets a new tag, never a changed meaning.
const domain = "trent.event.v1"

/**
 * Hex SHA-256 of an event. The encoding is unambiguous: a domain tag, then each
 * field in a fixed order as a 4-byte big-endian byte length followed by its
 * UTF-8 bytes; numbers are written as decimal text. No two different events
 * share an encoding, whatever their strings contain. `position` is left out
 * because it is assigned by the store (it differs between a SQLite file and a
 * Kafka topic holding the same stream); everything else, including `region`,
 * `term` and `prevHash`, is bound.
 */
export const eventHash = (event: EventHashInput): string => {
  const fields = [
    domain,
    event.region,
    event.streamId,
    String(event.seq),
    String(event.term),
    event.eventId,
    event.type,
    String(event.schemaVersion),
    String(event.at),
    event.principal,
    event.requestId,
    event.commandId,
    event.payloadJson,
    event.prevHash
  ]
  // One buffer for the whole encoding, hashed in one update: the same bytes as field-by-field updates.
  let size = 0
  for (const field of fields) size += 4 + Buffer.byteLength(field, "utf8")
  const encoding = Buffer.allocUnsafe(size)
  let offset = 0
  for (const field of fields) {
    const length = encoding.write(field, offset + 4, "utf8")
    encoding.writeUInt32BE(length, offset)
    offset += 4 + length
  }
  return createHash("sha256").update(encoding).digest("hex")
}
