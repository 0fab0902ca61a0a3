import { canonicalJson } from "./canonicalJson.ts"
import { eventHash, genesisHash } from "./eventHash.ts"
import type { StoredEvent } from "./StoredEvent.ts"

export type ChainVerdict = { readonly ok: true } | { readonly ok: false; readonly seq: number }

/**
 * Checks a whole stream, as `readStream(streamId)` returns it: seqs run 1, 2, ...
 * without a gap, every event belongs to the first event's stream, every
 * `prevHash` is the previous event's `hash` (64 zeros for seq 1) and every
 * `hash` is recomputed from the fields. Returns the first seq that cannot be
 * trusted: the seq of an edited event, or the seq that should come next where
 * an event is missing or out of place. Everything before it verifies.
 *
 * This detects edits by anyone who does not rewrite every later hash as well;
 * anchoring the latest hash elsewhere (the audit log) closes that gap.
 */
export const verifyStreamChain = (events: ReadonlyArray<StoredEvent>): ChainVerdict => {
  let prevHash = genesisHash
  for (const [index, event] of events.entries()) {
    const seq = index + 1
    if (event.seq !== seq || event.streamId !== events[0]?.streamId || event.prevHash !== prevHash) {
      return { ok: false, seq }
    }
    if (recomputedHash(event) !== event.hash) return { ok: false, seq }
    prevHash = event.hash
  }
  return { ok: true }
}

const recomputedHash = (event: StoredEvent): string | undefined => {
  try {
    return eventHash({ ...event, payloadJson: canonicalJson(event.payload) })
  } catch {
    // A payload that is no longer JSON cannot have been hashed by the log.
    return undefined
  }
}
