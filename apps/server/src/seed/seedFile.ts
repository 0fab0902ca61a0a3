import { readFileSync } from "node:fs"
import { SecretBytes } from "@trent/crypto"
import { KeySpec, KeyUsage } from "@trent/domain"
import type { SeedKey } from "@trent/runtime"
import { Schema } from "effect"
import { parse } from "yaml"
import { ConfigError } from "../config/ConfigError.ts"

/** One key of the file, in CreateKey's member names (seed/README.md). */
const SeedFileKey = Schema.Struct({
  KeyId: Schema.String,
  Region: Schema.optional(Schema.String),
  KeySpec: Schema.optional(KeySpec),
  KeyUsage: Schema.optional(KeyUsage),
  Description: Schema.optional(Schema.String),
  // A policy document as YAML/JSON, or already as its JSON text (as PutKeyPolicy takes it).
  Policy: Schema.optional(Schema.Union([Schema.String, Schema.Record(Schema.String, Schema.Unknown)])),
  Tags: Schema.optional(Schema.Array(Schema.Struct({ TagKey: Schema.String, TagValue: Schema.String }))),
  Aliases: Schema.optional(Schema.Array(Schema.String)),
  // Base64: 32 bytes for SYMMETRIC_DEFAULT, the HMAC spec's size, PKCS#8 DER for asymmetric keys. Dev mode only.
  Material: Schema.optional(Schema.String)
})
const SeedFileShape = Schema.Struct({ Keys: Schema.Array(SeedFileKey) })

/** A key to seed, with the Region it belongs in and the aliases that name it. */
export interface SeedEntry {
  readonly region: string
  readonly key: SeedKey
  readonly aliases: ReadonlyArray<string>
}

export interface SeedOptions {
  /** The Regions the server hosts; a key's Region defaults to the first. */
  readonly regions: ReadonlyArray<string>
  /** Fixed material is a test convenience: refused outside dev mode. */
  readonly devMode: boolean
}

const parseText = (path: string, text: string): unknown => {
  try {
    // YAML 1.2 reads JSON too, so one parser serves both (a .json file is parsed as JSON for its exact errors).
    return path.endsWith(".json") ? JSON.parse(text) : parse(text)
  } catch (error) {
    throw new ConfigError(`cannot parse the seed file ${path}: ${(error as Error).message}`)
  }
}

const toEntry = (path: string, options: SeedOptions) => (key: typeof SeedFileKey.Type, index: number): SeedEntry => {
  const where = `${path}: Keys[${index}] (${key.KeyId})`
  const region = key.Region ?? options.regions[0]!
  if (!options.regions.includes(region)) throw new ConfigError(`${where}: Region ${region} is not hosted (--regions ${options.regions.join(",")})`)
  if (key.Material !== undefined && !options.devMode) {
    throw new ConfigError(`${where}: Material (fixed key material) is accepted only in dev mode (--dev)`)
  }
  const keySpec = key.KeySpec ?? "SYMMETRIC_DEFAULT"
  return {
    region,
    aliases: key.Aliases ?? [],
    key: {
      keyId: key.KeyId,
      keySpec,
      keyUsage: key.KeyUsage ?? (keySpec.startsWith("HMAC_") ? "GENERATE_VERIFY_MAC" : "ENCRYPT_DECRYPT"),
      description: key.Description ?? "",
      policy: typeof key.Policy === "object" ? JSON.stringify(key.Policy) : key.Policy,
      tags: (key.Tags ?? []).map((tag) => ({ tagKey: tag.TagKey, tagValue: tag.TagValue })),
      material: key.Material === undefined ? undefined : SecretBytes.adopt(new Uint8Array(Buffer.from(key.Material, "base64")))
    }
  }
}

/**
 * Reads a seed file (YAML or JSON): the keys to create at start, each with
 * its fixed id, spec, usage, description, policy, tags and aliases. Unknown
 * members are refused, so a misspelt `Aliasses` is not silently dropped. The
 * error never quotes a Material value.
 */
export const readSeedFile = (path: string, options: SeedOptions): ReadonlyArray<SeedEntry> => {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (error) {
    throw new ConfigError(`cannot read the seed file ${path}: ${(error as Error).message}`)
  }
  const raw = parseText(path, text)
  checkMaterialsAreText(path, raw)
  let file: typeof SeedFileShape.Type
  try {
    file = Schema.decodeUnknownSync(SeedFileShape)(raw, { onExcessProperty: "error" })
  } catch (error) {
    throw new ConfigError(`invalid seed file ${path}: ${(error as Error).message.replace(/\s*\n\s*/g, " ")}`)
  }
  const entries = file.Keys.map(toEntry(path, options))
  const ids = new Set<string>()
  for (const { key } of entries) {
    if (ids.has(key.keyId)) throw new ConfigError(`${path}: the key ${key.keyId} is listed twice`)
    ids.add(key.keyId)
  }
  return entries
}

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/**
 * Schema's messages quote the offending value, and a Material's must never
 * reach a log line: Materials are checked first, by a message that names only
 * where the value is.
 */
const checkMaterialsAreText = (path: string, raw: unknown) => {
  const keys = (raw as { Keys?: unknown } | null)?.Keys
  if (!Array.isArray(keys)) return
  keys.forEach((key: unknown, index) => {
    const material = (key as { Material?: unknown } | null)?.Material
    if (material !== undefined && (typeof material !== "string" || material.length === 0 || !base64.test(material))) {
      throw new ConfigError(`${path}: Keys[${index}].Material must be base64 text (its value is not shown)`)
    }
  })
}
