import type { EventLog, EventLogFailure, Keyvault } from "@trent/event-log"
import { Layer } from "effect"
import { kafkaEventLogLayer } from "./KafkaEventLog.ts"
import { kafkaKeyvaultLayer } from "./KafkaKeyvault.ts"
import type { KafkaStoreOptions } from "./KafkaStoreOptions.ts"

/**
 * Both Kafka stores of a Region, for `Region.layerWithoutStores` (with a RootKey, WebCrypto and a
 * RegionConfig beside them): the events topic with its replica, and the keyvault topic.
 */
export const kafkaStoresLayer = (options: KafkaStoreOptions): Layer.Layer<EventLog | Keyvault, EventLogFailure> =>
  Layer.merge(kafkaEventLogLayer(options), kafkaKeyvaultLayer(options))
