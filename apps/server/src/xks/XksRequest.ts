import { createHash } from "node:crypto"
import { Credentials, type HttpRequestParts, verifyXksSignature } from "@trent/auth"
import {
  cdivInput,
  decodeXksRequest,
  encodeXksDecryptResponse,
  encodeXksEncryptResponse,
  encodeXksHealthResponse,
  encodeXksMetadataResponse,
  type XksError,
  xksErrorOf,
  xksErrorResponse,
  type XksRequests,
  type XksOperation,
  xksOperations
} from "@trent/protocol"
import type { RegionApi } from "@trent/runtime"
import { Clock, Effect, Result } from "effect"
import { Regions } from "../Regions.ts"
import { xksAuthorizes } from "./XksAuthorization.ts"
import type { XksKeyStore } from "./XksConfig.ts"
import { XksStores } from "./XksStores.ts"

/** Where a path leads: a key store's operation, or a path under a key store that names none. */
export type XksRoute =
  | { readonly _tag: "Operation"; readonly store: XksKeyStore; readonly operation: XksOperation; readonly externalKeyId: string | undefined }
  | { readonly _tag: "InvalidPath"; readonly store: XksKeyStore | undefined }

const keyPath = /^keys\/([^/]+)\/(metadata|encrypt|decrypt)$/

/** `<uriPath>/health` and `<uriPath>/keys/<externalKeyId>/metadata|encrypt|decrypt` (XKS spec, each operation's URI). */
export const routeXks = (stores: ReadonlyArray<XksKeyStore>, path: string): XksRoute => {
  const store = stores.find((each) => path.startsWith(`${each.uriPath}/`))
  if (store === undefined) return { _tag: "InvalidPath", store: undefined }
  const rest = path.slice(store.uriPath.length + 1)
  if (rest === "health") return { _tag: "Operation", store, operation: "GetHealthStatus", externalKeyId: undefined }
  const match = keyPath.exec(rest)
  if (match === null) return { _tag: "InvalidPath", store }
  const operation = xksOperations[match[2] as "metadata" | "encrypt" | "decrypt"]
  return { _tag: "Operation", store, operation, externalKeyId: decodeURIComponent(match[1]!) }
}

const json = (body: Uint8Array): Result.Result<unknown, XksError> => {
  try {
    return Result.succeed(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body)))
  } catch {
    return Result.fail({ errorName: "ValidationException", errorMessage: "The request body is not valid JSON." })
  }
}

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash("sha256").update(bytes).digest())

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i])

/** GetHealthStatus: this process is the fleet's one proxy; its Region is the external key manager. */
const health = (store: XksKeyStore) =>
  encodeXksHealthResponse({
    xksProxyFleetSize: 1,
    xksProxyVendor: "Trent",
    xksProxyModel: "Trent XKS proxy 1.0",
    ekmVendor: "Trent",
    ekmFleetDetails: [{ id: `trent-${store.region}`, model: "Trent Region", healthStatus: "ACTIVE" }]
  })

type Answered = { readonly body: string; readonly keyArn?: string | undefined; readonly result?: unknown }

const run = (route: Extract<XksRoute, { _tag: "Operation" }>, region: RegionApi, decoded: unknown): Effect.Effect<Answered, XksError> =>
  Effect.gen(function*() {
    const { store, operation, externalKeyId } = route
    if (operation === "GetHealthStatus") return { body: health(store) }
    const entry = store.keys.get(externalKeyId!)
    if (entry === undefined) {
      return yield* Effect.fail<XksError>({ errorName: "KeyNotFoundException", errorMessage: `External key ${externalKeyId} is not in this key store.` })
    }
    const request = decoded as { readonly requestMetadata: Parameters<typeof xksAuthorizes>[3] }
    if (!xksAuthorizes(store.policy, operation, entry.externalKeyId, request.requestMetadata)) {
      return yield* Effect.fail<XksError>({
        errorName: "AccessDeniedException",
        errorMessage: `The key store's policy does not allow kms-xks-proxy:${operation} on ${entry.externalKeyId} for this request.`
      })
    }
    const asXks = Effect.mapError((failure: { readonly _tag: string; readonly message?: string }) => xksErrorOf(failure))
    switch (operation) {
      case "GetKeyMetadata": {
        const metadata = yield* asXks(region.xks.metadata(entry.key))
        return { body: encodeXksMetadataResponse(metadata), keyArn: metadata.keyArn, result: metadata }
      }
      case "Encrypt": {
        const input = decoded as XksRequests["Encrypt"]
        const sealed = yield* asXks(region.xks.encrypt(entry.key, input.plaintext, input.additionalAuthenticatedData))
        // Appendix C: the CDIV is computed first, then the output is decrypted to prove it opens.
        const cdiv = input.ciphertextDataIntegrityValueAlgorithm === "SHA_256"
          ? sha256(cdivInput(input.additionalAuthenticatedData, sealed))
          : undefined
        if (cdiv !== undefined) {
          const opened = yield* asXks(region.xks.decrypt(entry.key, { ...sealed, additionalAuthenticatedData: input.additionalAuthenticatedData }))
          const same = equalBytes(opened.unsafeBytes(), input.plaintext)
          opened.destroy()
          if (!same) return yield* Effect.fail<XksError>({ errorName: "InternalException" })
        }
        return { body: encodeXksEncryptResponse({ ...sealed, ciphertextDataIntegrityValue: cdiv }), keyArn: sealed.keyArn }
      }
      case "Decrypt": {
        const input = decoded as XksRequests["Decrypt"]
        const plaintext = yield* asXks(region.xks.decrypt(entry.key, input))
        try {
          return { body: encodeXksDecryptResponse(plaintext.unsafeBytes()) }
        } finally {
          plaintext.destroy()
        }
      }
    }
  })

/** What one XKS call came to: its answer and everything its audit record says. */
export interface XksCall {
  readonly route: XksRoute
  readonly status: number
  readonly body: string
  readonly error: XksError | undefined
  /** The access key id that signed, once the signature verified. */
  readonly accessKeyId: string | undefined
  /** The decoded request, once it decoded (the audit rules keep only what is not secret). */
  readonly request: unknown
  readonly keyArn: string | undefined
  readonly result: unknown
  /** The Region that answered, whose trail records the call. */
  readonly region: RegionApi | undefined
}

/**
 * One XKS proxy API call: route by URI path to a key store, POST only (405
 * otherwise), SigV4 with the store's credentials, decode, the store's policy
 * on requestMetadata, the Region's key, and every failure named as the spec's
 * error table names it.
 */
export const handleXksRequest = (request: HttpRequestParts): Effect.Effect<XksCall, unknown, XksStores | Regions | Credentials> =>
  Effect.gen(function*() {
    const route = routeXks((yield* XksStores).current().keyStores, request.path)
    let call: XksCall = { route, status: 200, body: "", error: undefined, accessKeyId: undefined, request: undefined, keyArn: undefined, result: undefined, region: undefined }
    const failed = (error: XksError): XksCall => ({ ...call, ...xksErrorResponse(error), error })
    const accountOf = (store: XksKeyStore) => store.account === undefined ? Credentials.useSync((c) => c.defaultAccountId) : Effect.succeed(store.account)
    if (route.store !== undefined) call = { ...call, region: yield* (yield* Regions).get(yield* accountOf(route.store), route.store.region) }
    if (route._tag === "InvalidPath") {
      return failed({ errorName: "InvalidUriPathException", errorMessage: "The URI path names no operation of this XKS proxy." })
    }
    // "If the XKS Proxy receives an HTTP GET request at a URI associated with any of these four APIs, it MUST reject the request with a 405."
    if (request.method !== "POST") return { ...call, status: 405, body: JSON.stringify({ errorName: "ValidationException", errorMessage: "XKS proxy APIs are called with POST." }) }
    const signed = verifyXksSignature(route.store.credentials, request, yield* Clock.currentTimeMillis)
    if (Result.isFailure(signed)) return failed(xksErrorOf(signed.failure))
    call = { ...call, accessKeyId: signed.success }
    const parsed = json(request.body)
    if (Result.isFailure(parsed)) return failed(parsed.failure)
    const decoded = decodeXksRequest(route.operation, parsed.success)
    if (Result.isFailure(decoded)) return failed(decoded.failure)
    call = { ...call, request: decoded.success }
    if (call.region === undefined) return failed({ errorName: "InternalException" })
    const answered = yield* Effect.result(run(route, call.region, decoded.success))
    if (Result.isFailure(answered)) return failed(answered.failure)
    return { ...call, body: answered.success.body, keyArn: answered.success.keyArn, result: answered.success.result }
  })
