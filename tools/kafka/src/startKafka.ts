import { rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { defaultCacheDir, ensureBrokerJars } from "./brokerJars.ts"
import { formatArgs, isAlive, type JavaLaunch, spawnBroker, terminate } from "./brokerProcess.ts"
import { waitUntilReady } from "./brokerReadiness.ts"
import { newClusterId } from "./clusterId.ts"
import { freePorts } from "./freePorts.ts"
import { defaultJavaCommand, defaultMavenCommand, requireJava } from "./javaToolchain.ts"
import { KAFKA_VERSION } from "./kafkaVersion.ts"
import { KafkaToolFailure } from "./KafkaToolFailure.ts"
import { runLogged, tailOf } from "./loggedCommand.ts"
import { releaseLineOf } from "./releaseLine.ts"
import { createRunDirectory, defaultRunRoot, type RunDirectory } from "./runDirectory.ts"
import { serverProperties } from "./serverProperties.ts"
import { sweepStaleRuns } from "./staleRuns.ts"

export interface StartKafkaOptions {
  /** Defaults to TRENT_KAFKA_VERSION, else `KAFKA_VERSION`. */
  readonly version?: string
  /** Where jars are cached, one directory per version. Defaults to `~/.cache/trent/kafka`. */
  readonly cacheDir?: string
  /** Where run directories go. Defaults to `$TMPDIR/trent-kafka`. */
  readonly runRoot?: string
  readonly javaCommand?: string
  readonly mavenCommand?: string
  /** Leave the broker running after this process exits (the CLI's background broker). */
  readonly detached?: boolean
  /** A fixed run directory name instead of a unique one. */
  readonly runName?: string
  readonly readyTimeoutMs?: number
  /** Progress for a person (the CLI writes it to stderr): today only "downloading…". */
  readonly progress?: (message: string) => void
}

export interface KafkaBroker {
  /** `127.0.0.1:<port>`: a kafkajs `brokers` entry. */
  readonly brokers: string
  readonly version: string
  readonly runDir: string
  readonly pid: number
  /** True when this call downloaded the broker; false when the jar cache was complete. */
  readonly fetched: boolean
  /** SIGTERM, wait for the broker to exit, remove its run directory. Idempotent. */
  readonly stop: () => Promise<void>
}

const host = "127.0.0.1"
const attempts = 3

const portTaken = (run: RunDirectory): boolean =>
  /Address already in use|BindException/.test(tailOf(run.consoleLog, 200) + tailOf(run.serverLog, 200))

const launchOnce = async (launch: JavaLaunch, run: RunDirectory, options: StartKafkaOptions & { readonly version: string }) => {
  const [brokerPort, controllerPort] = (await freePorts(host, 2)) as [number, number]
  writeFileSync(run.propertiesFile, serverProperties({ nodeId: 1, host, brokerPort, controllerPort, dataDir: run.dataDir }))
  const formatted = await runLogged(launch.java, formatArgs(launch, run, newClusterId()), run.formatLog, run.root)
  if (formatted !== 0) throw new KafkaToolFailure(`formatting the KRaft log directory failed:\n${tailOf(run.formatLog)}`, run.formatLog)
  const pid = spawnBroker(launch, run, options.detached === true)
  writeFileSync(run.brokerPidFile, `${pid}\n`)
  const brokers = `${host}:${brokerPort}`
  try {
    await waitUntilReady({
      brokers,
      isRunning: () => isAlive(pid),
      serverLog: run.serverLog,
      consoleLog: run.consoleLog,
      timeoutMs: options.readyTimeoutMs ?? 120_000
    })
  } catch (error) {
    await terminate(pid)
    throw error
  }
  writeFileSync(run.brokersFile, `${brokers}\n`)
  return { pid, brokers }
}

/**
 * Starts a real single-node Kafka broker (KRaft) on free loopback ports and resolves once kafkajs
 * can read its metadata. The first call per version downloads the broker with Maven; later calls
 * use the cache and touch no network.
 */
export const startKafka = async (options: StartKafkaOptions = {}): Promise<KafkaBroker> => {
  const version = options.version ?? process.env["TRENT_KAFKA_VERSION"] ?? KAFKA_VERSION
  const line = releaseLineOf(version)
  const java = options.javaCommand ?? defaultJavaCommand()
  await requireJava(java, line.minimumJava)
  const runRoot = options.runRoot ?? defaultRunRoot()
  await sweepStaleRuns(runRoot)
  const jars = await ensureBrokerJars({
    version,
    cacheDir: options.cacheDir ?? defaultCacheDir(),
    mavenCommand: options.mavenCommand ?? defaultMavenCommand(),
    progress: options.progress ?? (() => undefined)
  })
  for (let attempt = 1; ; attempt++) {
    const run = createRunDirectory(runRoot, options.runName)
    if (options.detached !== true) writeFileSync(run.ownerPidFile, `${process.pid}\n`)
    const loggingConfig = join(run.root, line.loggingConfigName)
    writeFileSync(loggingConfig, line.loggingConfig(run.serverLog))
    const launch: JavaLaunch = { java, classpath: jars.classpath, jvmOptions: [line.loggingProperty(loggingConfig)] }
    try {
      const { pid, brokers } = await launchOnce(launch, run, { ...options, version })
      return brokerHandle({ pid, brokers, version, run, fetched: jars.fetched, attached: options.detached !== true })
    } catch (error) {
      // Another process took a port between our probe and the broker's bind: try new ports.
      if (attempt >= attempts || !portTaken(run)) throw error
      rmSync(run.root, { recursive: true, force: true })
    }
  }
}

const brokerHandle = (started: {
  readonly pid: number
  readonly brokers: string
  readonly version: string
  readonly run: RunDirectory
  readonly fetched: boolean
  readonly attached: boolean
}): KafkaBroker => {
  // If the owner exits without stop() (a failed globalSetup), its broker goes with it.
  const onExit = () => {
    if (isAlive(started.pid)) process.kill(started.pid, "SIGTERM")
  }
  if (started.attached) process.once("exit", onExit)
  let stopping: Promise<void> | undefined
  return {
    brokers: started.brokers,
    version: started.version,
    runDir: started.run.root,
    pid: started.pid,
    fetched: started.fetched,
    stop: () =>
      (stopping ??= (async () => {
        process.removeListener("exit", onExit)
        await terminate(started.pid)
        rmSync(started.run.root, { recursive: true, force: true })
      })())
  }
}
