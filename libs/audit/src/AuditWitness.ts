import { open } from "node:fs/promises"
import { Effect } from "effect"
import type { AuditAnchor } from "./AuditAnchor.ts"

/** The witness file of a Region's audit chains, beside them: `<data-dir>/<region>/audit-witness.jsonl`. */
export const auditWitnessFileName = "audit-witness.jsonl"

/**
 * Appends one anchor to the witness file as one JSON line, and waits for it
 * to reach the disk. The file is created 0600 and only ever appended to:
 * every write of every writer process goes to its end (O_APPEND), and each
 * line is one write() call, so lines of several writers never interleave.
 * Ship the file (or the server's log, which carries the same lines) off the
 * machine: a witness that the audit file's attacker can also cut proves
 * nothing about truncation.
 */
export const appendWitnessLine = (file: string, anchor: AuditAnchor): Effect.Effect<void, unknown> =>
  Effect.tryPromise({
    try: async () => {
      const handle = await open(file, "a", 0o600)
      try {
        await handle.write(`${JSON.stringify(anchor)}\n`)
        await handle.datasync()
      } finally {
        await handle.close()
      }
    },
    catch: (cause) => cause
  })
