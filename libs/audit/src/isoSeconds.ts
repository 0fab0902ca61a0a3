/**
 * Epoch milliseconds as CloudTrail writes eventTime: ISO 8601 in UTC, to the
 * second, "2026-11-28T14:03:05Z" (the milliseconds are dropped, not rounded).
 */
export const isoSeconds = (millis: number): string =>
  new Date(Math.floor(millis / 1000) * 1000).toISOString().replace(".000Z", "Z")
