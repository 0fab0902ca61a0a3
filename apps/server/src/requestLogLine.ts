import { Effect } from "effect"

/** What the request log line says about one answered request (README "Logs"). */
export interface RequestLogFields {
  readonly requestId: string
  readonly operation: string
  readonly outcome: string
  readonly status: number
  readonly durationMs: number
}

/**
 * One line per request at info (`--request-log-sample` of the successful
 * ones: 1 logs every request, 0.1 one in ten, 0 none); every refused or
 * failed request is logged whatever the sample, failures of the server
 * (5xx) at error. `draw` is the sampler's random number in [0, 1).
 */
export const logRequest = (fields: RequestLogFields, sample: number, draw: () => number = Math.random): Effect.Effect<void> => {
  if (fields.status >= 500) return Effect.logError("request", fields)
  if (fields.status >= 400) return Effect.logInfo("request", fields)
  if (sample <= 0 || (sample < 1 && draw() >= sample)) return Effect.void
  return Effect.logInfo("request", fields)
}
