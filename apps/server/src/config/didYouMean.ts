/**
 * Edit distance, case-insensitive, counting a swap of two neighbours as one
 * edit (optimal string alignment): `prot` is one slip from `port`.
 */
const distance = (a: string, b: string): number => {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  }
  return d[x.length]![y.length]!
}

/** The known name closest to `name`, if it is close enough to be a slip (at most a third of its letters). */
export const didYouMean = (name: string, known: ReadonlyArray<string>): string | undefined => {
  // A flag-style spelling (kafka-brokers, KAFKA_BROKERS) is the camelCase key written another way.
  const camel = name.toLowerCase().replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase())
  let best: { readonly name: string; readonly distance: number } | undefined
  for (const candidate of known) {
    const d = Math.min(distance(name, candidate), distance(camel, candidate))
    if (best === undefined || d < best.distance) best = { name: candidate, distance: d }
  }
  return best !== undefined && best.distance <= Math.max(1, Math.floor(name.length / 3)) ? best.name : undefined
}
