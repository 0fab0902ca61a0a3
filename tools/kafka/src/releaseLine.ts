import { KafkaToolFailure } from "./KafkaToolFailure.ts"

/**
 * What differs between Kafka's release lines for running a broker from its Maven artifacts: the
 * Java it needs and its logging backend. The broker logs through SLF4J 1.x; `kafka_2.13`'s pom does
 * not bring a binding (the binary distribution adds one to libs/), so we add it and point it at a
 * file in the run directory, keeping the broker off our stdout.
 */
export interface MavenArtifact {
  readonly groupId: string
  readonly artifactId: string
  readonly version: string
}

export interface ReleaseLine {
  readonly minimumJava: number
  readonly loggingArtifacts: ReadonlyArray<MavenArtifact>
  /** The backend's config file name, its text logging everything to `logFile`, and the JVM option naming it. */
  readonly loggingConfigName: string
  readonly loggingConfig: (logFile: string) => string
  readonly loggingProperty: (configPath: string) => string
}

// Kafka 4.4.0's own log4j version; pinning api, core and the binding together keeps them one set
// when an older 4.x asks for an older log4j.
const log4j2 = "2.25.5"

const log4j2Line: ReleaseLine = {
  // Kafka 4.0 brokers require Java 17 (KIP-1013).
  minimumJava: 17,
  loggingArtifacts: ["log4j-api", "log4j-core", "log4j-slf4j-impl"].map((artifactId) => ({
    groupId: "org.apache.logging.log4j",
    artifactId,
    version: log4j2
  })),
  loggingConfigName: "log4j2.properties",
  loggingProperty: (configPath) => `-Dlog4j2.configurationFile=${configPath}`,
  loggingConfig: (logFile) =>
    [
      "rootLogger.level=INFO",
      "rootLogger.appenderRef.file.ref=file",
      "appender.file.type=File",
      "appender.file.name=file",
      `appender.file.fileName=${logFile}`,
      "appender.file.layout.type=PatternLayout",
      "appender.file.layout.pattern=[%d] %p %m (%c)%n",
      ""
    ].join("\n")
}

// Kafka 3.x ships reload4j (the maintained log4j 1.2) as its backend.
const reload4jLine: ReleaseLine = {
  minimumJava: 11,
  loggingArtifacts: [{ groupId: "org.slf4j", artifactId: "slf4j-reload4j", version: "1.7.36" }],
  loggingConfigName: "log4j.properties",
  loggingProperty: (configPath) => `-Dlog4j.configuration=file:${configPath}`,
  loggingConfig: (logFile) =>
    [
      "log4j.rootLogger=INFO, file",
      "log4j.appender.file=org.apache.log4j.FileAppender",
      `log4j.appender.file.File=${logFile}`,
      "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
      "log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n",
      ""
    ].join("\n")
}

export const releaseLineOf = (version: string): ReleaseLine => {
  const major = Number(version.split(".")[0])
  if (major >= 4) return log4j2Line
  if (major === 3) return reload4jLine
  throw new KafkaToolFailure(`Kafka ${version} is not supported: KRaft single-node brokers need 3.x or 4.x`)
}
