import { Result } from "effect"
import { decodeBase64 } from "../StrictBase64.ts"
import type { XksError } from "./XksError.ts"
import { decodeRequestMetadata, invalid, isRecord, type MetadataRequirements, type XksRequestMetadata } from "./XksRequestMetadata.ts"

/** The four operations of the XKS proxy API v1, by the last segment of their URI. */
export const xksOperations = { metadata: "GetKeyMetadata", encrypt: "Encrypt", decrypt: "Decrypt", health: "GetHealthStatus" } as const
export type XksOperation = (typeof xksOperations)[keyof typeof xksOperations]

export interface XksMetadataRequest {
  readonly requestMetadata: XksRequestMetadata
}

export interface XksEncryptRequest {
  readonly requestMetadata: XksRequestMetadata
  readonly plaintext: Uint8Array
  readonly additionalAuthenticatedData: Uint8Array | undefined
  readonly encryptionAlgorithm: "AES_GCM"
  readonly ciphertextDataIntegrityValueAlgorithm: "SHA_256" | undefined
}

export interface XksDecryptRequest {
  readonly requestMetadata: XksRequestMetadata
  readonly ciphertext: Uint8Array
  readonly ciphertextMetadata: Uint8Array | undefined
  readonly initializationVector: Uint8Array
  readonly authenticationTag: Uint8Array
  readonly additionalAuthenticatedData: Uint8Array | undefined
  readonly encryptionAlgorithm: "AES_GCM"
}

export interface XksRequests {
  readonly GetKeyMetadata: XksMetadataRequest
  readonly Encrypt: XksEncryptRequest
  readonly Decrypt: XksDecryptRequest
  readonly GetHealthStatus: XksMetadataRequest
}

/**
 * Sizes: the spec requires 4300 bytes of plaintext or ciphertext and 8192 of
 * AAD at least; Trent takes more (a custom key store's inner ciphertext of a
 * 4096-byte plaintext is larger than 4300 bytes), and answers anything beyond
 * with UnsupportedOperationException, as the error table says for "a
 * parameter value [that] exceeded the maximum size … currently supported".
 */
export const XKS_MAX_DATA_BYTES = 6144
export const XKS_MAX_AAD_BYTES = 16384
/** "the size of the field MUST NOT exceed 20 bytes" (ciphertextMetadata). */
const MAX_METADATA_BYTES = 20

type Decoded<A> = Result.Result<A, XksError>

const unsupported = (errorMessage: string): Decoded<never> => Result.fail({ errorName: "UnsupportedOperationException", errorMessage })

const blob = (body: Record<string, unknown>, field: string, required: boolean, limit: number): Decoded<Uint8Array | undefined> => {
  const value = body[field]
  if (value === undefined || value === null) return required ? invalid(`${field} is required.`) : Result.succeed(undefined)
  if (typeof value !== "string") return invalid(`${field} must be a Base64 string.`)
  const bytes = decodeBase64(value)
  if (Result.isFailure(bytes)) return invalid(`${field} is not valid Base64.`)
  if (bytes.success.length > limit) return unsupported(`${field} is larger than ${limit} bytes.`)
  return Result.succeed(bytes.success)
}

/** "For the v1 specification, this MUST be AES_GCM." */
const algorithm = (body: Record<string, unknown>): Decoded<"AES_GCM"> => {
  const value = body["encryptionAlgorithm"]
  if (value === undefined || value === null) return invalid("encryptionAlgorithm is required.")
  return value === "AES_GCM" ? Result.succeed("AES_GCM") : invalid("encryptionAlgorithm must be AES_GCM.")
}

/** "For the first version (v1) of this specification, this MUST be SHA_256." */
const integrityAlgorithm = (body: Record<string, unknown>): Decoded<"SHA_256" | undefined> => {
  const value = body["ciphertextDataIntegrityValueAlgorithm"]
  if (value === undefined || value === null) return Result.succeed(undefined)
  return value === "SHA_256" ? Result.succeed("SHA_256") : invalid("ciphertextDataIntegrityValueAlgorithm must be SHA_256.")
}

const requirements: Readonly<Record<XksOperation, MetadataRequirements>> = {
  GetKeyMetadata: { awsPrincipalArn: true, kmsKeyArn: false },
  Encrypt: { awsPrincipalArn: true, kmsKeyArn: true },
  Decrypt: { awsPrincipalArn: true, kmsKeyArn: true },
  GetHealthStatus: { awsPrincipalArn: false, kmsKeyArn: false }
}

const decoders: { readonly [Op in XksOperation]: (body: Record<string, unknown>, requestMetadata: XksRequestMetadata) => Decoded<XksRequests[Op]> } = {
  GetKeyMetadata: (_, requestMetadata) => Result.succeed({ requestMetadata }),
  GetHealthStatus: (_, requestMetadata) => Result.succeed({ requestMetadata }),
  Encrypt: (body, requestMetadata) =>
    Result.gen(function*() {
      const plaintext = yield* blob(body, "plaintext", true, XKS_MAX_DATA_BYTES)
      const additionalAuthenticatedData = yield* blob(body, "additionalAuthenticatedData", false, XKS_MAX_AAD_BYTES)
      const encryptionAlgorithm = yield* algorithm(body)
      const ciphertextDataIntegrityValueAlgorithm = yield* integrityAlgorithm(body)
      return { requestMetadata, plaintext: plaintext!, additionalAuthenticatedData, encryptionAlgorithm, ciphertextDataIntegrityValueAlgorithm }
    }),
  Decrypt: (body, requestMetadata) =>
    Result.gen(function*() {
      const ciphertext = yield* blob(body, "ciphertext", true, XKS_MAX_DATA_BYTES)
      const ciphertextMetadata = yield* blob(body, "ciphertextMetadata", false, XKS_MAX_AAD_BYTES)
      if (ciphertextMetadata !== undefined && ciphertextMetadata.length > MAX_METADATA_BYTES) {
        return yield* invalid(`ciphertextMetadata is larger than ${MAX_METADATA_BYTES} bytes.`)
      }
      const initializationVector = yield* blob(body, "initializationVector", true, XKS_MAX_AAD_BYTES)
      const authenticationTag = yield* blob(body, "authenticationTag", true, XKS_MAX_AAD_BYTES)
      const additionalAuthenticatedData = yield* blob(body, "additionalAuthenticatedData", false, XKS_MAX_AAD_BYTES)
      const encryptionAlgorithm = yield* algorithm(body)
      return {
        requestMetadata,
        ciphertext: ciphertext!,
        ciphertextMetadata,
        initializationVector: initializationVector!,
        authenticationTag: authenticationTag!,
        additionalAuthenticatedData,
        encryptionAlgorithm
      }
    })
}

/** Decodes an XKS request body (JSON already parsed): a violation is ValidationException, a size beyond Trent's limits UnsupportedOperationException. */
export const decodeXksRequest = <Op extends XksOperation>(operation: Op, json: unknown): Decoded<XksRequests[Op]> => {
  if (!isRecord(json)) return invalid("The request body must be a JSON object.")
  const metadata = decodeRequestMetadata(json, requirements[operation])
  if (Result.isFailure(metadata)) return Result.fail(metadata.failure)
  return decoders[operation](json, metadata.success)
}
