/**
 * The Apache Kafka broker that `tools/kafka` runs: the newest release that kafkajs 2.2.4 (its last
 * release) was tested against end to end by `kafkaBroker.int.test.ts` — topic create with configs,
 * idempotent acks=all produce, group consume, offset commit/fetch, describeConfigs — and by hand for
 * transactions, ListOffsets by timestamp, alter/describe configs, createPartitions, deleteRecords and
 * group admin. kafkajs negotiates each API's version through ApiVersions, and every version it
 * picks survives KIP-896 (the removal of pre-2.1 protocol versions in Kafka 4.0).
 *
 * Override for experiments with `startKafka({ version })` or the TRENT_KAFKA_VERSION environment variable
 * (4.3.1, 4.0.2 and 3.9.1 pass the same checks).
 */
export const KAFKA_VERSION = "4.4.0"
