import { randomBytes } from "node:crypto"

/**
 * A KRaft cluster id as `kafka-storage random-uuid` makes one: 16 random bytes in unpadded
 * base64url. Like Kafka's `Uuid.randomUuid`, it never starts with "-", which a command line would
 * take for an option. Generated here to save a JVM start.
 */
export const newClusterId = (): string => {
  for (;;) {
    const id = randomBytes(16).toString("base64url")
    if (!id.startsWith("-")) return id
  }
}
