/** Epoch milliseconds as ISO 8601 UTC, the one way instants are printed (tables and JSON alike). */
export const formatInstant = (epochMillis: number): string => new Date(epochMillis).toISOString()

/** An optional instant, `-` in tables when absent. */
export const formatOptionalInstant = (epochMillis: number | undefined): string =>
  epochMillis === undefined ? "-" : formatInstant(epochMillis)
