import { Schema } from "effect"

/**
 * Who is asking. `arn` is the caller's own ARN (`arn:aws:iam::A:root`,
 * `arn:aws:iam::A:user/alice`, `arn:aws:iam::A:role/R`, or an STS session
 * `arn:aws:sts::A:assumed-role/R/session`); `account` its 12-digit account.
 */
export const PrincipalKinds = ["root", "user", "role", "assumed-role"] as const
export const PrincipalKind = Schema.Literals(PrincipalKinds)
export type PrincipalKind = typeof PrincipalKind.Type

export const RequestPrincipal = Schema.Struct({
  arn: Schema.String,
  account: Schema.String,
  kind: PrincipalKind,
  /** The unique id (aws:userid); informational. */
  id: Schema.optional(Schema.String)
})
export type RequestPrincipal = typeof RequestPrincipal.Type

/** A moment, for date condition keys (aws:CurrentTime): time arrives as data, never read from a clock here. */
export const ConditionDate = Schema.Struct({ epochMillis: Schema.Number })
export type ConditionDate = typeof ConditionDate.Type

/**
 * One condition key's value in the request context. A list is a multivalued key
 * (kms:EncryptionContextKeys, kms:GrantOperations, aws:TagKeys…); an absent key
 * is simply not in the map. A bare number used with a date operator is read as
 * epoch seconds, the way aws:EpochTime is.
 */
export const ConditionValue = Schema.Union([
  Schema.String,
  Schema.Number,
  Schema.Boolean,
  ConditionDate,
  Schema.Array(Schema.String)
])
export type ConditionValue = typeof ConditionValue.Type
export type ConditionScalar = string | number | boolean | ConditionDate

/** Condition key → value. Keys are looked up case-insensitively (see conditionLookup). */
export const Conditions = Schema.Record(Schema.String, ConditionValue)
export type Conditions = typeof Conditions.Type

/**
 * The request as policies see it: `action` is the IAM action ("kms:Encrypt"),
 * `resource` the key ARN, or "*" for operations that involve no key (CreateKey,
 * ListKeys, ListAliases, GenerateRandom, ListRetirableGrants…).
 */
export const AuthorizationRequest = Schema.Struct({
  principal: RequestPrincipal,
  action: Schema.String,
  resource: Schema.String,
  conditions: Conditions
})
export type AuthorizationRequest = typeof AuthorizationRequest.Type

export const isConditionDate = (value: unknown): value is ConditionDate =>
  typeof value === "object" && value !== null && !Array.isArray(value) && "epochMillis" in value

/**
 * The request's condition values, found case-insensitively: "condition key names
 * are not case-sensitive" (IAM User Guide, "IAM JSON policy elements:
 * Condition"), and for kms:EncryptionContext:context-key "the condition key,
 * which consists of the kms:EncryptionContext: prefix and the context-key
 * replacement, is not case sensitive" (KMS Developer Guide, "Case sensitivity of
 * the encryption context condition"). Two entries that differ only by case (an
 * encryption context with both `App` and `app`) merge into one multivalued key.
 * `undefined` means the key is absent; an empty list is an empty set.
 */
export const conditionLookup = (conditions: Conditions): ((key: string) => ReadonlyArray<ConditionScalar> | undefined) => {
  const byKey = new Map<string, Array<ConditionScalar>>()
  for (const [key, value] of Object.entries(conditions)) {
    const normalised = key.toLowerCase()
    const values = Array.isArray(value) ? (value as ReadonlyArray<string>) : [value as ConditionScalar]
    byKey.set(normalised, [...(byKey.get(normalised) ?? []), ...values])
  }
  return (key) => byKey.get(key.toLowerCase())
}
