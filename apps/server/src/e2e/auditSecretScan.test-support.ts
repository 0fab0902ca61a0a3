import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import type { KMSClient } from "@aws-sdk/client-kms"

/** Request and response members that carry secrets (or, for messages, data a caller may not want logged). */
const SECRET_MEMBERS = ["Plaintext", "PrivateKeyPlaintext", "SharedSecret", "GrantToken", "Message", "Mac", "Signature"] as const
/** Shorter values, or values of few distinct bytes (a zero-filled buffer), could match by chance in a database file. */
const MIN_BYTES = 12
const MIN_DISTINCT_BYTES = 8

/**
 * Remembers every secret an SDK client sends or receives (issue #7: "no
 * plaintext, data key or secret ever appears in an audit record — scan every
 * record written by the end-to-end suite"), to be looked for, later, in the
 * server's audit files.
 */
export class AuditSecretScan {
  readonly #secrets = new Map<string, { readonly member: string; readonly bytes: Buffer }>()

  watch(client: KMSClient): void {
    client.middlewareStack.add((next) => async (args) => {
      this.#collect(args.input)
      const result = await next(args)
      this.#collect(result.output)
      return result
    }, { step: "initialize", name: "trentAuditSecretScan" })
  }

  #collect(shape: unknown): void {
    if (typeof shape !== "object" || shape === null) return
    for (const member of SECRET_MEMBERS) {
      const value = (shape as Record<string, unknown>)[member]
      const bytes = value instanceof Uint8Array ? Buffer.from(value) : typeof value === "string" ? Buffer.from(value, "utf8") : undefined
      if (bytes !== undefined && bytes.length >= MIN_BYTES && new Set(bytes).size >= MIN_DISTINCT_BYTES) this.#secrets.set(`${member}:${bytes.toString("base64")}`, { member, bytes })
    }
  }

  /** Throws naming the member (never the value) of any secret found in an audit file under `dataDir`, in any encoding. */
  check(dataDir: string): number {
    const files = auditFiles(dataDir)
    const stored = Buffer.concat(files.map((file) => readFileSync(file)))
    for (const { member, bytes } of this.#secrets.values()) {
      for (const form of [bytes, bytes.toString("base64"), bytes.toString("base64url"), bytes.toString("hex")]) {
        const needle = typeof form === "string" ? Buffer.from(form.slice(0, 24)) : form
        if (stored.includes(needle)) throw new Error(`an audit file under ${dataDir} holds a ${member} (${bytes.length} bytes) a client sent or received`)
      }
    }
    return this.#secrets.size
  }
}

const auditFiles = (dir: string): Array<string> => {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return auditFiles(path)
    return /^audit\.db(-wal)?$/.test(name) ? [path] : []
  })
}
