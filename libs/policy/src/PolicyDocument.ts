import { Schema } from "effect"

/**
 * The parsed form of a key policy or an identity (IAM) policy. It keeps what the
 * author wrote — original condition operator and key spelling, `Principal: "*"`
 * versus `{"AWS": "*"}` — with every string-or-list element normalised to a list,
 * so `printPolicy` can write it back and `parsePolicy` reads the same document.
 * IAM User Guide, "IAM JSON policy element reference".
 */
export const PolicyVersions = ["2012-10-17", "2008-10-17"] as const
export const PolicyVersion = Schema.Literals(PolicyVersions)
export type PolicyVersion = typeof PolicyVersion.Type

export const PolicyKind = Schema.Literals(["key", "identity"])
export type PolicyKind = typeof PolicyKind.Type

export const StatementEffect = Schema.Literals(["Allow", "Deny"])
export type StatementEffect = typeof StatementEffect.Type

/** `"Principal": "*"` — everyone, written as a bare string. */
export const AnyPrincipal = Schema.TaggedStruct("AnyPrincipal", {})
/**
 * `"Principal": {"AWS": …, "Service": …}`. Service principals are kept and
 * printed but never match: Trent's callers are IAM identities only.
 */
export const PrincipalMap = Schema.TaggedStruct("PrincipalMap", {
  aws: Schema.Array(Schema.String),
  service: Schema.Array(Schema.String)
})
export const PrincipalSpec = Schema.Union([AnyPrincipal, PrincipalMap])
export type PrincipalSpec = typeof PrincipalSpec.Type

/** Which of a statement's paired elements was used: Action or NotAction, and so on. */
export const Matcher = Schema.Struct({
  negated: Schema.Boolean,
  values: Schema.Array(Schema.String)
})
export type Matcher = typeof Matcher.Type

export const SetQualifier = Schema.Literals(["ForAnyValue", "ForAllValues"])
export type SetQualifier = typeof SetQualifier.Type

/**
 * One `"Operator": {"key": values}` entry of a Condition block. `operator` and
 * `key` keep the author's spelling; `base`, `qualifier` and `ifExists` are the
 * operator taken apart (`ForAllValues:StringLikeIfExists` → ForAllValues,
 * StringLike, true). Values are strings, as IAM compares them (`true` → "true").
 */
export const ConditionClause = Schema.Struct({
  operator: Schema.String,
  base: Schema.String,
  qualifier: Schema.optional(SetQualifier),
  ifExists: Schema.Boolean,
  key: Schema.String,
  values: Schema.Array(Schema.String)
})
export type ConditionClause = typeof ConditionClause.Type

export const Statement = Schema.Struct({
  sid: Schema.optional(Schema.String),
  effect: StatementEffect,
  principal: Schema.optional(PrincipalSpec),
  /** `true` when the statement used NotPrincipal. */
  notPrincipal: Schema.Boolean,
  action: Matcher,
  resource: Matcher,
  conditions: Schema.Array(ConditionClause)
})
export type Statement = typeof Statement.Type

export const PolicyDocument = Schema.Struct({
  kind: PolicyKind,
  version: Schema.optional(PolicyVersion),
  id: Schema.optional(Schema.String),
  statements: Schema.Array(Statement)
})
export type PolicyDocument = typeof PolicyDocument.Type
