import { doubleEncryptedHeader, encodeDoubleEncrypted, InvalidCiphertext, type ParsedDoubleEncrypted } from "@trent/crypto"
import { arnOfKey, type CustomKeyStoreRecord, KeyInvalidState, type LiveKey } from "@trent/domain"
import { Effect } from "effect"
import { CustomKeyStores } from "./CustomKeyStores.ts"
import { makeProxyCredentials } from "./ProxyCredentials.ts"
import { RegionConfig } from "@trent/key-actors"
import type { RegionInternalError } from "@trent/key-actors"
import { currentRequest } from "@trent/key-actors"
import { makeXksProxyClient, type XksProxyCallFailed, type XksProxyTarget } from "./XksProxyClient.ts"

/**
 * The external half of double encryption for keys in an external key store:
 * Trent's own blob is encrypted again by the store's external key through its
 * XKS proxy, and decrypted by it first. "AWS KMS cryptographic operations
 * return KMSInvalidStateException for all failures related to the external
 * configuration or connection state of the external key store"
 * (Troubleshooting external key stores, Developer Guide): a store that is not
 * CONNECTED makes its keys Unavailable, and every proxy failure but a bad
 * ciphertext is KMSInvalidStateException, with a message naming the cause.
 */
export const makeExternalKeyStore = Effect.gen(function*() {
  const stores = yield* CustomKeyStores
  const credentials = yield* makeProxyCredentials
  const { region } = yield* RegionConfig
  const client = makeXksProxyClient(region)

  const targetOf = (store: CustomKeyStoreRecord): Effect.Effect<XksProxyTarget, RegionInternalError> =>
    Effect.map(credentials.unwrap(store.customKeyStoreId, store.credential), (secretAccessKey) => ({
      uriEndpoint: store.xksProxyUriEndpoint,
      uriPath: store.xksProxyUriPath,
      accessKeyId: store.credential.accessKeyId,
      secretAccessKey
    }))

  /** The key's store, connected; else the key is Unavailable (KMSInvalidStateException). */
  const connectedStore = (state: LiveKey) =>
    Effect.gen(function*() {
      const binding = state.key.customKeyStore!
      const store = yield* stores.lookup(binding.customKeyStoreId)
      if (store?.connectionState !== "CONNECTED") {
        return yield* new KeyInvalidState({
          message: `${arnOfKey(state.key)} is unavailable: its custom key store ${binding.customKeyStoreId} is not connected.`
        })
      }
      return { store, xksKeyId: binding.xksKeyId }
    })

  const refused = (state: LiveKey) => (failure: XksProxyCallFailed) =>
    failure.errorName === "InvalidCiphertextException"
      ? new InvalidCiphertext()
      : new KeyInvalidState({
        message: `${arnOfKey(state.key)} cannot be used: the external key store proxy refused the request (${failure.errorName ?? failure.reason}).`
      })

  const metadataFor = (state: LiveKey, operation: string) =>
    Effect.map(currentRequest, (request) => ({
      awsPrincipalArn: request.principal,
      kmsKeyArn: arnOfKey(state.key),
      kmsOperation: operation,
      kmsRequestId: request.requestId
    }))

  /** Trent's blob under the key's material, encrypted again by the external key. */
  const seal = (state: LiveKey, innerBlob: Uint8Array, operation: string) =>
    Effect.gen(function*() {
      const { store, xksKeyId } = yield* connectedStore(state)
      const target = yield* targetOf(store)
      const header = doubleEncryptedHeader(state.key.keyId)
      const layer = yield* client.encrypt(target, xksKeyId, innerBlob, header, yield* metadataFor(state, operation)).pipe(
        Effect.mapError(refused(state)),
        Effect.catchTag("InvalidCiphertext", () => Effect.die("the proxy's Encrypt answered InvalidCiphertextException"))
      )
      return encodeDoubleEncrypted(state.key.keyId, layer)
    })

  /** The inner blob, once the external key has decrypted the outer layer. */
  const open = (state: LiveKey, parsed: ParsedDoubleEncrypted, operation: string) =>
    Effect.gen(function*() {
      const { store, xksKeyId } = yield* connectedStore(state)
      const target = yield* targetOf(store)
      return yield* client.decrypt(target, xksKeyId, parsed.external, parsed.header, yield* metadataFor(state, operation)).pipe(
        Effect.mapError(refused(state))
      )
    })

  return { seal, open, targetOf, client, credentials }
})
