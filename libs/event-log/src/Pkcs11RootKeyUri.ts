import { readFileSync } from "node:fs"
import { Redacted, Result } from "effect"
import { RootKeyError } from "./RootKeyError.ts"

/** Where a PKCS#11 root key is, and the PIN that opens its token (never printed). */
export interface Pkcs11RootKeyOptions {
  readonly modulePath: string
  readonly tokenLabel: string
  readonly keyLabel: string
  readonly pin: Redacted.Redacted<string>
}

/**
 * Reads `pkcs11:token=<label>;object=<key label>?module-path=<path>&pin-source=<file:path | env:NAME>`,
 * the PKCS#11 URI of RFC 7512 (§2.3: `token`, `object` path attributes; `module-path`, `pin-source`
 * query attributes). The PIN comes from a file or an environment variable only: a `pin-value`
 * would show in `ps` and in shell history, so it is refused.
 */
export const parsePkcs11RootKeyUri = (
  uri: string,
  env: Record<string, string | undefined>
): Result.Result<Pkcs11RootKeyOptions, RootKeyError> => {
  const refuse = (why: string) => Result.fail(new RootKeyError({ message: `the PKCS#11 root key URI ${why}` }))
  if (!uri.startsWith("pkcs11:")) return refuse("must start with pkcs11:")
  const [path = "", query = ""] = uri.slice("pkcs11:".length).split("?", 2)
  const attributes = (text: string, separator: string) =>
    new Map(text.split(separator).filter((part) => part !== "").map((part) => {
      const at = part.indexOf("=")
      return [decodeURIComponent(part.slice(0, at)), decodeURIComponent(part.slice(at + 1))] as const
    }))
  const pathAttributes = attributes(path, ";")
  const queryAttributes = attributes(query, "&")
  if (queryAttributes.has("pin-value")) return refuse("must not hold pin-value: name a pin-source (file:<path> or env:<NAME>)")
  const tokenLabel = pathAttributes.get("token")
  const keyLabel = pathAttributes.get("object")
  const modulePath = queryAttributes.get("module-path")
  const pinSource = queryAttributes.get("pin-source")
  if (tokenLabel === undefined || tokenLabel === "") return refuse("needs token=<token label>")
  if (keyLabel === undefined || keyLabel === "") return refuse("needs object=<key label>")
  if (modulePath === undefined || modulePath === "") return refuse("needs module-path=<PKCS#11 library>")
  if (pinSource === undefined) return refuse("needs pin-source=file:<path> or pin-source=env:<NAME>")
  const pin = readPin(pinSource, env)
  if (Result.isFailure(pin)) return Result.fail(pin.failure)
  return Result.succeed({ modulePath, tokenLabel, keyLabel, pin: pin.success })
}

const readPin = (source: string, env: Record<string, string | undefined>): Result.Result<Redacted.Redacted<string>, RootKeyError> => {
  const refuse = (message: string) => Result.fail(new RootKeyError({ message }))
  if (source.startsWith("env:")) {
    const name = source.slice(4)
    const value = env[name]
    return value === undefined || value === "" ? refuse(`the PKCS#11 PIN variable ${name} is not set`) : Result.succeed(Redacted.make(value))
  }
  if (source.startsWith("file:")) {
    const file = source.slice(5)
    try {
      const value = readFileSync(file, "utf8").trim()
      return value === "" ? refuse(`the PKCS#11 PIN file ${file} is empty`) : Result.succeed(Redacted.make(value))
    } catch {
      return refuse(`the PKCS#11 PIN file ${file} cannot be read`)
    }
  }
  return refuse("the PKCS#11 pin-source must be file:<path> or env:<NAME>")
}
