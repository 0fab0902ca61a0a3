import { signRequest } from "@trent/auth"
import { CORRELATION_ID_HEADER, JSON_11, REPLY_TO_HEADER, signedHostFor } from "./KafkaMessageFormat.ts"

/** Who signs: an access key of the credentials file (or a session's, with its token). */
export interface KmsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string | undefined
}

export interface RequestMessageInput {
  /** An AWS KMS operation name: "Encrypt", "CreateKey"… */
  readonly operation: string
  /** The AWS JSON 1.1 request body, as the SDK would send it over HTTP. */
  readonly body: string
  readonly region: string
  readonly requestTopic: string
  readonly correlationId: string
  readonly replyTo: string
  /** The message key: the key reference the request targets, so that requests for one key stay in order. */
  readonly key: string | null
  readonly credentials: KmsCredentials
  /** Epoch ms of the signing time; a signature is good for 15 minutes either side of Trent's clock. */
  readonly now: number
}

export interface RequestMessage {
  readonly key: string | null
  readonly value: Buffer
  readonly headers: Record<string, string>
}

/**
 * One request as a Kafka message: the HTTP request an AWS SDK would send to
 * Trent (POST /, `content-type`, `x-amz-target`, `host`, SigV4 `x-amz-date`
 * and `authorization`, and `x-amz-security-token` for session credentials),
 * its body as the value, plus the correlation id and the reply topic.
 */
export const signedRequestMessage = (input: RequestMessageInput): RequestMessage => {
  const value = Buffer.from(input.body, "utf8")
  const headers = {
    host: signedHostFor(input.requestTopic),
    "content-type": JSON_11,
    "x-amz-target": `TrentService.${input.operation}`
  }
  const signature = signRequest({
    method: "POST",
    path: "/",
    headers,
    body: value,
    accessKeyId: input.credentials.accessKeyId,
    secretAccessKey: input.credentials.secretAccessKey,
    ...(input.credentials.sessionToken === undefined ? {} : { sessionToken: input.credentials.sessionToken }),
    region: input.region,
    service: "kms",
    now: input.now
  })
  return {
    key: input.key,
    value,
    headers: { ...headers, ...signature, [CORRELATION_ID_HEADER]: input.correlationId, [REPLY_TO_HEADER]: input.replyTo }
  }
}

/**
 * The key reference a request targets, for the message key: `KeyId`, else
 * `DestinationKeyId` (ReEncrypt's writes go to it), else `TargetKeyId` (alias
 * operations), else none — a request on no key (CreateKey, ListKeys,
 * GenerateRandom) or one that names its key only inside a ciphertext (Decrypt)
 * may go to any partition.
 */
export const targetKeyOf = (request: Readonly<Record<string, unknown>>): string | null => {
  for (const field of ["KeyId", "DestinationKeyId", "TargetKeyId", "AliasName"]) {
    const value = request[field]
    if (typeof value === "string" && value.length > 0) return value
  }
  return null
}
