import { Context } from "effect"

/** The HTTP edge's own settings (the subset of ServerSettings it reads per request). */
export class EdgeSettings extends Context.Service<EdgeSettings, {
  readonly host: string
  readonly port: number
  readonly devMode: boolean
  readonly acceptSessionTokens: boolean
  readonly maxBodyBytes: number
}>()("@trent/server/EdgeSettings") {}
