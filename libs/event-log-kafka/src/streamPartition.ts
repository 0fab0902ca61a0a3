/**
 * Which partition of the events topic holds a stream: `toPositive(murmur2(utf8(streamId))) % partitions`,
 * exactly the Java client's default partitioner for a keyed record (Kafka's `Utils.murmur2` and
 * `Utils.toPositive`), so that any Kafka tool agrees with Trent about where a key lives.
 *
 * This function is part of the log's format: every writer and every replica must compute the same
 * partition forever, and replicas drop an append found in another partition. It is therefore
 * written out here rather than borrowed from a client library whose default could change, and its
 * vectors are pinned by tests. Never change it; a different scheme needs a new topic.
 */
export const streamPartition = (streamId: string, partitions: number): number =>
  (murmur2(Buffer.from(streamId, "utf8")) & 0x7fffffff) % partitions

const seed = 0x9747b28c
const m = 0x5bd1e995
const r = 24

/** Kafka's murmur2 (org.apache.kafka.common.utils.Utils#murmur2): 32-bit Java int arithmetic. */
export const murmur2 = (data: Uint8Array): number => {
  const length = data.length
  let h = seed ^ length
  const length4 = length >>> 2
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24)
    k = Math.imul(k, m)
    k ^= k >>> r
    k = Math.imul(k, m)
    h = Math.imul(h, m)
    h ^= k
  }
  // Java's switch falls through from case 3 to case 1: the tail's bytes, highest first.
  const tail = length & ~3
  const rest = length & 3
  if (rest === 3) h ^= data[tail + 2]! << 16
  if (rest >= 2) h ^= data[tail + 1]! << 8
  if (rest >= 1) {
    h ^= data[tail]!
    h = Math.imul(h, m)
  }
  h ^= h >>> 13
  h = Math.imul(h, m)
  h ^= h >>> 15
  return h | 0
}
