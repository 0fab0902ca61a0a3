import { createCipheriv, createSecretKey, randomBytes } from "node:crypto"
import { createServer } from "node:http"

/**
 * The floor a KMS on Node cannot go below (issue #20): node:http, the JSON request parsed, the
 * plaintext base64-decoded, AES-256-GCM with a KeyObject made once (no KDF, no policy, no
 * signature, no audit), the ciphertext base64-encoded in a JSON answer. Trent's cost per request is
 * reported as a multiple of this one's. Prints its port on stdout once listening.
 */
const key = createSecretKey(randomBytes(32))
const keyId = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-4000-8000-000000000000"

const encrypt = (plaintext: Buffer): Buffer => {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", key, iv)
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([iv, sealed, cipher.getAuthTag()])
}

const answer = (res: import("node:http").ServerResponse, status: number, body: string) => {
  res.writeHead(status, { "content-type": "application/x-amz-json-1.1", "content-length": Buffer.byteLength(body), "x-amzn-requestid": "floor" })
  res.end(body)
}

const server = createServer({ keepAlive: true }, (req, res) => {
  const chunks: Array<Buffer> = []
  req.on("data", (chunk: Buffer) => chunks.push(chunk))
  req.on("end", () => {
    try {
      const request = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { readonly Plaintext?: unknown }
      if (typeof request.Plaintext !== "string") return answer(res, 400, JSON.stringify({ __type: "ValidationException" }))
      const blob = encrypt(Buffer.from(request.Plaintext, "base64")).toString("base64")
      answer(res, 200, JSON.stringify({ CiphertextBlob: blob, KeyId: keyId, EncryptionAlgorithm: "SYMMETRIC_DEFAULT" }))
    } catch {
      answer(res, 400, JSON.stringify({ __type: "SerializationException" }))
    }
  })
})
server.listen(0, "127.0.0.1", () => {
  const address = server.address()
  if (address !== null && typeof address === "object") console.log(`PORT=${address.port}`)
})
process.on("SIGTERM", () => server.close(() => process.exit(0)))
