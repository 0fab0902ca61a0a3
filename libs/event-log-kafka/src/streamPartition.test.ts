import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { Partitioners } from "kafkajs"
import { describe, expect, it } from "vitest"
import { murmur2, streamPartition } from "./streamPartition.ts"

describe("streamPartition", () => {
  // The vectors of Kafka's own UtilsTest#testMurmur2 (clients/src/test/java/org/apache/kafka/common/utils).
  it.each([
    ["21", -973932308],
    ["foobar", -790332482],
    ["a-little-bit-long-string", -985981536],
    ["a-little-bit-longer-string", -1486304829],
    ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
    ["abc", 479470107]
  ])("hashes %j as Java's Utils.murmur2 does", (text, expected) => {
    expect(murmur2(Buffer.from(text, "utf8"))).toBe(expected)
  })

  it("pins the partitions of sample stream ids: changing them would move every stream", () => {
    const ids = ["k1", "alias/prod", "1234abcd-12ab-34cd-56ef-1234567890ab", "alias/aws/ebs", "ключ"]
    expect(ids.map((id) => streamPartition(id, 12))).toMatchInlineSnapshot(`
      [
        5,
        5,
        7,
        4,
        8,
      ]
    `)
  })

  it("agrees with the Java-compatible partitioner of kafkajs on any key and partition count", async () => {
    await checkProperty(
      "streamPartition matches kafkajs DefaultPartitioner",
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.integer({ min: 1, max: 64 }), (streamId, partitions) => {
        const partitioner = Partitioners.DefaultPartitioner()
        const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }))
        const theirs = partitioner({ topic: "t", partitionMetadata, message: { key: streamId, value: "" } })
        expect(streamPartition(streamId, partitions)).toBe(theirs)
      })
    )
  })
})
