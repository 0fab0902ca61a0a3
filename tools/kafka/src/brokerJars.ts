import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { homedir } from "node:os"
import { join } from "node:path"
import { requireMaven } from "./javaToolchain.ts"
import { KafkaToolFailure } from "./KafkaToolFailure.ts"
import { runLogged, tailOf } from "./loggedCommand.ts"
import { type MavenArtifact, releaseLineOf } from "./releaseLine.ts"

export interface BrokerJars {
  readonly libsDir: string
  /** A `java -cp` value: every jar of the broker and its runtime dependencies. */
  readonly classpath: string
  /** False when the cache was complete and Maven was not run. */
  readonly fetched: boolean
}

// Pinned so the download does not depend on the Maven install's default plugin version.
const copyDependencies = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies"
// Written last, after every jar is in place: its presence is what "the cache is complete" means.
const manifestName = "jars.txt"

const dependencyXml = ({ groupId, artifactId, version }: MavenArtifact) =>
  `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>`

const pomOf = (version: string): string => {
  const artifacts = [{ groupId: "org.apache.kafka", artifactId: "kafka_2.13", version }, ...releaseLineOf(version).loggingArtifacts]
  return [
    `<project xmlns="http://maven.apache.org/POM/4.0.0">`,
    `  <modelVersion>4.0.0</modelVersion>`,
    `  <groupId>dev.trent.tools</groupId>`,
    `  <artifactId>kafka-broker-jars</artifactId>`,
    `  <version>${version}</version>`,
    `  <packaging>pom</packaging>`,
    `  <dependencies>`,
    ...artifacts.map(dependencyXml),
    `  </dependencies>`,
    `</project>`,
    ``
  ].join("\n")
}

const isComplete = (libsDir: string): boolean => {
  const manifest = join(libsDir, manifestName)
  if (!existsSync(manifest)) return false
  const jars = readFileSync(manifest, "utf8").split("\n").filter((line) => line !== "")
  return jars.length > 0 && jars.every((jar) => existsSync(join(libsDir, jar)))
}

/** `$XDG_CACHE_HOME/trent/kafka`, else `~/.cache/trent/kafka`: one directory per Kafka version. */
export const defaultCacheDir = (): string => {
  const xdg = process.env["XDG_CACHE_HOME"]
  return join(xdg === undefined || xdg === "" ? join(homedir(), ".cache") : xdg, "trent", "kafka")
}

const jarsOf = ({ libsDir, fetched }: { libsDir: string; fetched: boolean }): BrokerJars => ({
  libsDir,
  classpath: join(libsDir, "*"),
  fetched
})

/**
 * The broker's jars, from the cache or else from Maven Central through `mvn` (offline first, so a
 * warm ~/.m2 needs no network). Downloads land in a private staging directory and are renamed into
 * place, so concurrent first runs never see, or leave, half a cache.
 */
export const ensureBrokerJars = async (options: {
  readonly version: string
  readonly cacheDir: string
  readonly mavenCommand: string
  readonly progress: (message: string) => void
}): Promise<BrokerJars> => {
  const versionDir = join(options.cacheDir, options.version)
  const libsDir = join(versionDir, "libs")
  if (isComplete(libsDir)) return jarsOf({ libsDir, fetched: false })

  await requireMaven(options.mavenCommand, options.cacheDir)
  options.progress(`downloading Kafka ${options.version} with Maven into ${versionDir} (once)`)
  mkdirSync(versionDir, { recursive: true })
  const staging = mkdtempSync(join(versionDir, "staging-"))
  try {
    const stagedLibs = join(staging, "libs")
    const log = join(versionDir, "mvn.log")
    writeFileSync(join(staging, "pom.xml"), pomOf(options.version))
    writeFileSync(log, "")
    const goal = ["-B", "-f", "pom.xml", copyDependencies, `-DoutputDirectory=${stagedLibs}`, "-DincludeScope=runtime"]
    const offline = await runLogged(options.mavenCommand, ["-o", ...goal], log, staging)
    if (offline !== 0) appendFileSync(log, "\n--- not all in the local Maven repository (above); downloading ---\n\n")
    const exit = offline === 0 ? 0 : await runLogged(options.mavenCommand, goal, log, staging)
    if (exit !== 0) {
      throw new KafkaToolFailure(
        `Maven could not download Kafka ${options.version} (org.apache.kafka:kafka_2.13) from Maven Central:\n${tailOf(log)}`,
        log
      )
    }
    const jars = readdirSync(stagedLibs).filter((name) => name.endsWith(".jar"))
    writeFileSync(join(stagedLibs, manifestName), jars.join("\n") + "\n")
    // Another process may have completed the same download meanwhile: theirs is as good as ours.
    if (!isComplete(libsDir)) {
      rmSync(libsDir, { recursive: true, force: true })
      renameSync(stagedLibs, libsDir)
    }
    return jarsOf({ libsDir, fetched: true })
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}
