import type { FieldRule, ObjectRule } from "@trent/protocol"
import { isoSeconds } from "./isoSeconds.ts"

export { fields, type FieldRule, listOf, type ListRule, type ObjectRule, renamed, type RenamedRule } from "@trent/protocol"

export type Json = string | number | boolean | null | ReadonlyArray<Json> | { readonly [name: string]: Json }
export type JsonObject = { readonly [name: string]: Json }

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
