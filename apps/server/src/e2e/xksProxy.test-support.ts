import { writeFileSync } from "node:fs"
import { signRequest } from "@trent/auth"

/** An XKS credential as the key store file and AWS KMS's custom key store both hold it. */
export interface XksTestCredential {
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

/** Credentials of the spec's shapes (Appendix A): 20–30 of A-Z2-7; 43–64 of base64. */
export const xksCredential = (seed: string): XksTestCredential => ({
  accessKeyId: `XKS${seed.toUpperCase().replace(/[^A-Z2-7]/g, "A")}`.padEnd(24, "A").slice(0, 24),
  secretAccessKey: Buffer.alloc(32, seed).toString("base64").replace(/=+$/, "").padEnd(43, "x")
})

export const writeXksConfig = (path: string, keyStores: ReadonlyArray<Record<string, unknown>>) =>
  writeFileSync(path, JSON.stringify({ keyStores }), { mode: 0o600 })

/** POSTs (or GETs) a SigV4-signed XKS call, as AWS KMS's XKS proxy management fleet does. */
export const xksCall = async (
  url: string,
  path: string,
  body: unknown,
  credential: XksTestCredential,
  options: { readonly service?: "kms" | "kms-xks-proxy"; readonly method?: string } = {}
): Promise<{ readonly status: number; readonly json: Record<string, unknown> }> => {
  const bytes = new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body))
  const host = new URL(url).host
  const method = options.method ?? "POST"
  const headers = { host, "content-type": "application/json" }
  const signed = signRequest({
    method,
    path,
    headers,
    body: method === "GET" ? new Uint8Array() : bytes,
    accessKeyId: credential.accessKeyId,
    secretAccessKey: credential.secretAccessKey,
    region: "us-east-2",
    service: options.service ?? "kms-xks-proxy",
    now: Date.now()
  })
  const response = await fetch(`${url}${path}`, { method, headers: { ...headers, ...signed }, ...(method === "GET" ? {} : { body: bytes }) })
  const text = await response.text()
  return { status: response.status, json: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>) }
}
