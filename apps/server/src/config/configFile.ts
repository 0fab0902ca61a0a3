import { readFileSync } from "node:fs"
import { ConfigError } from "./ConfigError.ts"
import { didYouMean } from "./didYouMean.ts"
import { fromText, type ValueKind } from "./settingValues.ts"

/**
 * Reads a JSON config file into raw settings. An unknown key is refused (a
 * misspelt `"prot": 7621` would otherwise start the server on its default
 * port), with the closest known key suggested; a string value is read as its
 * flag would be (`"logLevel": "debug"`, `"regions": "eu-west-1,us-east-1"`).
 */
export const readConfigFile = (path: string, kinds: Readonly<Record<string, ValueKind>>): Record<string, unknown> => {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, "utf8"))
  } catch (error) {
    throw new ConfigError(`cannot read the config file ${path}: ${(error as Error).message}`)
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError(`${path} must hold a JSON object`)
  const known = Object.keys(kinds)
  const settings: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) {
    const kind = kinds[key]
    if (kind === undefined) {
      const suggestion = didYouMean(key, known)
      throw new ConfigError(
        `unknown setting "${key}" in ${path}${suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`}; known settings: ${known.join(", ")}`
      )
    }
    settings[key] = typeof value === "string" ? fromText(kind, value) : value
  }
  return settings
}
