import { Cause, Logger, References } from "effect"

/** The members every line has; a field of the same name from a log call is renamed `field.<name>`. */
const FIXED = new Set(["time", "level", "message", "error"])

/** A value as JSON can carry it: errors by their message, bigints as text, everything else as is. */
const plain = (value: unknown): unknown => {
  if (value instanceof Error) return value.message
  if (typeof value === "bigint") return value.toString()
  if (typeof value === "function" || typeof value === "symbol") return String(value)
  return value
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Error)

/**
 * One log entry as one flat JSON object (README "Logs"): `time` (ISO 8601),
 * `level` (trace, debug, info, warn, error, fatal), `message` (text), the
 * entry's fields (from `Effect.annotateLogs`, and objects passed after the
 * message) at the top level, and `error` (the cause, rendered) when there is
 * one. No fiber ids, spans or arrays of message parts.
 */
export const flatLogEntry = (options: Logger.Options<unknown>): Record<string, unknown> => {
  const parts = Array.isArray(options.message) ? options.message : [options.message]
  const text: Array<string> = []
  const fields: Record<string, unknown> = {}
  const put = (key: string, value: unknown) => {
    fields[FIXED.has(key) ? `field.${key}` : key] = plain(value)
  }
  for (const [key, value] of Object.entries(options.fiber.getRef(References.CurrentLogAnnotations))) put(key, value)
  for (const part of parts) {
    if (isRecord(part)) for (const [key, value] of Object.entries(part)) put(key, value)
    else text.push(String(plain(part)))
  }
  return {
    time: options.date.toISOString(),
    level: options.logLevel === "Warn" ? "warn" : options.logLevel.toLowerCase(),
    message: text.join(" "),
    ...fields,
    ...(options.cause.reasons.length > 0 ? { error: Cause.pretty(options.cause) } : {})
  }
}

const safeStringify = (entry: Record<string, unknown>): string => {
  try {
    return JSON.stringify(entry)
  } catch {
    // A field that does not serialize (a cycle) must not cost the line.
    return JSON.stringify({ time: entry["time"], level: entry["level"], message: entry["message"], note: "fields did not serialize" })
  }
}

/** The server's logger: each entry is one line of flat JSON on stdout. */
export const flatJsonLogger = Logger.make((options) => {
  process.stdout.write(`${safeStringify(flatLogEntry(options))}\n`)
})
