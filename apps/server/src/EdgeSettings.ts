import { Context } from "effect"
import type { ConnectionLimits, EdgeTls } from "./EdgeServer.ts"

/** The HTTP edge's own settings (the subset of ServerSettings it reads per request). */
export class EdgeSettings extends Context.Service<EdgeSettings, {
  readonly host: string
  readonly port: number
  readonly devMode: boolean
  /** `POST /_trent/reset` (dev mode, one process only). */
  readonly devReset?: boolean | undefined
  readonly acceptSessionTokens: boolean
  readonly maxBodyBytes: number
  readonly knownRegions: ReadonlySet<string>
  /** The share of successful requests logged at info (requestLogLine.ts); refused and failed ones are always logged. */
  readonly requestLogSample: number
  /** Record every request in its Region's audit trail before answering it. */
  readonly audit: boolean
  /** HTTPS (and mutual TLS) instead of HTTP. */
  readonly tls?: EdgeTls | undefined
  /** Timeouts and the connection cap; defaultConnectionLimits when absent. */
  readonly connections?: ConnectionLimits | undefined
}>()("@trent/server/EdgeSettings") {}
