import { needs } from "./InvalidEventLogInput.ts"

/**
 * Preconditions of the EventLog read methods, shared by both adapters so that
 * they reject exactly the same calls. Each throws InvalidEventLogInput.
 */
export const needsStreamRange = (streamId: string, fromSeq: number, toAt: number | undefined): void => {
  needs(typeof streamId === "string" && streamId.length > 0, "streamId must be a non-empty string")
  needs(Number.isSafeInteger(fromSeq) && fromSeq >= 1, `fromSeq must be an integer >= 1, got ${fromSeq}`)
  needs(toAt === undefined || Number.isSafeInteger(toAt), `toAt must be epoch milliseconds, got ${toAt}`)
}

export const needsPage = (after: number, limit: number): void => {
  needs(Number.isSafeInteger(after) && after >= 0, `afterPosition must be a non-negative integer, got ${after}`)
  needsLimit(limit)
}

export const needsLimit = (limit: number): void => {
  needs(Number.isSafeInteger(limit) && limit >= 1, `limit must be a positive integer, got ${limit}`)
}
