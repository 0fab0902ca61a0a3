import { WebCrypto } from "@trent/crypto"
import {
  type CustomKeyStoreRecord,
  CustomKeyStoreNotFound,
  InvalidRequest
} from "@trent/domain"
import type { CustomKeyStoreEntry } from "@trent/protocol"
import { EventLog } from "@trent/event-log"
import { Clock, Effect } from "effect"
import { Authorization } from "./Authorization.ts"
import { CustomKeyStores } from "./CustomKeyStores.ts"
import { makeExternalKeyStore } from "./ExternalKeyStore.ts"
import { keysInCustomKeyStore } from "./keysInCustomKeyStore.ts"
import { checkLimit, pageAfter } from "./Pagination.ts"
import type { RegionOperationShapes } from "./RegionApi.ts"
import { currentRequest } from "@trent/key-actors"
import { connectionErrorOf } from "./connectionErrors.ts"

type CustomKeyStoreOperations = Pick<
  RegionOperationShapes,
  | "createCustomKeyStore" | "describeCustomKeyStores" | "updateCustomKeyStore" | "connectCustomKeyStore"
  | "disconnectCustomKeyStore" | "deleteCustomKeyStore"
>

const describeLimits = { list: "DescribeCustomKeyStores", max: 1000, fallback: 1000 }

/** "cks-" and 17 hex digits, as AWS names custom key stores. */
const newCustomKeyStoreId = WebCrypto.useSync((crypto) =>
  `cks-${Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, "0")).join("").slice(0, 17)}`)

const loopback = new Set(["localhost", "127.0.0.1", "[::1]"])

/**
 * AWS requires `https://`. Trent also takes `http://` for a proxy on the same
 * machine (a loopback host), so that the SigV4 secret never crosses a network
 * in clear; anything else over plain HTTP is refused.
 */
const checkEndpoint = (endpoint: string | undefined): InvalidRequest | undefined => {
  if (endpoint === undefined || endpoint.startsWith("https://")) return undefined
  const host = new URL(endpoint).hostname
  return loopback.has(host) ? undefined : new InvalidRequest({ message: "XksProxyUriEndpoint must use https:// (http:// only for a loopback host)." })
}

const entryOf = (store: CustomKeyStoreRecord): CustomKeyStoreEntry => ({
  customKeyStoreId: store.customKeyStoreId,
  customKeyStoreName: store.name,
  connectionState: store.connectionState,
  connectionErrorCode: store.connectionState === "FAILED" ? store.connectionErrorCode : undefined,
  creationDate: store.createdAt,
  customKeyStoreType: store.customKeyStoreType,
  xksProxyConfiguration: {
    connectivity: store.xksProxyConnectivity,
    accessKeyId: store.credential.accessKeyId,
    uriEndpoint: store.xksProxyUriEndpoint,
    uriPath: store.xksProxyUriPath
  }
})

const sameUri = (store: CustomKeyStoreRecord, endpoint: string, path: string) =>
  store.xksProxyUriEndpoint === endpoint && store.xksProxyUriPath === path

/** The six custom key store operations, for external key stores with public endpoint connectivity. */
export const makeCustomKeyStoreOperations = Effect.gen(function*() {
  const stores = yield* CustomKeyStores
  const authorization = yield* Authorization
  const external = yield* makeExternalKeyStore
  const webCrypto = yield* WebCrypto
  const eventLog = yield* EventLog
  const { credentials } = external

  const notFound = (id: string) => new CustomKeyStoreNotFound({ message: `Custom key store ${id} does not exist.` })

  const operations = {
    createCustomKeyStore: (request) =>
      Effect.gen(function*() {
        yield* authorization.forRequest("kms:CreateCustomKeyStore", "*")
        const invalid = checkEndpoint(request.xksProxyUriEndpoint)
        if (invalid !== undefined) return yield* invalid
        const id = yield* Effect.provideService(newCustomKeyStoreId, WebCrypto, webCrypto)
        const { accessKeyId, rawSecretAccessKey } = request.xksProxyAuthenticationCredential
        const credential = yield* credentials.wrap(id, accessKeyId, rawSecretAccessKey, { newKek: true })
        const now = yield* Clock.currentTimeMillis
        yield* stores.apply(id, (others) => ({
          _tag: "CreateCustomKeyStore",
          now,
          customKeyStoreId: id,
          name: request.customKeyStoreName,
          xksProxyUriEndpoint: request.xksProxyUriEndpoint,
          xksProxyUriPath: request.xksProxyUriPath,
          credential,
          nameInUse: others.some((store) => store.name === request.customKeyStoreName),
          uriInUse: others.some((store) => sameUri(store, request.xksProxyUriEndpoint, request.xksProxyUriPath))
        })).pipe(Effect.onError(() => Effect.ignore(credentials.destroy(id))))
        return { customKeyStoreId: id }
      }).pipe(Effect.ensuring(Effect.sync(() => request.xksProxyAuthenticationCredential.rawSecretAccessKey.destroy()))),

    describeCustomKeyStores: (request) =>
      Effect.gen(function*() {
        yield* authorization.forRequest("kms:DescribeCustomKeyStores", "*")
        const invalid = checkLimit(request.limit, describeLimits)
        if (invalid !== undefined) return yield* invalid
        const all = yield* stores.list
        const chosen = all.filter((store) =>
          (request.customKeyStoreId === undefined || store.customKeyStoreId === request.customKeyStoreId) &&
          (request.customKeyStoreName === undefined || store.name === request.customKeyStoreName))
        // Naming a store that is not there is CustomKeyStoreNotFoundException (DescribeCustomKeyStores, "Errors").
        if (chosen.length === 0 && (request.customKeyStoreId !== undefined || request.customKeyStoreName !== undefined)) {
          return yield* new CustomKeyStoreNotFound({
            message: `Custom key store ${request.customKeyStoreId ?? request.customKeyStoreName} does not exist.`
          })
        }
        const paged = pageAfter(chosen.map(entryOf), (entry) => entry.customKeyStoreId, request, describeLimits)
        if (!("items" in paged)) return yield* paged
        return paged
      }),

    updateCustomKeyStore: (request) =>
      Effect.gen(function*() {
        yield* authorization.forRequest("kms:UpdateCustomKeyStore", "*")
        const invalid = checkEndpoint(request.xksProxyUriEndpoint)
        if (invalid !== undefined) return yield* invalid
        const store = yield* stores.lookup(request.customKeyStoreId)
        if (store === undefined) return yield* notFound(request.customKeyStoreId)
        const given = request.xksProxyAuthenticationCredential
        const credential = given === undefined
          ? undefined
          : yield* credentials.wrap(store.customKeyStoreId, given.accessKeyId, given.rawSecretAccessKey, { newKek: false })
        const now = yield* Clock.currentTimeMillis
        const endpoint = request.xksProxyUriEndpoint ?? store.xksProxyUriEndpoint
        const path = request.xksProxyUriPath ?? store.xksProxyUriPath
        const uriChanged = request.xksProxyUriEndpoint !== undefined || request.xksProxyUriPath !== undefined
        yield* stores.apply(store.customKeyStoreId, (others) => ({
          _tag: "UpdateCustomKeyStore",
          now,
          name: request.newCustomKeyStoreName,
          xksProxyUriEndpoint: request.xksProxyUriEndpoint,
          xksProxyUriPath: request.xksProxyUriPath,
          credential,
          nameInUse: others.some((other) => other.name === request.newCustomKeyStoreName),
          uriInUse: uriChanged && others.some((other) => sameUri(other, endpoint, path))
        }))
      }).pipe(Effect.ensuring(Effect.sync(() => request.xksProxyAuthenticationCredential?.rawSecretAccessKey.destroy()))),

    connectCustomKeyStore: ({ customKeyStoreId }) =>
      Effect.gen(function*() {
        yield* authorization.forRequest("kms:ConnectCustomKeyStore", "*")
        const store = yield* stores.lookup(customKeyStoreId)
        if (store === undefined) return yield* notFound(customKeyStoreId)
        const now = yield* Clock.currentTimeMillis
        // Only a DISCONNECTED store is tried: the others are refused (or already connected) by the decider.
        const failure = store.connectionState !== "DISCONNECTED" ? undefined : yield* Effect.gen(function*() {
          const request = yield* currentRequest
          const target = yield* external.targetOf(store)
          return yield* external.client.health(target, { kmsOperation: "ConnectCustomKeyStore", kmsRequestId: request.requestId }).pipe(
            Effect.as(undefined),
            Effect.catchTag("XksProxyCallFailed", (failed) => Effect.succeed(connectionErrorOf(failed)))
          )
        })
        yield* stores.apply(customKeyStoreId, () => ({ _tag: "ConnectCustomKeyStore", now, failure }))
      }),

    disconnectCustomKeyStore: ({ customKeyStoreId }) =>
      Effect.gen(function*() {
        yield* authorization.forRequest("kms:DisconnectCustomKeyStore", "*")
        const now = yield* Clock.currentTimeMillis
        yield* stores.apply(customKeyStoreId, () => ({ _tag: "DisconnectCustomKeyStore", now }))
      }),

    deleteCustomKeyStore: ({ customKeyStoreId }) =>
      Effect.gen(function*() {
        yield* authorization.forRequest("kms:DeleteCustomKeyStore", "*")
        const keys = yield* keysInCustomKeyStore(customKeyStoreId).pipe(Effect.provideService(EventLog, eventLog))
        const now = yield* Clock.currentTimeMillis
        yield* stores.apply(customKeyStoreId, () => ({ _tag: "DeleteCustomKeyStore", now, keyCount: keys.length }))
        // The store is gone from the API; its secret goes with its KEK (crypto-shredding), its history stays.
        yield* credentials.destroy(customKeyStoreId)
      })
  } satisfies CustomKeyStoreOperations
  return operations
})
