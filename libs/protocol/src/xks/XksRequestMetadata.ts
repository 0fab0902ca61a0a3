import { Result } from "effect"
import type { XksError } from "./XksError.ts"

/**
 * The requestMetadata every XKS request carries (XKS spec, each operation's
 * "Request Payload Parameters"; Appendix B). Fields KMS may add later are
 * accepted and ignored; kmsOperation and kmsRequestId are opaque strings
 * ("MUST NOT perform any validation on its structure").
 */
export interface XksRequestMetadata {
  readonly awsPrincipalArn?: string | undefined
  readonly awsSourceVpc?: string | undefined
  readonly awsSourceVpce?: string | undefined
  readonly kmsKeyArn?: string | undefined
  readonly kmsOperation: string
  readonly kmsRequestId: string
  readonly kmsViaService?: string | undefined
}

/** Which of the optional-looking fields an operation requires. */
export interface MetadataRequirements {
  readonly awsPrincipalArn: boolean
  readonly kmsKeyArn: boolean
}

/** "The XKS Proxy MUST support ARN lengths of up to 2048 characters." */
const MAX_ARN = 2048
const MAX_FIELD = 2048

export const invalid = (errorMessage: string): Result.Result<never, XksError> =>
  Result.fail({ errorName: "ValidationException", errorMessage })

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const fields = ["awsPrincipalArn", "awsSourceVpc", "awsSourceVpce", "kmsKeyArn", "kmsOperation", "kmsRequestId", "kmsViaService"] as const

export const decodeRequestMetadata = (
  body: Record<string, unknown>,
  required: MetadataRequirements
): Result.Result<XksRequestMetadata, XksError> => {
  const metadata = body["requestMetadata"]
  if (!isRecord(metadata)) return invalid("requestMetadata is required.")
  const decoded: Record<string, string> = {}
  for (const field of fields) {
    const value = metadata[field]
    if (value === undefined || value === null) continue
    if (typeof value !== "string") return invalid(`requestMetadata.${field} must be a string.`)
    if (value.length > (field.endsWith("Arn") ? MAX_ARN : MAX_FIELD)) return invalid(`requestMetadata.${field} is too long.`)
    decoded[field] = value
  }
  const missing = [
    ...(required.awsPrincipalArn ? ["awsPrincipalArn"] : []),
    ...(required.kmsKeyArn ? ["kmsKeyArn"] : []),
    "kmsOperation",
    "kmsRequestId"
  ].find((field) => decoded[field] === undefined)
  if (missing !== undefined) return invalid(`requestMetadata.${missing} is required.`)
  return Result.succeed(decoded as unknown as XksRequestMetadata)
}
