/**
 * An audit file's rows as one string, for the writer thread: postMessage
 * copies a string in one piece, where a structured clone of a batch of row
 * objects walks every field of every row on the server's thread. Each field
 * is length-prefixed (`<length>:<text>`, UTF-16 units) or `-` for null, so
 * any text round-trips, newlines and colons included.
 */
export interface AuditRow {
  readonly seq: number
  readonly kind: string
  readonly prevHash: string
  readonly hash: string
  readonly body: string
  readonly eventTime: number | null
  readonly eventName: string | null
  readonly principalArn: string | null
  readonly errorCode: string | null
  readonly resources: ReadonlyArray<string>
}

const field = (value: string | number | null): string => {
  if (value === null) return "-"
  const text = String(value)
  return `${text.length}:${text}`
}

export const frameRows = (rows: ReadonlyArray<AuditRow>): string => {
  let framed = field(rows.length)
  for (const row of rows) {
    framed += field(row.seq) + field(row.kind) + field(row.prevHash) + field(row.hash) + field(row.body) +
      field(row.eventTime) + field(row.eventName) + field(row.principalArn) + field(row.errorCode) + field(row.resources.length)
    for (const arn of row.resources) framed += field(arn)
  }
  return framed
}

/** The rows `frameRows` framed; throws on text it did not make. */
export const unframeRows = (framed: string): Array<AuditRow> => {
  let at = 0
  const next = (): string | null => {
    if (framed[at] === "-") {
      at += 1
      return null
    }
    const colon = framed.indexOf(":", at)
    const length = Number(framed.slice(at, colon))
    if (colon === -1 || !Number.isInteger(length) || length < 0 || colon + 1 + length > framed.length) {
      throw new Error(`audit rows: bad frame at ${at}`)
    }
    const text = framed.slice(colon + 1, colon + 1 + length)
    at = colon + 1 + length
    return text
  }
  const text = (): string => {
    const value = next()
    if (value === null) throw new Error(`audit rows: null where text belongs at ${at}`)
    return value
  }
  const count = Number(text())
  const rows: Array<AuditRow> = []
  for (let i = 0; i < count; i++) {
    const seq = Number(text())
    const kind = text()
    const prevHash = text()
    const hash = text()
    const body = text()
    const time = next()
    const eventName = next()
    const principalArn = next()
    const errorCode = next()
    const resources = Array.from({ length: Number(text()) }, text)
    rows.push({ seq, kind, prevHash, hash, body, eventTime: time === null ? null : Number(time), eventName, principalArn, errorCode, resources })
  }
  if (at !== framed.length) throw new Error("audit rows: text after the last row")
  return rows
}
