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
 * connections; then a second Trent whose external key store points at the
 * first (Trent against Trent): Encrypt on a key in that store (double
 * encryption, one proxy call per request) beside plain Encrypt on the same
 * server. AWS KMS expects a proxy to answer within 250 ms. Prints tables.
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

/** A second Trent with an external key store on `proxyUrl`'s XKS surface: Encrypt on a key there beside plain Encrypt. */
const customKeyStoreRows = async (proxyUrl: string, plaintext: string): Promise<Array<Row>> => {
  const dataDir = mkdtempSync(join(tmpdir(), "trent-bench-cks-"))
  const trent = await startProcess(
    [serverMain, "--workers", "1", "--port", "0", "--data-dir", dataDir, "--regions", region, "--log-level", "info"],
    {},
    /Trent listening on (http:\/\/[^"\s]+)/
  )
  const url = trent.match[1]!
  const rows: Array<Row> = []
  try {
    const credentials = credentialsOf(dataDir)
    const store = await call(url, signed(url, credentials, "CreateCustomKeyStore", {
      CustomKeyStoreName: "bench",
      CustomKeyStoreType: "EXTERNAL_KEY_STORE",
      XksProxyUriEndpoint: proxyUrl,
      XksProxyUriPath: uriPath,
      XksProxyAuthenticationCredential: { AccessKeyId: xksCredential.accessKeyId, RawSecretAccessKey: xksCredential.secretAccessKey },
      XksProxyConnectivity: "PUBLIC_ENDPOINT"
    }))
    const storeId = store["CustomKeyStoreId"] as string
    await call(url, signed(url, credentials, "ConnectCustomKeyStore", { CustomKeyStoreId: storeId }))
    const external = await call(url, signed(url, credentials, "CreateKey", { Origin: "EXTERNAL_KEY_STORE", CustomKeyStoreId: storeId, XksKeyId: "bench-1" }))
    const externalKeyId = (external["KeyMetadata"] as { KeyId: string }).KeyId
    const plainKeyId = ((await call(url, signed(url, credentials, "CreateKey", {})))["KeyMetadata"] as { KeyId: string }).KeyId
    const inStore = signed(url, credentials, "Encrypt", { KeyId: externalKeyId, Plaintext: plaintext })
    const plain = signed(url, credentials, "Encrypt", { KeyId: plainKeyId, Plaintext: plaintext })
    await call(url, inStore)
    for (const connections of connectionCounts) {
      rows.push(await load("custom key store Encrypt (Trent against Trent)", url, connections, inStore, seconds))
      rows.push(await load("plain Encrypt, same server", url, connections, plain, seconds))
    }
  } finally {
    await stopProcess(trent.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
  return rows
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
    rows.push(...await customKeyStoreRows(url, plaintext))
  } finally {
    await stopProcess(trent.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`\nTrent as an XKS proxy, and a custom key store on it, one worker each, 32-byte plaintext, ${seconds}s per cell (autocannon, same machine)\n`)
  printRows(rows)
  const worst = Math.max(...rows.filter((row) => row.scenario.startsWith("XKS")).map((row) => row.p99))
  console.log(`\nXKS Encrypt p99, worst cell: ${worst} ms (AWS KMS's limit for a proxy answer: 250 ms)`)
}
