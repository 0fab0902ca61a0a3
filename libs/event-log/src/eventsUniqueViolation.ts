// Extended result code of a UNIQUE constraint failure (https://sqlite.org/rescode.html#constraint_unique).
const sqliteConstraintUnique = 2067

/**
 * Which UNIQUE constraint of the `events` table an insert broke, if any.
 * `stream-seq` means another writer numbered the same seq first (a SeqConflict);
 * `event-id` means the caller reused an eventId (a bug). SQLite names the
 * columns in the message: "UNIQUE constraint failed: events.stream_id, events.seq".
 */
export const eventsUniqueViolation = (error: unknown): "stream-seq" | "event-id" | undefined => {
  if (!(error instanceof Error) || (error as { readonly errcode?: unknown }).errcode !== sqliteConstraintUnique) {
    return undefined
  }
  if (error.message.includes("events.stream_id, events.seq")) return "stream-seq"
  if (error.message.includes("events.event_id")) return "event-id"
  return undefined
}
