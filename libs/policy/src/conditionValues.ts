import { type ConditionScalar, isConditionDate } from "./AuthorizationRequest.ts"

/**
 * How a request value and a policy value are read for each family of condition
 * operators (IAM User Guide, "IAM JSON policy elements: Condition operators").
 * A value that cannot be read for the family (a word under NumericEquals) is
 * `undefined`, and never matches.
 */
export const asString = (value: ConditionScalar): string =>
  isConditionDate(value) ? new Date(value.epochMillis).toISOString() : String(value)

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

export const asNumber = (value: ConditionScalar | string): number | undefined => {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined
  if (typeof value !== "string") return isConditionDate(value) ? value.epochMillis / 1000 : undefined
  const text = value.trim()
  return DECIMAL.test(text) ? Number(text) : undefined
}

// W3C "Date and Time Formats" (the ISO 8601 profile IAM names): YYYY, YYYY-MM,
// YYYY-MM-DD, then hh:mm, hh:mm:ss or hh:mm:ss.s with a zone. A missing zone is
// read as UTC so the answer never depends on the machine's time zone.
const ISO_8601 =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/

const parseIsoDate = (text: string): number | undefined => {
  const m = ISO_8601.exec(text)
  if (m === null) return undefined
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? (i <= 3 && i > 1 ? 1 : 0)))
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000)
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 60) return undefined
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, millis)
  const zone = m[8]
  if (zone === undefined || zone === "Z") return utc
  const sign = zone.startsWith("-") ? -1 : 1
  const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))
  return utc - sign * offsetMinutes * 60_000
}

/**
 * Date operators take "one of the W3C implementations of the ISO 8601 date
 * formats or epoch (UNIX) time" (IAM User Guide, "Date condition operators").
 * Epoch time is seconds; a ConditionDate carries milliseconds.
 */
export const asEpochMillis = (value: ConditionScalar | string): number | undefined => {
  if (isConditionDate(value)) return value.epochMillis
  if (typeof value === "number") return Number.isFinite(value) ? value * 1000 : undefined
  if (typeof value !== "string") return undefined
  const text = value.trim()
  // A bare four-digit value is a W3C year ("2021"), not 2,021 seconds after 1970.
  return parseIsoDate(text) ?? (DECIMAL.test(text) ? Number(text) * 1000 : undefined)
}

/** Bool compares "true"/"false" without regard to case; JSON booleans arrive as those strings. */
export const asBoolean = (value: ConditionScalar | string): boolean | undefined => {
  const text = typeof value === "boolean" ? String(value) : typeof value === "string" ? value.trim().toLowerCase() : ""
  return text === "true" ? true : text === "false" ? false : undefined
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** BinaryEquals compares bytes: both sides are base64 and decoded before comparing. */
export const asBinary = (value: ConditionScalar | string): string | undefined => {
  if (typeof value !== "string") return undefined
  const text = value.trim()
  return BASE64.test(text) ? atob(text) : undefined
}
