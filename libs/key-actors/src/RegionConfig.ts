import { Context } from "effect"

/** What one Region is: its name, the account and partition its ARNs carry, and its actor/scheduler limits. */
export interface RegionSettings {
  readonly region: string
  readonly partition: string
  readonly account: string
  /** Bound on resident key actors; the least recently used idle actor is evicted beyond it. */
  readonly maxResidentKeys: number
  /** Actors idle this long are evicted by the scheduler's sweep. */
  readonly actorIdleMs: number
  /** How often the scheduler looks for due rotations and ended deletion windows. */
  readonly schedulerIntervalMs: number
  /** Where the keyvault lives (`<dir>/keyvault.db`, a topic), for messages only. */
  readonly keyvaultLocation?: string | undefined
}

export const defaultRegionSettings = {
  partition: "aws",
  maxResidentKeys: 10_000,
  actorIdleMs: 10 * 60_000,
  schedulerIntervalMs: 60_000
} as const

export class RegionConfig extends Context.Service<RegionConfig, RegionSettings>()("@trent/key-actors/RegionConfig") {}
