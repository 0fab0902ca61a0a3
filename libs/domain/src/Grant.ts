import { Grant as PolicyGrant } from "@trent/policy"
import { Schema } from "effect"

export { GrantConstraints, GrantOperation, GrantOperations } from "@trent/policy"

/**
 * One grant on a key, as the key's log records it (GrantListEntry, https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html): the
 * fields policy evaluation reads (@trent/policy's Grant), plus its name and
 * creation time. The grant token is never stored.
 */
export const Grant = Schema.Struct({
  ...PolicyGrant.fields,
  name: Schema.optional(Schema.String),
  createdAt: Schema.Number
})
export type Grant = typeof Grant.Type

/** AWS's quota of grants per key (https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html). */
export const MAX_GRANTS_PER_KEY = 50_000
