/** The seq an untrusted entry claims, when it claims a usable one (a safe integer ≥ 1). */
export const claimedSeq = (entry: unknown): number | undefined => {
  if (typeof entry !== "object" || entry === null) return undefined
  const seq: unknown = (entry as { readonly seq?: unknown }).seq
  return typeof seq === "number" && Number.isSafeInteger(seq) && seq >= 1 ? seq : undefined
}

/**
 * Where each seq sits in a log, from one pass over it: a verifier that meets
 * seq 7 where it expected 5 looks here to tell a reordering (5 comes later)
 * from a deletion (5 is nowhere) and an insertion (7 appears twice, or lies
 * beyond every other seq). Holds numbers only, so a pass over millions of
 * entries stays small.
 */
export interface SeqIndex {
  /** The position of the first entry claiming each seq. */
  readonly firstIndex: ReadonlyMap<number, number>
  /** Seqs claimed by more than one entry. */
  readonly duplicated: ReadonlySet<number>
  readonly largest: number
  readonly secondLargest: number
}

export const indexSeqs = (entries: Iterable<unknown>): SeqIndex => {
  const firstIndex = new Map<number, number>()
  const duplicated = new Set<number>()
  let largest = 0
  let secondLargest = 0
  let index = 0
  for (const entry of entries) {
    const seq = claimedSeq(entry)
    if (seq !== undefined) {
      if (firstIndex.has(seq)) duplicated.add(seq)
      else firstIndex.set(seq, index)
      if (seq > largest) [largest, secondLargest] = [seq, largest]
      else if (seq > secondLargest) secondLargest = seq
    }
    index += 1
  }
  return { firstIndex, duplicated, largest, secondLargest }
}

/** An entry whose seq is the largest and more than one beyond every other cannot belong to the log. */
export const belongsNowhere = (index: SeqIndex, seq: number): boolean =>
  seq === index.largest && !index.duplicated.has(seq) && seq > index.secondLargest + 1
