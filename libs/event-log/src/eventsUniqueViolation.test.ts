import { DatabaseSync } from "node:sqlite"
import { describe, expect, it } from "vitest"
import { migrateEventLog } from "./eventLogSchema.ts"
import { eventsUniqueViolation } from "./eventsUniqueViolation.ts"

const insert = `INSERT INTO events (region, stream_id, seq, term, event_id, type, schema_version, at, principal,
  request_id, command_id, payload, prev_hash, hash) VALUES ('r', ?, ?, 0, ?, 'T', 1, 0, '', '', '', '{}', '', '')`

const errorOf = (run: () => void): unknown => {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error("expected the statement to fail")
}

describe("eventsUniqueViolation", () => {
  const db = new DatabaseSync(":memory:")
  // The real schema, in memory: only the open path insists on WAL.
  migrateEventLog(db, "r")
  db.prepare(insert).run("k1", 1, "e1")

  it("classifies a second row for the same stream and seq as a lost race", () => {
    expect(eventsUniqueViolation(errorOf(() => db.prepare(insert).run("k1", 1, "e2")))).toBe("stream-seq")
  })

  it("classifies a reused eventId as such", () => {
    expect(eventsUniqueViolation(errorOf(() => db.prepare(insert).run("k1", 2, "e1")))).toBe("event-id")
  })

  it("leaves every other failure unclassified", () => {
    expect(eventsUniqueViolation(errorOf(() => db.prepare(insert).run("k1", 0, "e3")))).toBeUndefined()
    expect(eventsUniqueViolation(errorOf(() => db.exec("SELECT * FROM nowhere")))).toBeUndefined()
    expect(eventsUniqueViolation(new Error("UNIQUE constraint failed: events.stream_id, events.seq"))).toBeUndefined()
  })
})
