import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { call, credentialsOf, load, printRows, region, type Row, signed } from "./benchClient.ts"
import { startProcess, stopProcess } from "./startProcess.ts"

/**
 * Asymmetric keys over HTTP: Sign and Verify per key spec (a 256-byte RAW
 * message, the spec's first signing algorithm), and GenerateDataKeyPair per
 * pair spec, SigV4-signed, at BENCH_ASYMMETRIC_CONNECTIONS (default 8)
 * against a Trent server on the embedded store. Prints a table; asserts nothing.
 */
const seconds = Number(process.env["BENCH_SECONDS"] ?? 3)
const connections = Number(process.env["BENCH_ASYMMETRIC_CONNECTIONS"] ?? 8)
const here = fileURLToPath(new URL(".", import.meta.url))
const serverMain = resolve(here, "../../../apps/server/src/main.ts")

const signingSpecs = [
  ["RSA_2048", "RSASSA_PSS_SHA_256"], ["RSA_3072", "RSASSA_PSS_SHA_256"], ["RSA_4096", "RSASSA_PSS_SHA_256"],
  ["ECC_NIST_P256", "ECDSA_SHA_256"], ["ECC_NIST_P384", "ECDSA_SHA_384"], ["ECC_NIST_P521", "ECDSA_SHA_512"],
  ["ECC_SECG_P256K1", "ECDSA_SHA_256"], ["ECC_NIST_EDWARDS25519", "ED25519_SHA_512"],
  ["ML_DSA_44", "ML_DSA_SHAKE_256"], ["ML_DSA_65", "ML_DSA_SHAKE_256"], ["ML_DSA_87", "ML_DSA_SHAKE_256"]
] as const
const pairSpecs = [
  "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1",
  "ECC_NIST_EDWARDS25519"
] as const

export const runAsymmetricBench = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "trent-bench-"))
  const trent = await startProcess([serverMain, "--port", "0", "--data-dir", dataDir, "--regions", region, "--log-level", "info"], {}, /Trent listening on (http:\/\/[^"\s]+)/)
  const url = trent.match[1]!
  const rows: Array<Row> = []
  try {
    const credentials = credentialsOf(dataDir)
    const message = Buffer.alloc(256, 7).toString("base64")
    for (const [spec, algorithm] of signingSpecs) {
      const key = await call(url, signed(url, credentials, "CreateKey", { KeySpec: spec, KeyUsage: "SIGN_VERIFY" }))
      const keyId = (key["KeyMetadata"] as { KeyId: string }).KeyId
      const sign = signed(url, credentials, "Sign", { KeyId: keyId, Message: message, SigningAlgorithm: algorithm })
      const signature = (await call(url, sign))["Signature"]
      rows.push(await load(`Sign ${spec}`, url, connections, sign, seconds))
      // Requests still in flight when a cell ends are answered before this one: the next cell starts on a quiet server.
      await call(url, sign)
      const verify = signed(url, credentials, "Verify", { KeyId: keyId, Message: message, Signature: signature, SigningAlgorithm: algorithm })
      rows.push(await load(`Verify ${spec}`, url, connections, verify, seconds))
      await call(url, verify)
    }
    const symmetric = await call(url, signed(url, credentials, "CreateKey", {}))
    const keyId = (symmetric["KeyMetadata"] as { KeyId: string }).KeyId
    for (const spec of pairSpecs) {
      const request = signed(url, credentials, "GenerateDataKeyPair", { KeyId: keyId, KeyPairSpec: spec })
      // RSA key generation takes up to a second a pair: give those cells time to complete requests.
      rows.push(await load(`GenerateDataKeyPair ${spec}`, url, connections, request, spec.startsWith("RSA") ? Math.max(seconds, 10) : seconds))
      await call(url, request)
    }
  } finally {
    await stopProcess(trent.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`\nAsymmetric keys over HTTP, SigV4-signed, 256-byte RAW messages, ${connections} connections, ${seconds}s per cell\n`)
  printRows(rows)
}
