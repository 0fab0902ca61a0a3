/**
 * How a setting's text (a flag, an environment variable, or a string in the
 * config file) becomes its value: one reading for every source, so a value
 * that works as a flag works everywhere (`debug`, `Debug` and `DEBUG` alike).
 */
export const flag = (value: string | undefined): boolean | undefined =>
  value === undefined ? undefined : ["1", "true", "yes", "on"].includes(value.toLowerCase())

export const number = (value: string | undefined): number | unknown => (value === undefined || value === "" ? undefined : Number(value))

export const list = (value: string | undefined): Array<string> | undefined =>
  value === undefined ? undefined : value.split(",").map((s) => s.trim()).filter((s) => s.length > 0)

export const logLevel = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : value.charAt(0).toUpperCase() + value.slice(1).toLowerCase()

/** How each setting reads from text; a setting not named here is a plain string. */
export type ValueKind = "number" | "list" | "logLevel" | "boolean" | "string"

export const fromText = (kind: ValueKind, value: string): unknown =>
  kind === "number" ? number(value) : kind === "list" ? list(value) : kind === "logLevel" ? logLevel(value) : kind === "boolean" ? flag(value) : value
