import { signRequest, XKS_SERVICE } from "@trent/auth"
import type { ExternalLayer, SecretBytes } from "@trent/crypto"
import { Effect, Schema } from "effect"

/** Where a custom key store's proxy is and how Trent signs for it (XKS spec, Appendix A). */
export interface XksProxyTarget {
  readonly uriEndpoint: string
  readonly uriPath: string
  readonly accessKeyId: string
  readonly secretAccessKey: SecretBytes
}

/** What AWS KMS tells the proxy of the request it serves (XKS spec, requestMetadata). */
export interface XksCallMetadata {
  readonly awsPrincipalArn: string
  readonly kmsKeyArn?: string | undefined
  readonly kmsOperation: string
  readonly kmsRequestId: string
}

/**
 * Why a call to the proxy failed, as far as the caller needs to know: the XKS
 * errorName when the proxy answered one, else what went wrong on the way. The
 * message never holds a secret (the proxy's own message is not kept).
 */
export class XksProxyCallFailed extends Schema.TaggedError<XksProxyCallFailed>()("XksProxyCallFailed", {
  reason: Schema.Literals(["unreachable", "timedOut", "invalidResponse", "proxyError"]),
  errorName: Schema.optional(Schema.String),
  message: Schema.String
}) {}

export interface XksKeyMetadataAnswer {
  readonly keySpec: string
  readonly keyUsage: ReadonlyArray<string>
  readonly keyStatus: string
}

/** "AWS KMS waits 250 milliseconds" for most calls; Trent allows more, for proxies on slow networks. */
const TIMEOUT_MS = 5_000

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64")
const bytesOf = (value: unknown): Uint8Array | undefined =>
  typeof value === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(value) ? new Uint8Array(Buffer.from(value, "base64")) : undefined

const invalidResponse = (message: string) => new XksProxyCallFailed({ reason: "invalidResponse", message })

/**
 * Trent's side of the XKS proxy API: a SigV4-signed (service `kms-xks-proxy`)
 * POST to `<endpoint><path>/health` or `…/keys/<XksKeyId>/metadata|encrypt|decrypt`,
 * as AWS KMS calls an external key store proxy. `region` is the signing
 * Region: the Region the custom key store is in.
 */
export const makeXksProxyClient = (region: string, now: () => number = Date.now) => {
  const call = (target: XksProxyTarget, suffix: string, body: Record<string, unknown>) =>
    Effect.gen(function*() {
      const url = new URL(`${target.uriEndpoint}${target.uriPath}${suffix}`)
      const bytes = new TextEncoder().encode(JSON.stringify(body))
      const headers = { host: url.host, "content-type": "application/json" }
      const signed = signRequest({
        method: "POST",
        path: url.pathname,
        headers,
        body: bytes,
        accessKeyId: target.accessKeyId,
        secretAccessKey: new TextDecoder().decode(target.secretAccessKey.unsafeBytes()),
        region,
        service: XKS_SERVICE,
        now: now()
      })
      const response = yield* Effect.tryPromise({
        try: (signal) =>
          fetch(url, {
            method: "POST",
            headers: { ...headers, ...signed },
            body: bytes,
            signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)])
          }).then(async (answer) => ({ status: answer.status, text: await answer.text() })),
        catch: (cause) =>
          (cause as { name?: string }).name === "TimeoutError"
            ? new XksProxyCallFailed({ reason: "timedOut", message: `the proxy at ${url.origin} did not answer within ${TIMEOUT_MS} ms` })
            : new XksProxyCallFailed({ reason: "unreachable", message: `the proxy at ${url.origin} could not be reached` })
      })
      const json = yield* Effect.try({
        try: () => JSON.parse(response.text) as unknown,
        catch: () => invalidResponse(`the proxy answered HTTP ${response.status} without a JSON body`)
      })
      if (typeof json !== "object" || json === null || Array.isArray(json)) return yield* invalidResponse("the proxy's answer is not a JSON object")
      const answer = json as Record<string, unknown>
      if (response.status !== 200) {
        const errorName = typeof answer["errorName"] === "string" ? answer["errorName"] : undefined
        if (errorName === undefined) return yield* invalidResponse(`the proxy answered HTTP ${response.status} without an errorName`)
        return yield* new XksProxyCallFailed({ reason: "proxyError", errorName, message: `the proxy answered ${errorName}` })
      }
      return answer
    })

  const requestMetadata = (metadata: XksCallMetadata) => ({ requestMetadata: metadata })

  return {
    /** GetHealthStatus: whether the proxy answers, and accepts Trent's credential. */
    health: (target: XksProxyTarget, metadata: Omit<XksCallMetadata, "awsPrincipalArn" | "kmsKeyArn">) =>
      Effect.asVoid(call(target, "/health", { requestMetadata: metadata })),
    metadata: (target: XksProxyTarget, xksKeyId: string, metadata: XksCallMetadata) =>
      Effect.flatMap(call(target, `/keys/${encodeURIComponent(xksKeyId)}/metadata`, requestMetadata(metadata)), (answer) =>
        typeof answer["keySpec"] === "string" && Array.isArray(answer["keyUsage"]) && typeof answer["keyStatus"] === "string"
          ? Effect.succeed<XksKeyMetadataAnswer>({
            keySpec: answer["keySpec"],
            keyUsage: answer["keyUsage"].filter((usage): usage is string => typeof usage === "string"),
            keyStatus: answer["keyStatus"]
          })
          : Effect.fail(invalidResponse("the proxy's key metadata lacks keySpec, keyUsage or keyStatus"))),
    encrypt: (target: XksProxyTarget, xksKeyId: string, plaintext: Uint8Array, aad: Uint8Array, metadata: XksCallMetadata) =>
      Effect.flatMap(
        call(target, `/keys/${encodeURIComponent(xksKeyId)}/encrypt`, {
          ...requestMetadata(metadata),
          plaintext: base64(plaintext),
          encryptionAlgorithm: "AES_GCM",
          additionalAuthenticatedData: base64(aad)
        }),
        (answer): Effect.Effect<ExternalLayer, XksProxyCallFailed> => {
          const ciphertext = bytesOf(answer["ciphertext"])
          const ciphertextMetadata = answer["ciphertextMetadata"] === undefined ? new Uint8Array() : bytesOf(answer["ciphertextMetadata"])
          const initializationVector = bytesOf(answer["initializationVector"])
          const authenticationTag = bytesOf(answer["authenticationTag"])
          if (
            ciphertext === undefined || ciphertextMetadata === undefined || initializationVector === undefined ||
            authenticationTag?.length !== 16 || ciphertextMetadata.length > 20 || (initializationVector.length !== 12 && initializationVector.length !== 16)
          ) return Effect.fail(invalidResponse("the proxy's Encrypt answer is not an AES-GCM encryption"))
          return Effect.succeed({ ciphertext, ciphertextMetadata, initializationVector, authenticationTag })
        }
      ),
    decrypt: (target: XksProxyTarget, xksKeyId: string, layer: ExternalLayer, aad: Uint8Array, metadata: XksCallMetadata) =>
      Effect.flatMap(
        call(target, `/keys/${encodeURIComponent(xksKeyId)}/decrypt`, {
          ...requestMetadata(metadata),
          ciphertext: base64(layer.ciphertext),
          ...(layer.ciphertextMetadata.length === 0 ? {} : { ciphertextMetadata: base64(layer.ciphertextMetadata) }),
          encryptionAlgorithm: "AES_GCM",
          initializationVector: base64(layer.initializationVector),
          authenticationTag: base64(layer.authenticationTag),
          additionalAuthenticatedData: base64(aad)
        }),
        (answer) => {
          const plaintext = bytesOf(answer["plaintext"])
          return plaintext === undefined ? Effect.fail(invalidResponse("the proxy's Decrypt answer has no plaintext")) : Effect.succeed(plaintext)
        }
      )
  }
}

export type XksProxyClient = ReturnType<typeof makeXksProxyClient>

