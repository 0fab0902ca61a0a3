export { KAFKA_VERSION } from "./kafkaVersion.ts"
export { KafkaToolFailure } from "./KafkaToolFailure.ts"
export { startBackgroundKafka, stopBackgroundKafka } from "./backgroundBroker.ts"
export { type KafkaBroker, startKafka, type StartKafkaOptions } from "./startKafka.ts"
