import type { RecordedRequest } from "./RecordedRequest.ts"

/**
 * The recent results, by correlation id: what the results topic holds, kept in
 * memory up to `capacity` ids (the least recently recorded go first). An
 * `Answered` record is never replaced by a `Started` one: the results
 * consumer hands back this worker's own records later than it made them.
 */
export class RequestLedger {
  readonly #records = new Map<string, RecordedRequest>()
  readonly #capacity: number

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  get(correlationId: string): RecordedRequest | undefined {
    return this.#records.get(correlationId)
  }

  record(correlationId: string, record: RecordedRequest): void {
    const existing = this.#records.get(correlationId)
    if (existing?._tag === "Answered" && record._tag === "Started") return
    this.#records.delete(correlationId)
    this.#records.set(correlationId, record)
    if (this.#records.size > this.#capacity) this.#records.delete(this.#records.keys().next().value!)
  }

  get size(): number {
    return this.#records.size
  }
}
