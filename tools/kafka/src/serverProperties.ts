/**
 * A single-node KRaft broker: one process is both broker and controller, with a static one-voter
 * quorum, plaintext listeners on loopback only, and every replication setting at 1 so internal topics
 * (consumer offsets, transaction state, share-group state) can be created on one node.
 */
export interface BrokerSettings {
  readonly nodeId: number
  readonly host: string
  readonly brokerPort: number
  readonly controllerPort: number
  readonly dataDir: string
  /** A second client listener, SASL_SSL with SCRAM-SHA-512, beside the plaintext one. */
  readonly secure?: SecureListener | undefined
}

/**
 * The SASL_SSL listener: TLS with the certificate and key in a PKCS#12 keystore, clients
 * authenticated by SCRAM-SHA-512 (Kafka's KIP-84; its users are written into the KRaft metadata at
 * format time, formatArgs). The broker itself and the controller stay on plaintext loopback.
 */
export interface SecureListener {
  readonly port: number
  readonly keystoreFile: string
  readonly keystorePassword: string
}

const secureLines = (secure: SecureListener | undefined): ReadonlyArray<string> =>
  secure === undefined ? [] : [
    "sasl.enabled.mechanisms=SCRAM-SHA-512",
    "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
    "ssl.keystore.type=PKCS12",
    `ssl.keystore.location=${secure.keystoreFile}`,
    `ssl.keystore.password=${secure.keystorePassword}`,
    `ssl.key.password=${secure.keystorePassword}`
  ]

export const serverProperties = ({ nodeId, host, brokerPort, controllerPort, dataDir, secure }: BrokerSettings): string =>
  [
    "process.roles=broker,controller",
    `node.id=${nodeId}`,
    `controller.quorum.voters=${nodeId}@${host}:${controllerPort}`,
    `listeners=PLAINTEXT://${host}:${brokerPort},${secure === undefined ? "" : `SASL_SSL://${host}:${secure.port},`}CONTROLLER://${host}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${host}:${brokerPort}${secure === undefined ? "" : `,SASL_SSL://${host}:${secure.port}`}`,
    "controller.listener.names=CONTROLLER",
    "inter.broker.listener.name=PLAINTEXT",
    `listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${secure === undefined ? "" : ",SASL_SSL:SASL_SSL"}`,
    ...secureLines(secure),
    `log.dirs=${dataDir}`,
    // Topics are created explicitly, with their configs, as production would.
    "auto.create.topics.enable=false",
    "num.partitions=1",
    "default.replication.factor=1",
    "min.insync.replicas=1",
    "offsets.topic.replication.factor=1",
    // One offsets partition instead of 50: the first consumer group is ready in well under a second.
    "offsets.topic.num.partitions=1",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "transaction.state.log.num.partitions=1",
    "share.coordinator.state.topic.replication.factor=1",
    "share.coordinator.state.topic.min.isr=1",
    // A test's consumer joins alone; waiting 3 s for others to join only slows it down.
    "group.initial.rebalance.delay.ms=0",
    ""
  ].join("\n")
