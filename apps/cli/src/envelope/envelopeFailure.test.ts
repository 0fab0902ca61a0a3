import { describe, expect, it } from "vitest"
import { envelopeFailure } from "./envelopeFailure.ts"
import { kmsFailureMessage } from "../kms/sendKms.ts"

const kms = (error: unknown) => kmsFailureMessage(error, "http://127.0.0.1:7400")
const stack = (line: string) =>
  `${line}\n    at AwsJson1_1Protocol.handleError (/x/node_modules/@aws-sdk/core/dist-cjs/index.js:263:27)\n    at process.processTicksAndRejections (node:internal/process/task_queues:104:5)`
/** The keyring's message, built as @aws-crypto/kms-keyring builds it: each KMS error's stack after "Error #n". */
const keyringMessage = (...lines: Array<string>) =>
  lines.reduce((m, line, i) => `${m} Error #${i + 1} \n ${stack(line)} \n`, "Unable to decrypt data key and one or more KMS CMKs had an error. \n ")

describe("a failed decryption, in Trent's words", () => {
  it("says a frame that does not authenticate means the file was altered, not OpenSSL's string", () => {
    const line = envelopeFailure(new Error("Unsupported state or unable to authenticate data"), kms)
    expect(line).toBe("the file was altered or is damaged: its content does not authenticate (AES-GCM tag mismatch)")
  })
  it("names a bad signature, a commitment mismatch and a malformed header", () => {
    expect(envelopeFailure(new Error("Invalid Signature"), kms)).toMatch(/^the file was altered or is damaged, or truncated: its signature/)
    expect(envelopeFailure(new Error("Commitment does not match."), kms)).toMatch(/key commitment/)
    expect(envelopeFailure(new Error("Compressed point length is not correct."), kms)).toMatch(/its header is not a valid/)
  })
  it("gives the KMS errors the keyring folded in as one line each, without their stacks", () => {
    const line = envelopeFailure(new Error(keyringMessage("DisabledException: arn:aws:kms:us-east-1:111122223333:key/k is disabled.")), kms)
    expect(line).toBe("Trent did not decrypt the file's data key: DisabledException: arn:aws:kms:us-east-1:111122223333:key/k is disabled.")
    const bad = envelopeFailure(new Error(keyringMessage("UnrecognizedClientException: The security token included in the request is invalid.")), kms)
    expect(bad).toMatch(/UnrecognizedClientException: .* \(are these Trent's credentials\?/)
    expect(bad).not.toMatch(/ at |node_modules/)
    expect(envelopeFailure(new Error(keyringMessage("InvalidCiphertextException: UnknownError")), kms)).toMatch(/refuses the file's encrypted data key/)
  })
  it("leaves other failures (network, files) to the caller", () => {
    expect(envelopeFailure(new Error("connect ECONNREFUSED 127.0.0.1:7400"), kms)).toBeUndefined()
  })
})
