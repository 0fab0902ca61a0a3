import { maxLength, maxValue, minLength, minValue, pattern, enumValueSet } from "@trent/domain"
import { Predicate, Result } from "effect"
import { atPath, type ExpectedType, typeMismatch } from "./JsonTypeMismatch.ts"
import { decodeBase64 } from "./StrictBase64.ts"
import {
  hidden,
  memberConstraints,
  notNull,
  nullValue,
  shown,
  validationReport,
  type Violation,
  type ViolationValue
} from "./ValidationReport.ts"
import { serializationError, validationError, type WireError } from "./WireError.ts"
import { epochMilliseconds } from "./WireValues.ts"
import { type MemberSpec, type Shape, type ShapeSpec, wireName } from "./WireShape.ts"

/**
 * Decodes a parsed JSON body against a wire shape, in AWS's two phases: the
 * first member of the wrong JSON type stops decoding with a
 * SerializationException; otherwise every constraint violation of the request
 * is collected, in model member order, into one ValidationException
 * (aws-kms-api.md §1.3). `null` members count as absent and unknown members are
 * ignored, as AWS does. Never throws, whatever the input.
 */
export const decodeShape = <A>(shape: Shape<A>, json: unknown): Result.Result<A, WireError> => {
  const violations: Array<Violation> = []
  const decoded = decodeValue(shape.spec, json, "", violations)
  if (Result.isFailure(decoded)) return Result.fail(serializationError(decoded.failure))
  if (violations.length > 0) return Result.fail(validationError(validationReport(violations)))
  return Result.succeed(decoded.success as A)
}

type Step = Result.Result<unknown, string>

const INT32_MAX = 2 ** 31 - 1
const INT32_MIN = -(2 ** 31)

const isJsonObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  Predicate.isObject(value) && !Array.isArray(value)

const compiled = new Map<string, RegExp>()

/** The model's patterns are matched against the whole value. */
const fullMatch = (source: string, value: string): boolean => {
  let regex = compiled.get(source)
  if (regex === undefined) {
    regex = new RegExp(source.startsWith("^") ? source : `^(?:${source})$`)
    compiled.set(source, regex)
  }
  return regex.test(value)
}

const valueOf = (spec: ShapeSpec, value: string): ViolationValue =>
  spec._tag === "String" && spec.sensitive ? hidden : shown(value)

/** Each failed constraint of a scalar, pattern first then length (the order AWS's messages show). */
const scalarRules = (spec: ShapeSpec, value: unknown): Array<string> => {
  switch (spec._tag) {
    case "String": {
      const text = value as string
      const rules: Array<string> = []
      if (spec.pattern !== undefined && !fullMatch(spec.pattern, text)) rules.push(pattern(spec.pattern))
      if (spec.minLength !== undefined && text.length < spec.minLength) rules.push(minLength(spec.minLength))
      if (spec.maxLength !== undefined && text.length > spec.maxLength) rules.push(maxLength(spec.maxLength))
      if (spec.values !== undefined && !spec.values.includes(text)) rules.push(enumValueSet(spec.values))
      return rules
    }
    case "Integer": {
      const n = value as number
      if (spec.min !== undefined && n < spec.min) return [minValue(spec.min)]
      if (spec.max !== undefined && n > spec.max) return [maxValue(spec.max)]
      return []
    }
    case "Blob": {
      const size = (value as Uint8Array).length
      if (size < spec.minLength) return [minLength(spec.minLength)]
      if (size > spec.maxLength) return [maxLength(spec.maxLength)]
      return []
    }
    default:
      return []
  }
}

/** Every constraint a list's scalar members carry, as AWS lists them when one member fails. */
const declaredRules = (spec: ShapeSpec): Array<string> => {
  if (spec._tag === "String") {
    return [
      ...(spec.maxLength === undefined ? [] : [maxLength(spec.maxLength)]),
      ...(spec.pattern === undefined ? [] : [pattern(spec.pattern)]),
      ...(spec.minLength === undefined ? [] : [minLength(spec.minLength)]),
      ...(spec.values === undefined ? [] : [enumValueSet(spec.values)])
    ]
  }
  if (spec._tag === "Integer") {
    return [...(spec.max === undefined ? [] : [maxValue(spec.max)]), ...(spec.min === undefined ? [] : [minValue(spec.min)])]
  }
  if (spec._tag === "Blob") return [maxLength(spec.maxLength), minLength(spec.minLength)]
  return []
}

const decodeValue = (spec: ShapeSpec, json: unknown, path: string, violations: Array<Violation>): Step => {
  switch (spec._tag) {
    case "String":
      if (typeof json !== "string") return mismatch("String", json, path)
      return json.isWellFormed() ? checked(spec, json, valueOf(spec, json), path, violations) : unpairedSurrogate(path)
    case "Integer":
      return typeof json === "number" && Number.isInteger(json) && json >= INT32_MIN && json <= INT32_MAX
        ? checked(spec, json, shown(String(json)), path, violations)
        : mismatch("Integer", json, path)
    case "Boolean":
      return typeof json === "boolean" ? Result.succeed(json) : mismatch("Boolean", json, path)
    case "Timestamp":
      return decodeTimestamp(json, path)
    case "Blob":
      return decodeBlob(spec, json, path, violations)
    case "List":
      return decodeList(spec, json, path, violations)
    case "StringMap":
      return decodeStringMap(json, path)
    case "Structure":
      return decodeStructure(spec.members, json, path, violations)
  }
}

/**
 * JSON may escape half of a UTF-16 surrogate pair (`"\ud800"`, RFC 8259 §8.2:
 * such strings "the behavior of software that receives [them] is
 * unpredictable"); no such string has a UTF-8 encoding (RFC 3629 §3), and every
 * member is UTF-8 once it reaches a key, an encryption context or the log. The
 * request is refused as undeserializable, like any body AWS cannot read. The
 * value itself is left out: it may be secret, and it cannot be printed.
 */
const unpairedSurrogate = (path: string): Step =>
  Result.fail(atPath("Invalid UTF-16: unpaired surrogate found where not expected", path))

const mismatch = (expected: ExpectedType, json: unknown, path: string): Step =>
  Result.fail(typeMismatch(expected, json, path))

const checked = (
  spec: ShapeSpec,
  value: unknown,
  printed: ViolationValue,
  path: string,
  violations: Array<Violation>
): Step => {
  for (const rule of scalarRules(spec, value)) violations.push({ path, value: printed, rule })
  return Result.succeed(value)
}

/** The range of a JavaScript Date: ±100,000,000 days from the epoch, in milliseconds (ECMA-262 §21.4.1.22). */
const MAX_EPOCH_MILLISECONDS = 8.64e15

/**
 * Timestamps arrive as JSON numbers of epoch seconds, fractional allowed
 * (aws-kms-api.md §1.2); a string (even an ISO-8601 one) or a time no Date can
 * hold is of the wrong type. The model sets no range: whether a time is
 * acceptable (ImportKeyMaterial's ValidTo) is the Region's rule.
 */
const decodeTimestamp = (json: unknown, path: string): Step => {
  if (typeof json !== "number" || !Number.isFinite(json)) return mismatch("Timestamp", json, path)
  const milliseconds = epochMilliseconds(json)
  return Math.abs(milliseconds) <= MAX_EPOCH_MILLISECONDS ? Result.succeed(milliseconds) : mismatch("Timestamp", json, path)
}

const decodeBlob = (spec: ShapeSpec, json: unknown, path: string, violations: Array<Violation>): Step => {
  if (typeof json !== "string") return mismatch("Blob", json, path)
  const bytes = decodeBase64(json)
  if (Result.isFailure(bytes)) return Result.fail(atPath(bytes.failure, path))
  return checked(spec, bytes.success, hidden, path, violations)
}

/** Java's `List.toString`, which is how AWS prints a list value. Items are decoded, hence JSON-safe. */
const printList = (items: ReadonlyArray<unknown>): string =>
  `[${items.map((item) => (typeof item === "string" || typeof item === "number" ? String(item) : JSON.stringify(item))).join(", ")}]`

const decodeList = (
  spec: Extract<ShapeSpec, { _tag: "List" }>,
  json: unknown,
  path: string,
  violations: Array<Violation>
): Step => {
  if (!Array.isArray(json)) return mismatch("List", json, path)
  const member = spec.member.spec
  const nested = member._tag === "Structure" || member._tag === "List" || member._tag === "StringMap"
  // Nested members report at their own paths; scalar ones are reported once, on the list (as AWS does).
  const memberViolations: Array<Violation> = []
  const items: Array<unknown> = []
  for (const [index, item] of json.entries()) {
    const itemPath = `${path}.${index + 1}.member`
    if (item === null) return Result.fail(atPath("Null value found where not expected", itemPath))
    const decoded = decodeValue(member, item, itemPath, memberViolations)
    if (Result.isFailure(decoded)) return decoded
    items.push(decoded.success)
  }
  const printed = shown(printList(items))
  if (spec.minLength !== undefined && items.length < spec.minLength) {
    violations.push({ path, value: printed, rule: minLength(spec.minLength) })
  }
  if (spec.maxLength !== undefined && items.length > spec.maxLength) {
    violations.push({ path, value: printed, rule: maxLength(spec.maxLength) })
  }
  if (nested) violations.push(...memberViolations)
  else if (memberViolations.length > 0) violations.push({ path, value: printed, rule: memberConstraints(declaredRules(member)) })
  return Result.succeed(items)
}

const decodeStringMap = (json: unknown, path: string): Step => {
  if (!isJsonObject(json)) return mismatch("Map", json, path)
  const entries: Array<[string, string]> = []
  for (const [key, value] of Object.entries(json)) {
    if (!key.isWellFormed()) return unpairedSurrogate(path)
    if (typeof value !== "string") return mismatch("String", value, `${path}.${key}`)
    if (!value.isWellFormed()) return unpairedSurrogate(`${path}.${key}`)
    entries.push([key, value])
  }
  // fromEntries defines own properties, so a `__proto__` key stays an ordinary pair.
  return Result.succeed(Object.fromEntries(entries))
}

const decodeStructure = (
  members: ReadonlyArray<MemberSpec>,
  json: unknown,
  path: string,
  violations: Array<Violation>
): Step => {
  if (!isJsonObject(json)) return mismatch("Structure", json, path)
  const decoded: Array<[string, unknown]> = []
  for (const member of members) {
    const memberPath = path === "" ? member.name : `${path}.${member.name}`
    const raw = Object.hasOwn(json, wireName(member.name)) ? json[wireName(member.name)] : undefined
    if (raw === undefined || raw === null) {
      if (member.required) violations.push({ path: memberPath, value: nullOf(member.shape.spec), rule: notNull })
      continue
    }
    const value = decodeValue(member.shape.spec, raw, memberPath, violations)
    if (Result.isFailure(value)) return value
    decoded.push([member.name, value.success])
  }
  return Result.succeed(Object.fromEntries(decoded))
}

/** A missing sensitive member prints no value at all (`Value at 'plaintext' …`). */
const nullOf = (spec: ShapeSpec): ViolationValue =>
  (spec._tag === "String" || spec._tag === "Blob") && spec.sensitive ? hidden : nullValue
