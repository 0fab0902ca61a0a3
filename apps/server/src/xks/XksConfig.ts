import { readFileSync } from "node:fs"
import type { XksCredential } from "@trent/auth"
import { type PolicyDocument, parsePolicy } from "@trent/policy"
import { Redacted, Result, Schema } from "effect"

/**
 * The `--xks` file: the logical key stores Trent serves as an XKS proxy, each
 * under its own URI path with its own SigV4 credentials (XKS spec, "API
 * operations" and "Authentication"). Written by the operator; it holds the
 * proxy's secrets, so it should be readable by Trent alone.
 *
 * ```json
 * { "keyStores": [{
 *     "uriPath": "/keystores/orders/kms/xks/v1",
 *     "region": "us-east-1",
 *     "credentials": [{ "accessKeyId": "…", "secretAccessKey": "…" }],
 *     "keys": [{ "externalKeyId": "orders-1", "key": "alias/orders" },
 *              { "key": "1234abcd-12ab-34cd-56ef-1234567890ab", "xksOnly": true }],
 *     "policy": { "Version": "2012-10-17", "Statement": [ … ] } }] }
 * ```
 */

/** "MUST NOT exceed 128 characters and MUST NOT include any characters other than a-z, A-Z, 0-9, /, - and _" and ends in /kms/xks/v1. */
const UriPath = Schema.String.check(Schema.isPattern(/^(\/[a-zA-Z0-9_-]+)*\/kms\/xks\/v1$/), Schema.isMaxLength(128))
/** Appendix A: "length no less than 20 characters and no more than 30 … uppercase A through Z and the digits 2 through 7". */
const AccessKeyId = Schema.String.check(Schema.isPattern(/^[A-Z2-7]{20,30}$/))
/**
 * Appendix A: "A through Z, a through z, 0 through 9, plus (+), slash (/) and
 * equals (=)", 43–64 characters (the console file). Checked after decoding,
 * so that no message ever quotes it.
 */
const secretPattern = /^[A-Za-z0-9+/=]{43,64}$/
/** "MUST NOT exceed 128 characters … letters A through Z, the digits 0 through 9, the hyphen, the period and the underscore." */
const ExternalKeyId = Schema.String.check(Schema.isPattern(/^[a-zA-Z0-9._-]{1,128}$/))

const KeyStoreFile = Schema.Struct({
  uriPath: UriPath,
  region: Schema.String.check(Schema.isPattern(/^([a-z]+-){2,3}\d+$/)),
  account: Schema.optional(Schema.String.check(Schema.isPattern(/^\d{12}$/))),
  credentials: Schema.Array(Schema.Struct({ accessKeyId: AccessKeyId, secretAccessKey: Schema.String })).check(Schema.isMinLength(1)),
  keys: Schema.Array(Schema.Struct({
    externalKeyId: Schema.optional(ExternalKeyId),
    key: Schema.String.check(Schema.isMinLength(1)),
    xksOnly: Schema.optional(Schema.Boolean)
  })),
  policy: Schema.optional(Schema.Union([Schema.String, Schema.Record(Schema.String, Schema.Unknown)]))
})

const XksConfigFile = Schema.Struct({ keyStores: Schema.Array(KeyStoreFile).check(Schema.isMinLength(1)) })

/** One external key: the Trent key it is, by key id or alias. */
export interface XksKeyEntry {
  readonly externalKeyId: string
  readonly key: string
}

/** One logical key store, ready to serve. */
export interface XksKeyStore {
  readonly uriPath: string
  readonly region: string
  /** The account whose Region holds the keys; the server's default account when absent. */
  readonly account: string | undefined
  readonly credentials: ReadonlyArray<XksCredential>
  readonly keys: ReadonlyMap<string, XksKeyEntry>
  /** The operator's policy on requestMetadata; every request is allowed when there is none. */
  readonly policy: PolicyDocument | undefined
}

export interface XksConfig {
  readonly keyStores: ReadonlyArray<XksKeyStore>
  /** Key ids (in lower case) reserved for the XKS surface: the KMS API refuses to use them for cryptography. */
  readonly xksOnlyKeyIds: ReadonlySet<string>
}

export class XksConfigError extends Error {}

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The external key id of an entry: as given, else the key id or alias name it names (when those characters are allowed). */
const externalIdOf = (entry: { readonly externalKeyId?: string | undefined; readonly key: string }): string | undefined =>
  entry.externalKeyId ?? (/^[a-zA-Z0-9._-]{1,128}$/.test(entry.key.replace(/^alias\//, "")) ? entry.key.replace(/^alias\//, "") : undefined)

/** Decodes and checks a config: throws XksConfigError naming the first problem, never echoing a secret. */
export const decodeXksConfig = (raw: unknown, source: string, hostedRegions: ReadonlyArray<string>): XksConfig => {
  const decoded = Schema.decodeUnknownResult(XksConfigFile)(raw)
  if (Result.isFailure(decoded)) throw new XksConfigError(`invalid XKS configuration in ${source}: ${decoded.failure.message}`)
  const paths = new Set<string>()
  const xksOnlyKeyIds = new Set<string>()
  const keyStores = decoded.success.keyStores.map((store, s): XksKeyStore => {
    const at = `${source}: keyStores[${s}]`
    if (paths.has(store.uriPath)) throw new XksConfigError(`${at}.uriPath ${store.uriPath} is used twice`)
    paths.add(store.uriPath)
    if (!hostedRegions.includes(store.region)) throw new XksConfigError(`${at}.region ${store.region} is not a Region this server hosts`)
    const accessKeys = new Set(store.credentials.map((c) => c.accessKeyId))
    if (accessKeys.size !== store.credentials.length) throw new XksConfigError(`${at}.credentials: an access key id is listed twice`)
    store.credentials.forEach((credential, c) => {
      if (!secretPattern.test(credential.secretAccessKey)) {
        throw new XksConfigError(`${at}.credentials[${c}].secretAccessKey must be 43 to 64 characters of A-Z, a-z, 0-9, +, / and =`)
      }
    })
    const keys = new Map<string, XksKeyEntry>()
    store.keys.forEach((entry, k) => {
      const externalKeyId = externalIdOf(entry)
      if (externalKeyId === undefined) throw new XksConfigError(`${at}.keys[${k}] needs an externalKeyId: ${entry.key} cannot be one`)
      if (keys.has(externalKeyId)) throw new XksConfigError(`${at}.keys[${k}]: external key id ${externalKeyId} is used twice`)
      // An alias can be moved to another key by the KMS API: only a key id pins what is reserved.
      if (entry.xksOnly === true) {
        if (!KEY_ID.test(entry.key.toLowerCase())) throw new XksConfigError(`${at}.keys[${k}]: an xksOnly key is named by its key id`)
        xksOnlyKeyIds.add(entry.key.toLowerCase())
      }
      keys.set(externalKeyId, { externalKeyId, key: entry.key })
    })
    let policy: PolicyDocument | undefined
    if (store.policy !== undefined) {
      const parsed = parsePolicy(typeof store.policy === "string" ? store.policy : JSON.stringify(store.policy), "identity")
      if (Result.isFailure(parsed)) throw new XksConfigError(`${at}.policy: ${parsed.failure.message}`)
      policy = parsed.success
    }
    return {
      uriPath: store.uriPath,
      region: store.region,
      account: store.account,
      credentials: store.credentials.map((c) => ({ accessKeyId: c.accessKeyId, secretAccessKey: Redacted.make(c.secretAccessKey) })),
      keys,
      policy
    }
  })
  return { keyStores, xksOnlyKeyIds }
}

export const readXksConfig = (path: string, hostedRegions: ReadonlyArray<string>): XksConfig => {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, "utf8"))
  } catch (error) {
    throw new XksConfigError(`cannot read the XKS configuration ${path}: ${(error as Error).message}`)
  }
  return decodeXksConfig(raw, path, hostedRegions)
}
