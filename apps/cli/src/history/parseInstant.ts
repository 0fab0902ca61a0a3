// ISO 8601 as people type it: a date, optionally a time (seconds and fraction optional), optionally a zone.
const iso8601 = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i
const epochMillis = /^\d{1,16}$/

/**
 * The instant `--at` names, in epoch milliseconds: ISO 8601
 * (`2025-03-01T12:00:00Z`; without a zone, local time as JavaScript reads it)
 * or epoch milliseconds (`1740830400000`). Undefined for anything else,
 * including impossible dates such as `2025-02-30`, which `Date.parse` would
 * quietly roll over into March.
 */
export const parseInstant = (text: string): number | undefined => {
  if (epochMillis.test(text)) return Number(text)
  const match = iso8601.exec(text)
  if (match === null) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined
  const millis = Date.parse(text)
  return Number.isNaN(millis) ? undefined : millis
}
