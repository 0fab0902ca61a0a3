import { oneLine } from "../cli/describeFailure.ts"

/**
 * What the AWS Encryption SDK's failures mean for a file, in Trent's words.
 * The SDK reports Node's and its own internal strings ("Unsupported state or
 * unable to authenticate data" is OpenSSL's AES-GCM tag mismatch); an
 * operator needs to know that the file, not Trent or the key, is at fault.
 * The message format's checks are those of the AWS Encryption SDK message
 * format reference (header authentication, frame tags, key commitment, the
 * ECDSA footer signature):
 * https://docs.aws.amazon.com/encryption-sdk/latest/developer-guide/message-format.html
 */
const tampered = "the file was altered or is damaged"
const rules: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Unsupported state or unable to authenticate data/, `${tampered}: its content does not authenticate (AES-GCM tag mismatch)`],
  [/^Invalid Signature/, `${tampered}, or truncated: its signature does not verify`],
  [/^Commitment does not match/, `${tampered}: its key commitment does not match its data key`],
  [/point|Malformed Header|Header|header|Unsupported version|length/i, `${tampered}: its header is not a valid AWS Encryption SDK header`]
]

/** The KMS errors the SDK's keyring folded into its message, each the first line of its stack ("DisabledException: … is disabled."). */
const keyringErrors = (message: string): ReadonlyArray<string> | undefined => {
  if (!message.startsWith("Unable to decrypt data key")) return undefined
  return message.split(/Error #\d+/).slice(1).map((block) =>
    block.split("\n").map((line) => line.trim()).find((line) => line !== "") ?? "unknown error"
  )
}

/**
 * The one line for a failed decryption, or undefined when the failure is not
 * the SDK's (a network or file error: the caller describes those). `kms`
 * describes an error Trent answered (its type and message, and hints).
 */
export const envelopeFailure = (error: unknown, kms: (error: unknown) => string): string | undefined => {
  if (!(error instanceof Error)) return undefined
  const inner = keyringErrors(error.message)
  if (inner !== undefined) {
    const reasons = inner.map((line) => {
      const [name, ...rest] = line.split(": ")
      const answer = Object.assign(new Error(rest.join(": ")), { name: name ?? "", $fault: "client" })
      if (name === "InvalidCiphertextException") return `Trent refuses the file's encrypted data key (${name}): ${tampered}, or it was encrypted elsewhere`
      return kms(answer)
    })
    return `Trent did not decrypt the file's data key: ${reasons.join("; ")}`
  }
  const rule = rules.find(([pattern]) => pattern.test(error.message))
  return rule === undefined ? undefined : oneLine(rule[1])
}
