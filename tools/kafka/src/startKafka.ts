import { rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { defaultCacheDir, ensureBrokerJars } from "./brokerJars.ts"
import { formatArgs, isAlive, type JavaLaunch, type ScramUser, spawnBroker, terminate } from "./brokerProcess.ts"
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
  /** Also listen SASL_SSL (TLS and SCRAM-SHA-512) on another port, for tests of Kafka security. */
  readonly secure?: SecureBrokerOptions
}

export interface SecureBrokerOptions {
  /** PKCS#12 keystore with the broker's certificate (for 127.0.0.1) and key. */
  readonly keystoreFile: string
  readonly keystorePassword: string
  readonly scramUsers: ReadonlyArray<ScramUser>
}

export interface KafkaBroker {
  /** `127.0.0.1:<port>`: a kafkajs `brokers` entry. */
  readonly brokers: string
  /** With `secure`: the SASL_SSL listener's `127.0.0.1:<port>`. */
  readonly secureBrokers: string | undefined
  readonly version: string
  readonly runDir: string
  /** The broker's current process (a new one after `restart()`). */
  readonly pid: number
  /** True when this call downloaded the broker; false when the jar cache was complete. */
  readonly fetched: boolean
  /**
   * Stops the broker cleanly (SIGTERM, as `stop()`) and starts it again on the same ports, with the
   * same KRaft log directory and cluster id, resolving once it is ready: every topic and record
   * survives, and clients configured with `brokers` reconnect to it. For outage tests.
   */
  readonly restart: () => Promise<void>
  /** SIGTERM, wait for the broker to exit, remove its run directory. Idempotent. */
  readonly stop: () => Promise<void>
}

const host = "127.0.0.1"
const attempts = 3

const portTaken = (run: RunDirectory): boolean =>
  /Address already in use|BindException/.test(tailOf(run.consoleLog, 200) + tailOf(run.serverLog, 200))

/** Spawns the broker of an already formatted run directory and waits until it is ready. */
const spawnReady = async (launch: JavaLaunch, run: RunDirectory, brokers: string, options: StartKafkaOptions): Promise<number> => {
  const pid = spawnBroker(launch, run, options.detached === true)
  writeFileSync(run.brokerPidFile, `${pid}\n`)
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
  return pid
}

const launchOnce = async (launch: JavaLaunch, run: RunDirectory, options: StartKafkaOptions) => {
  const [brokerPort, controllerPort, securePort] = (await freePorts(host, 3)) as [number, number, number]
  const secure = options.secure === undefined
    ? undefined
    : { port: securePort, keystoreFile: options.secure.keystoreFile, keystorePassword: options.secure.keystorePassword }
  writeFileSync(run.propertiesFile, serverProperties({ nodeId: 1, host, brokerPort, controllerPort, dataDir: run.dataDir, secure }))
  const formatted = await runLogged(launch.java, formatArgs(launch, run, newClusterId(), options.secure?.scramUsers), run.formatLog, run.root)
  if (formatted !== 0) throw new KafkaToolFailure(`formatting the KRaft log directory failed:\n${tailOf(run.formatLog)}`, run.formatLog)
  const brokers = `${host}:${brokerPort}`
  const pid = await spawnReady(launch, run, brokers, options)
  writeFileSync(run.brokersFile, `${brokers}\n`)
  return { pid, brokers, secureBrokers: secure === undefined ? undefined : `${host}:${secure.port}` }
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
      const { pid, brokers, secureBrokers } = await launchOnce(launch, run, options)
      return brokerHandle({
        pid,
        brokers,
        secureBrokers,
        version,
        run,
        fetched: jars.fetched,
        attached: options.detached !== true,
        respawn: () => spawnReady(launch, run, brokers, options)
      })
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
  readonly secureBrokers: string | undefined
  readonly version: string
  readonly run: RunDirectory
  readonly fetched: boolean
  readonly attached: boolean
  /** Starts the same broker again (same ports, same log directory) once it has stopped. */
  readonly respawn: () => Promise<number>
}): KafkaBroker => {
  let pid = started.pid
  // If the owner exits without stop() (a failed globalSetup), its broker goes with it.
  const onExit = () => {
    if (isAlive(pid)) process.kill(pid, "SIGTERM")
  }
  if (started.attached) process.once("exit", onExit)
  let stopping: Promise<void> | undefined
  return {
    brokers: started.brokers,
    secureBrokers: started.secureBrokers,
    version: started.version,
    runDir: started.run.root,
    get pid() {
      return pid
    },
    fetched: started.fetched,
    restart: async () => {
      if (stopping !== undefined) throw new KafkaToolFailure("cannot restart a Kafka broker that was stopped")
      await terminate(pid)
      pid = await started.respawn()
    },
    stop: () =>
      (stopping ??= (async () => {
        process.removeListener("exit", onExit)
        await terminate(pid)
        rmSync(started.run.root, { recursive: true, force: true })
      })())
  }
}
