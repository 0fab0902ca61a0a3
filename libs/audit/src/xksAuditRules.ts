import { fields } from "./Projection.ts"
import type { OperationAuditRule } from "./operationAuditRules.ts"

/**
 * How each call to Trent's XKS proxy surface is recorded: its requestMetadata
 * (the AWS principal and the KMS request id the spec says a proxy "SHOULD
 * log", the KMS key ARN and operation), the external key id, the algorithms,
 * and for GetKeyMetadata the key's status. Never the plaintext, ciphertext,
 * IV, tag, AAD or ciphertextMetadata ("Plaintext … MUST NOT be logged", XKS
 * spec, Encrypt and Decrypt).
 */
const requestMetadata = fields({
  awsPrincipalArn: "string",
  awsSourceVpc: "string",
  awsSourceVpce: "string",
  kmsKeyArn: "string",
  kmsOperation: "string",
  kmsRequestId: "string",
  kmsViaService: "string"
})

const base = { uriPath: "string", externalKeyId: "string", requestMetadata } as const

export const xksAuditRules: Readonly<Record<string, OperationAuditRule>> = Object.freeze({
  "XksProxy.GetKeyMetadata": { readOnly: true, request: fields(base), response: fields({ keySpec: "string", keyUsage: "stringList", keyStatus: "string" }) },
  "XksProxy.Encrypt": { readOnly: true, request: fields({ ...base, encryptionAlgorithm: "string", ciphertextDataIntegrityValueAlgorithm: "string" }) },
  "XksProxy.Decrypt": { readOnly: true, request: fields({ ...base, encryptionAlgorithm: "string" }) },
  "XksProxy.GetHealthStatus": { readOnly: true, request: fields(base) }
})
