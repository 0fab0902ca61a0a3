import { startBackgroundKafka, stopBackgroundKafka } from "./backgroundBroker.ts"

/**
 * `npm run kafka:start`: starts a background broker and prints exactly one line on stdout,
 * `KAFKA_BROKERS=127.0.0.1:<port>`, once kafkajs can read its metadata (so
 * `eval "$(npm run -s kafka:start)"` works). `npm run kafka:stop` stops it.
 * Everything else (progress, errors) goes to stderr.
 */
const usage = "usage: cli.ts start | stop"

const main = async (command: string | undefined): Promise<number> => {
  switch (command) {
    case "start": {
      const brokers = await startBackgroundKafka({ progress: (message) => process.stderr.write(`${message}\n`) })
      process.stdout.write(`KAFKA_BROKERS=${brokers}\n`)
      return 0
    }
    case "stop": {
      const stopped = await stopBackgroundKafka()
      process.stderr.write(stopped ? "Kafka broker stopped\n" : "no Kafka broker was running\n")
      return 0
    }
    default:
      process.stderr.write(`${usage}\n`)
      return 2
  }
}

try {
  process.exitCode = await main(process.argv[2])
} catch (error) {
  process.stderr.write(`kafka: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
