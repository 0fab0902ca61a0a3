/**
 * Canonical JSON text of a JSON value, after RFC 8785 (JSON Canonicalization
 * Scheme): no whitespace, object members sorted by the UTF-16 code units of
 * their names, numbers and strings as ECMAScript's JSON.stringify writes them.
 * An audit entry's hash is taken over this text, and `JSON.parse` then
 * `canonicalJson` gives the text back byte for byte, so a verifier can
 * recompute every hash from entries it decoded.
 *
 * The same encoding as @trent/event-log's (which keeps its copy private); two
 * copies of forty lines are cheaper than a shared library for one function.
 *
 * Members whose value is undefined are left out, as JSON.stringify does.
 * Anything else that is not JSON throws a TypeError naming its path (undefined
 * in an array or at the top, a function, a bigint, NaN or ±Infinity, a class
 * instance such as a Uint8Array or a SecretBytes, a sparse array, a cycle)
 * instead of being dropped or coerced silently.
 */
export const canonicalJson = (value: unknown): string => {
  try {
    return write(value, new Set())
  } catch (error) {
    if (error instanceof NotJson) throw new TypeError(error.describe(`$${error.path.reverse().join("")}`))
    throw error
  }
}

/**
 * Thrown while writing and completed on the way out: each enclosing container
 * adds its segment, so that the path of the offending value is only built
 * when there is one (the audit writer serializes every record; paths for
 * every member would triple its cost).
 */
class NotJson extends Error {
  readonly path: Array<string> = []
  readonly describe: (path: string) => string
  constructor(describe: (path: string) => string) {
    super("not JSON")
    this.describe = describe
  }
}

const within = <A>(segment: string, run: () => A): A => {
  try {
    return run()
  } catch (error) {
    if (error instanceof NotJson) error.path.push(segment)
    throw error
  }
}

const write = (value: unknown, ancestors: Set<object>): string => {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value)
    case "number":
      if (!Number.isFinite(value)) throw new NotJson((path) => `${path} is ${value}, which JSON cannot represent`)
      return JSON.stringify(value)
    case "object":
      if (value === null) return "null"
      return writeContainer(value, ancestors)
    case "undefined":
      throw new NotJson((path) => `${path} is undefined, which is not a JSON value`)
    default:
      throw new NotJson((path) => `${path} is a ${typeof value}, which is not a JSON value`)
  }
}

const writeContainer = (value: object, ancestors: Set<object>): string => {
  if (ancestors.has(value)) throw new NotJson((path) => `${path} refers back to an enclosing value (a cycle)`)
  ancestors.add(value)
  try {
    if (Array.isArray(value)) return writeArray(value, ancestors)
    const proto: unknown = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) {
      const kind = value.constructor?.name ?? "a class"
      throw new NotJson((path) => `${path} is an instance of ${kind}, not a plain JSON object`)
    }
    return writeObject(value as Record<string, unknown>, ancestors)
  } finally {
    ancestors.delete(value)
  }
}

const writeArray = (value: ReadonlyArray<unknown>, ancestors: Set<object>): string => {
  const parts: Array<string> = []
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) throw Object.assign(new NotJson((path) => `${path} is a hole in a sparse array`), { path: [`[${i}]`] })
    parts.push(within(`[${i}]`, () => write(value[i], ancestors)))
  }
  return `[${parts.join(",")}]`
}

const writeObject = (value: Record<string, unknown>, ancestors: Set<object>): string => {
  // Default sort compares UTF-16 code units, which is what RFC 8785 section 3.2.3 asks for.
  const names = Object.keys(value).filter((name) => value[name] !== undefined).sort()
  const members = names.map((name) => `${JSON.stringify(name)}:${within(`.${name}`, () => write(value[name], ancestors))}`)
  return `{${members.join(",")}}`
}
