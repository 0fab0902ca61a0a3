import { Transform } from "node:stream"

const MiB = 1024 * 1024

/** Inputs at least this large get a progress bar (smaller ones finish before one would help). */
export const PROGRESS_THRESHOLD_BYTES = 8 * MiB

/** One progress line: bar, percentage, bytes done / total, rate. */
export const renderProgress = (done: number, total: number, elapsedMs: number, width = 24): string => {
  const fraction = total === 0 ? 1 : Math.min(1, done / total)
  const filled = Math.round(fraction * width)
  const rate = elapsedMs <= 0 ? 0 : done / MiB / (elapsedMs / 1000)
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4)
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${percent}  ${(done / MiB).toFixed(1)}/${(total / MiB).toFixed(1)} MiB  ${rate.toFixed(1)} MiB/s`
}

/**
 * A pass-through stage that counts the bytes going by and redraws one line on
 * `terminal` (stderr) at most ten times a second, clearing it at the end.
 */
export const progressMeter = (total: number, terminal: NodeJS.WritableStream, now: () => number = Date.now): Transform => {
  const started = now()
  let done = 0
  let drawn = 0
  const draw = () => terminal.write(`\r${renderProgress(done, total, now() - started)}\x1b[K`)
  return new Transform({
    transform(chunk: Buffer, _encoding, next) {
      done += chunk.length
      if (now() - drawn >= 100) {
        drawn = now()
        draw()
      }
      next(null, chunk)
    },
    flush(next) {
      terminal.write("\r\x1b[K")
      next()
    }
  })
}
