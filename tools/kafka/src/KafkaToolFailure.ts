/**
 * Why a broker could not be provided: a missing program (`java`, `mvn`), a failed download, a broker
 * that exited or never became ready. The message names the cause and what to do; `logFile`, when
 * present, holds the detail (Maven's or the broker's output).
 */
export class KafkaToolFailure extends Error {
  readonly _tag = "KafkaToolFailure"
  readonly logFile: string | undefined

  constructor(message: string, logFile?: string) {
    super(logFile === undefined ? message : `${message} (see ${logFile})`)
    this.name = "KafkaToolFailure"
    this.logFile = logFile
  }
}
