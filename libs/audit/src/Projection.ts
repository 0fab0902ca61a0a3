import { isoSeconds } from "./isoSeconds.ts"

/**
 * An allow-list over a decoded request or result: what to keep, and as what.
 * A value is kept only when its field is named and it has the named kind; a
 * string rule never accepts bytes, a list rule never accepts a Uint8Array, an
 * object rule accepts plain objects only (never a SecretBytes or another class
 * instance). So whatever is not named, or is named but not of its kind, is
 * dropped — secrets and binary values cannot pass by accident.
 */
export type FieldRule =
  | "string"
  | "number"
  | "boolean"
  /** Epoch milliseconds (or a Date), written as CloudTrail writes times: "2026-11-28T14:03:05Z". */
  | "date"
  /** A string-to-string map (an encryption context): non-string values are dropped. */
  | "stringMap"
  /** A list of strings (grant operations, tag keys): non-string items are dropped. */
  | "stringList"
  | ObjectRule
  | ListRule
  | RenamedRule

export interface ObjectRule {
  readonly _tag: "Object"
  readonly fields: Readonly<Record<string, FieldRule>>
}

export interface ListRule {
  readonly _tag: "List"
  readonly item: ObjectRule
}

/** Keeps a field under another name (KeyMetadata's awsAccountId is CloudTrail's AWSAccountId). */
export interface RenamedRule {
  readonly _tag: "Renamed"
  readonly as: string
  readonly rule: FieldRule
}

export type Json = string | number | boolean | null | ReadonlyArray<Json> | { readonly [name: string]: Json }
export type JsonObject = { readonly [name: string]: Json }

export const fields = (rules: Readonly<Record<string, FieldRule>>): ObjectRule =>
  Object.freeze({ _tag: "Object", fields: Object.freeze({ ...rules }) })

export const listOf = (item: ObjectRule): ListRule => Object.freeze({ _tag: "List", item })

export const renamed = (as: string, rule: FieldRule): RenamedRule => Object.freeze({ _tag: "Renamed", as, rule })

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * The allowed part of `value`, or undefined when `value` is not a plain
 * object. Fields left with nothing are omitted; an object that keeps nothing
 * is still an object (`{}`).
 */
export const project = (value: unknown, rule: ObjectRule): JsonObject | undefined => {
  if (!isPlainObject(value)) return undefined
  const kept: Record<string, Json> = {}
  for (const [name, fieldRule] of Object.entries(rule.fields)) {
    if (!Object.hasOwn(value, name)) continue
    const [as, inner] = fieldRule !== null && typeof fieldRule === "object" && fieldRule._tag === "Renamed"
      ? [fieldRule.as, fieldRule.rule]
      : [name, fieldRule]
    const projected = projectField(value[name], inner)
    if (projected !== undefined) kept[as] = projected
  }
  return kept
}

const projectField = (value: unknown, rule: FieldRule): Json | undefined => {
  switch (rule) {
    case "string":
      return typeof value === "string" ? value : undefined
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : undefined
    case "boolean":
      return typeof value === "boolean" ? value : undefined
    case "date":
      return projectDate(value)
    case "stringMap":
      return isPlainObject(value)
        ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
        : undefined
    case "stringList":
      return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : undefined
  }
  switch (rule._tag) {
    case "Object":
      return project(value, rule)
    case "List":
      return Array.isArray(value)
        ? value.flatMap((item) => {
          const projected = project(item, rule.item)
          return projected === undefined ? [] : [projected]
        })
        : undefined
    case "Renamed":
      return projectField(value, rule.rule)
  }
}

const projectDate = (value: unknown): string | undefined => {
  const millis = value instanceof Date ? value.getTime() : value
  return typeof millis === "number" && Number.isFinite(millis) && Math.abs(millis) <= 8.64e15 ? isoSeconds(millis) : undefined
}
