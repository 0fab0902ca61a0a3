/**
 * Canonical JSON text of a JSON value, after RFC 8785 (JSON Canonicalization
 * Scheme): no whitespace, object members sorted by the UTF-16 code units of
 * their names, numbers and strings as ECMAScript's JSON.stringify writes them.
 * Payloads and states are stored in this form, so the text that is hashed is
 * the text that is stored, and `JSON.parse` then `canonicalJson` gives it back
 * byte for byte: a verifier can recompute a hash from a decoded event.
 *
 * Object members whose value is undefined are left out, as JSON.stringify
 * does: that is how an absent optional field looks after a Schema encode.
 * Anything else that is not JSON throws a TypeError naming its path (undefined
 * in an array or at the top, a function, a bigint, NaN or ±Infinity, a Date or
 * other class instance, a sparse array, a cycle) instead of being dropped or
 * coerced silently.
 */
export const canonicalJson = (value: unknown): string => write(value, [], [])

/**
 * `path` holds the segments from the top (member names, array indexes) and is joined only for an error
 * message: replay canonicalizes every payload, and building every member's path costs more than
 * writing it. `ancestors` are the enclosing containers, for telling a cycle from a shared value.
 */
const where = (path: ReadonlyArray<string | number>): string =>
  `$${path.map((segment) => typeof segment === "number" ? `[${segment}]` : `.${segment}`).join("")}`

const write = (value: unknown, path: Array<string | number>, ancestors: Array<object>): string => {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value)
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${where(path)} is ${value}, which JSON cannot represent`)
      return JSON.stringify(value)
    case "object":
      if (value === null) return "null"
      return writeContainer(value, path, ancestors)
    case "undefined":
      throw new TypeError(`${where(path)} is undefined, which is not a JSON value`)
    default:
      throw new TypeError(`${where(path)} is a ${typeof value}, which is not a JSON value`)
  }
}

const writeContainer = (value: object, path: Array<string | number>, ancestors: Array<object>): string => {
  if (ancestors.includes(value)) throw new TypeError(`${where(path)} refers back to an enclosing value (a cycle)`)
  ancestors.push(value)
  try {
    if (Array.isArray(value)) return writeArray(value, path, ancestors)
    const proto: unknown = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${where(path)} is an instance of ${value.constructor?.name ?? "a class"}, not a plain JSON object`)
    }
    return writeObject(value as Record<string, unknown>, path, ancestors)
  } finally {
    ancestors.pop()
  }
}

const writeArray = (value: ReadonlyArray<unknown>, path: Array<string | number>, ancestors: Array<object>): string => {
  let text = "["
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) throw new TypeError(`${where(path)}[${i}] is a hole in a sparse array`)
    path.push(i)
    text += (i === 0 ? "" : ",") + write(value[i], path, ancestors)
    path.pop()
  }
  return `${text}]`
}

const writeObject = (value: Record<string, unknown>, path: Array<string | number>, ancestors: Array<object>): string => {
  // Default sort compares UTF-16 code units, which is what RFC 8785 section 3.2.3 asks for.
  const names = Object.keys(value).sort()
  let text = "{"
  let first = true
  for (const name of names) {
    const member = value[name]
    if (member === undefined) continue
    path.push(name)
    text += `${first ? "" : ","}${JSON.stringify(name)}:${write(member, path, ancestors)}`
    path.pop()
    first = false
  }
  return `${text}}`
}
