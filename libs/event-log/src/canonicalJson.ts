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
export const canonicalJson = (value: unknown): string => write(value, "$", new Set())

const write = (value: unknown, path: string, ancestors: Set<object>): string => {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value)
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON cannot represent`)
      return JSON.stringify(value)
    case "object":
      if (value === null) return "null"
      return writeContainer(value, path, ancestors)
    case "undefined":
      throw new TypeError(`${path} is undefined, which is not a JSON value`)
    default:
      throw new TypeError(`${path} is a ${typeof value}, which is not a JSON value`)
  }
}

const writeContainer = (value: object, path: string, ancestors: Set<object>): string => {
  if (ancestors.has(value)) throw new TypeError(`${path} refers back to an enclosing value (a cycle)`)
  ancestors.add(value)
  try {
    if (Array.isArray(value)) return writeArray(value, path, ancestors)
    const proto: unknown = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${path} is an instance of ${value.constructor?.name ?? "a class"}, not a plain JSON object`)
    }
    return writeObject(value as Record<string, unknown>, path, ancestors)
  } finally {
    ancestors.delete(value)
  }
}

const writeArray = (value: ReadonlyArray<unknown>, path: string, ancestors: Set<object>): string => {
  const parts: Array<string> = []
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) throw new TypeError(`${path}[${i}] is a hole in a sparse array`)
    parts.push(write(value[i], `${path}[${i}]`, ancestors))
  }
  return `[${parts.join(",")}]`
}

const writeObject = (value: Record<string, unknown>, path: string, ancestors: Set<object>): string => {
  // Default sort compares UTF-16 code units, which is what RFC 8785 section 3.2.3 asks for.
  const names = Object.keys(value).filter((name) => value[name] !== undefined).sort()
  const members = names.map((name) => `${JSON.stringify(name)}:${write(value[name], `${path}.${name}`, ancestors)}`)
  return `{${members.join(",")}}`
}
