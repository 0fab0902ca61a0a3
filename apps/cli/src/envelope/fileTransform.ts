import { createReadStream, createWriteStream } from "node:fs"
import { rename, rm, stat } from "node:fs/promises"
import { resolve } from "node:path"
import type { Duplex, Readable, Writable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { Effect, Exit } from "effect"
import { OperationFailed, UsageError } from "../cli/CliFailure.ts"
import { describeFailure } from "../cli/describeFailure.ts"
import { PROGRESS_THRESHOLD_BYTES, progressMeter } from "./progressMeter.ts"

/** `-` is standard input (for `<in>`) or standard output (for `<out>`). */
export const STDIO = "-"

export interface FileTransformOptions {
  readonly input: string
  readonly output: string
  /** Permissions of a new output file: 0600 for plaintext. */
  readonly mode: number
  /** The stages between the input and the output (the SDK's stream), given the input's size when known. */
  readonly stages: (inputBytes: number | undefined) => ReadonlyArray<Duplex>
  /** Turns a failure of the stream into its one line. */
  readonly describe: (error: unknown) => string
}

/** "no such file or directory" from Node's "ENOENT: no such file or directory, stat 'x'". */
const fsReason = (error: unknown): string => /^[A-Z]+: ([^,]+)/.exec(describeFailure(error))?.[1] ?? describeFailure(error)

const inputSize = (input: string) =>
  input === STDIO
    ? Effect.succeed(undefined)
    : Effect.tryPromise({
      try: () => stat(input),
      catch: (error) => new OperationFailed({ message: `cannot read ${input}: ${fsReason(error)}`, cause: error })
    }).pipe(Effect.flatMap((stats) =>
      stats.isFile()
        ? Effect.succeed(stats.size)
        : Effect.fail(new OperationFailed({ message: `cannot read ${input}: not a regular file` }))
    ))

/**
 * Streams `input` through `stages` into `output`, end to end (a file of any
 * size never sits in memory: node:stream backpressure holds at most a few
 * buffers). A file output is written to `<output>.partial` and renamed into
 * place only when every stage has finished — for decryption, after the
 * message's last authentication tag and signature checked out — and the
 * partial file is deleted on any failure or interruption. A progress bar goes
 * to stderr when it is a terminal and the input is large.
 */
export const fileTransform = (options: FileTransformOptions) =>
  Effect.gen(function*() {
    const { input, output } = options
    if (input !== STDIO && output !== STDIO && resolve(input) === resolve(output)) {
      return yield* new UsageError({ message: `<in> and <out> are the same file (${input}): write somewhere else, then rename` })
    }
    const size = yield* inputSize(input)
    const partial = `${output}.partial`
    const source: Readable = input === STDIO ? process.stdin : createReadStream(input)
    const sink: Writable = output === STDIO ? process.stdout : createWriteStream(partial, { mode: options.mode })
    const meter = size !== undefined && size >= PROGRESS_THRESHOLD_BYTES && process.stderr.isTTY === true
      ? [progressMeter(size, process.stderr)]
      : []
    const run = Effect.tryPromise({
      try: (signal) => pipeline([source, ...meter, ...options.stages(size), sink], { signal }),
      catch: (error) => new OperationFailed({ message: options.describe(error), cause: error })
    })
    const finish = output === STDIO ? Effect.void : Effect.tryPromise({
      try: () => rename(partial, output),
      catch: (error) => new OperationFailed({ message: `cannot write ${output}: ${fsReason(error)}`, cause: error })
    })
    yield* Effect.andThen(run, finish).pipe(
      Effect.onExit((exit) =>
        Exit.isFailure(exit) && output !== STDIO ? Effect.promise(() => rm(partial, { force: true })) : Effect.void
      )
    )
  })
