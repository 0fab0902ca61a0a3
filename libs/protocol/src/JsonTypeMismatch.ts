/**
 * The SerializationException text for a JSON value of the wrong type. AWS's
 * JSON 1.1 front end (Coral) names the JSON token it met: `STRING_VALUE can not
 * be converted to an Integer`, `NUMBER_VALUE can not be converted to a String`,
 * `Start of list found where not expected`, `Start of structure or map found
 * where not expected` (as recorded by AWS emulators that copy real responses).
 * AWS does not say where; Trent adds the member path so the caller can find it.
 */
export type ExpectedType = "String" | "Integer" | "Boolean" | "Timestamp" | "Blob" | "List" | "Map" | "Structure"

const article: Record<ExpectedType, string> = {
  String: "a String",
  Integer: "an Integer",
  Boolean: "a Boolean",
  Timestamp: "a Timestamp",
  Blob: "a Blob",
  List: "a List",
  Map: "a Map",
  Structure: "a Structure"
}

const scalarToken = (value: unknown): string | undefined => {
  if (typeof value === "string") return "STRING_VALUE"
  if (typeof value === "number") return Number.isInteger(value) ? "NUMBER_VALUE" : "DECIMAL_VALUE"
  if (value === true) return "TRUE_VALUE"
  if (value === false) return "FALSE_VALUE"
  return undefined
}

const describeMismatch = (expected: ExpectedType, value: unknown): string => {
  if (Array.isArray(value)) return "Start of list found where not expected"
  if (value === null) return "Null value found where not expected"
  if (typeof value === "object") return "Start of structure or map found where not expected"
  const token = scalarToken(value)
  if (token === undefined) return "Unexpected value type"
  if (expected === "Blob") return "only base-64-encoded strings are convertible to bytes"
  if (expected === "List" || expected === "Map" || expected === "Structure") return "Unexpected field type"
  return `${token} can not be converted to ${article[expected]}`
}

export const typeMismatch = (expected: ExpectedType, value: unknown, path: string): string =>
  atPath(describeMismatch(expected, value), path)

/** Appends the member path (`… at 'tags.1.member.tagKey'`); the body itself has no path. */
export const atPath = (message: string, path: string): string => path === "" ? message : `${message} at '${path}'`
