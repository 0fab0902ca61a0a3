/**
 * SigV4 timestamps: `yyyymmddThhmmssZ` (ISO 8601 basic format, UTC), as sent
 * in `X-Amz-Date` and used in the string to sign. A request may instead carry
 * an HTTP `Date` header (RFC 9110 IMF-fixdate, "Sun, 30 Aug 2015 12:36:00 GMT").
 */

const basicFormat = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/

const imfFixdate = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/** Epoch ms of a calendar time, or undefined when a field is out of range (Feb 30, hour 24…). */
const utc = (year: number, month: number, day: number, hour: number, minute: number, second: number): number | undefined => {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second)
  const back = new Date(ms)
  const exact = back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day &&
    back.getUTCHours() === hour && back.getUTCMinutes() === minute && back.getUTCSeconds() === second
  return exact ? ms : undefined
}

/** Epoch ms of an `X-Amz-Date` value, or undefined when it is not exactly `yyyymmddThhmmssZ`. */
export const parseAmzDate = (value: string): number | undefined => {
  const m = basicFormat.exec(value)
  if (m === null) return undefined
  return utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
}

/** Epoch ms of a `Date` header: IMF-fixdate, or the basic format some clients put there. */
export const parseHttpDate = (value: string): number | undefined => {
  const m = imfFixdate.exec(value)
  if (m === null) return parseAmzDate(value)
  return utc(Number(m[3]), months.indexOf(m[2]!) + 1, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]))
}

/** `yyyymmddThhmmssZ` of an epoch ms (milliseconds dropped, as every signer does). */
export const formatAmzDate = (epochMs: number): string =>
  new Date(epochMs).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")
