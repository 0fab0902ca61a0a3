import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { signRequest } from "@trent/auth"
import { call, credentialsOf, load, printRows, region, type Row, signed, type SignedRequest } from "./benchClient.ts"
import { startProcess, stopProcess } from "./startProcess.ts"

/**
 * The XKS proxy benchmark: Encrypt through Trent's XKS surface (as AWS KMS's
 * proxy fleet calls it: SigV4 for `kms-xks-proxy`, requestMetadata, AAD) beside
 * Encrypt through the KMS API on the same key, one worker, at 1, 8 and 32
 * connections. AWS KMS expects a proxy to answer within 250 ms. Prints a table.
 */
const seconds = Number(process.env["BENCH_SECONDS"] ?? 5)
const connectionCounts = (process.env["BENCH_CONNECTIONS"] ?? "1,8,32").split(",").map(Number)
const here = fileURLToPath(new URL(".", import.meta.url))
const serverMain = resolve(here, "../../../apps/server/src/main.ts")
const uriPath = "/keystores/bench/kms/xks/v1"
const xksCredential = { accessKeyId: "XKSBENCHAAAAAAAAAAAAAAAA", secretAccessKey: Buffer.alloc(32, 5).toString("base64") }

const signedXks = (url: string, path: string, payload: unknown): SignedRequest => {
  const body = JSON.stringify(payload)
  const headers = { host: new URL(url).host, "content-type": "application/json" }
  const signature = signRequest({
    method: "POST", path, headers, body: new TextEncoder().encode(body), ...xksCredential, region, service: "kms-xks-proxy", now: Date.now()
  })
  return { body, headers: { ...headers, ...signature } }
}

export const runXksBench = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "trent-bench-xks-"))
  const config = join(dataDir, "xks.json")
  writeFileSync(config, JSON.stringify({
    keyStores: [{ uriPath, region, credentials: [xksCredential], keys: [{ externalKeyId: "bench-1", key: "alias/xks-bench" }] }]
  }), { mode: 0o600 })
  const trent = await startProcess(
    [serverMain, "--workers", "1", "--port", "0", "--data-dir", dataDir, "--regions", region, "--xks", config, "--log-level", "info"],
    {},
    /Trent listening on (http:\/\/[^"\s]+)/
  )
  const url = trent.match[1]!
  const rows: Array<Row> = []
  try {
    const credentials = credentialsOf(dataDir)
    const keyId = ((await call(url, signed(url, credentials, "CreateKey", {})))["KeyMetadata"] as { KeyId: string }).KeyId
    await call(url, signed(url, credentials, "CreateAlias", { AliasName: "alias/xks-bench", TargetKeyId: keyId }))
    const plaintext = Buffer.alloc(32, 7).toString("base64")
    const encryptPath = `${uriPath}/keys/bench-1/encrypt`
    const xksEncrypt = signedXks(url, encryptPath, {
      requestMetadata: {
        awsPrincipalArn: "arn:aws:iam::111122223333:role/bench",
        kmsKeyArn: `arn:aws:kms:${region}:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        kmsOperation: "Encrypt",
        kmsRequestId: "bench-request"
      },
      plaintext,
      additionalAuthenticatedData: Buffer.from("bench").toString("base64"),
      encryptionAlgorithm: "AES_GCM"
    })
    const probe = await fetch(`${url}${encryptPath}`, { method: "POST", headers: xksEncrypt.headers, body: xksEncrypt.body })
    if (!probe.ok) throw new Error(`the XKS Encrypt probe answered ${probe.status} ${await probe.text()}`)
    const kmsEncrypt = signed(url, credentials, "Encrypt", { KeyId: keyId, Plaintext: plaintext })
    for (const connections of connectionCounts) {
      rows.push(await load("XKS Encrypt (kms-xks-proxy)", `${url}${encryptPath}`, connections, xksEncrypt, seconds))
      rows.push(await load("KMS Encrypt, same key", url, connections, kmsEncrypt, seconds))
    }
  } finally {
    await stopProcess(trent.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`\nTrent as an XKS proxy, one worker, 32-byte plaintext (a data key), ${seconds}s per cell (autocannon, same machine)\n`)
  printRows(rows)
  const worst = Math.max(...rows.filter((row) => row.scenario.startsWith("XKS")).map((row) => row.p99))
  console.log(`\nXKS Encrypt p99, worst cell: ${worst} ms (AWS KMS's limit for a proxy answer: 250 ms)`)
}
