import { createServer } from "node:http"

/**
 * The ceiling of this machine: node:http answering a fixed KMS-sized JSON body
 * with keep-alive and nothing else. Prints its port on stdout once listening.
 */
const body = JSON.stringify({ CiphertextBlob: "A".repeat(160), KeyId: "arn:aws:kms:us-east-1:111122223333:key/x", EncryptionAlgorithm: "SYMMETRIC_DEFAULT" })
const server = createServer({ keepAlive: true }, (req, res) => {
  req.resume()
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "content-length": Buffer.byteLength(body), "x-amzn-requestid": "bare" })
    res.end(body)
  })
})
server.listen(0, "127.0.0.1", () => {
  const address = server.address()
  if (address !== null && typeof address === "object") console.log(`PORT=${address.port}`)
})
process.on("SIGTERM", () => server.close(() => process.exit(0)))
