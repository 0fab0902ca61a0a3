import { execFile } from "node:child_process"
import { join } from "node:path"
import { KafkaToolFailure } from "./KafkaToolFailure.ts"

/** `$JAVA_HOME/bin/java` when JAVA_HOME is set, as Kafka's own scripts do; else `java` from PATH. */
export const defaultJavaCommand = (): string => {
  const javaHome = process.env["JAVA_HOME"]
  return javaHome === undefined || javaHome === "" ? "java" : join(javaHome, "bin", "java")
}

export const defaultMavenCommand = (): string => "mvn"

interface Ran {
  readonly stdout: string
  readonly stderr: string
}

const run = (command: string, args: ReadonlyArray<string>) =>
  new Promise<Ran>((resolve, reject) => {
    execFile(command, [...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      error === null ? resolve({ stdout, stderr }) : reject(error))
  })

const isNotFound = (error: unknown): boolean => {
  const code = (error as { readonly code?: unknown }).code
  return code === "ENOENT" || code === "EACCES"
}

// `java -version` prints `openjdk version "17.0.15" …` (or `"1.8.0_392"` before Java 9) on stderr.
const javaMajorOf = (banner: string): number | undefined => {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(banner)
  if (match === null) return undefined
  const first = Number(match[1])
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first
}

/** Fails with a message naming Java when `command` is missing, unusable or older than `minimumMajor`. */
export const requireJava = async (command: string, minimumMajor: number): Promise<number> => {
  let banner: Ran
  try {
    banner = await run(command, ["-version"])
  } catch (error) {
    if (isNotFound(error)) {
      throw new KafkaToolFailure(
        `Java ${minimumMajor}+ is required to run the Kafka broker, but "${command}" was not found. ` +
          `Install a JDK or JRE ${minimumMajor}+ (e.g. apt-get install openjdk-${minimumMajor}-jre-headless) or set JAVA_HOME.`
      )
    }
    throw new KafkaToolFailure(`Java is required to run the Kafka broker, but "${command} -version" failed: ${String(error)}`)
  }
  const major = javaMajorOf(banner.stderr + banner.stdout)
  if (major === undefined) throw new KafkaToolFailure(`cannot read the Java version from "${command} -version"`)
  if (major < minimumMajor) {
    throw new KafkaToolFailure(`the Kafka broker needs Java ${minimumMajor}+, but "${command}" is Java ${major}; install a newer one or set JAVA_HOME.`)
  }
  return major
}

/** Fails with a message naming Maven when `command` is missing: it is needed once, to download the broker. */
export const requireMaven = async (command: string, cacheDir: string): Promise<void> => {
  try {
    await run(command, ["--version"])
  } catch (error) {
    if (isNotFound(error)) {
      throw new KafkaToolFailure(
        `Apache Maven is required to download the Kafka broker jars from Maven Central once into ${cacheDir}, ` +
          `but "${command}" was not found. Install Maven 3.6+ (e.g. apt-get install maven).`
      )
    }
    throw new KafkaToolFailure(`Maven is required to download the Kafka broker, but "${command} --version" failed: ${String(error)}`)
  }
}
