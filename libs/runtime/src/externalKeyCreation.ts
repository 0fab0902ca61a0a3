import {
  type CustomKeyStoreBinding,
  CustomKeyStoreInvalidState,
  CustomKeyStoreNotFound,
  InvalidRequest,
  XksKeyAlreadyInUse,
  XksKeyInvalidConfiguration,
  XksKeyNotFound,
  XksProxyIncorrectAuthenticationCredential,
  XksProxyInvalidConfiguration,
  XksProxyInvalidResponse,
  XksProxyUriUnreachable
} from "@trent/domain"
import { EventLog } from "@trent/event-log"
import type { CreateKeyRequest } from "@trent/protocol"
import { Effect } from "effect"
import { CustomKeyStores } from "./CustomKeyStores.ts"
import { makeExternalKeyStore } from "./ExternalKeyStore.ts"
import { keysInCustomKeyStore } from "./keysInCustomKeyStore.ts"
import { currentRequest } from "@trent/key-actors"
import type { XksProxyCallFailed } from "./XksProxyClient.ts"

/** What CreateKey answers when the proxy fails while it checks the external key (CreateKey, "Errors"). */
const rejectionOf = (xksKeyId: string) => (failure: XksProxyCallFailed) => {
  switch (failure.reason) {
    case "unreachable":
    case "timedOut":
      return new XksProxyUriUnreachable({ message: `The external key store proxy did not answer (${failure.reason}).` })
    case "invalidResponse":
      return new XksProxyInvalidResponse({ message: "The external key store proxy's answer could not be understood." })
    case "proxyError":
      switch (failure.errorName) {
        case "KeyNotFoundException":
          return new XksKeyNotFound({ message: `The external key store proxy has no external key ${xksKeyId}.` })
        case "InvalidStateException":
        case "InvalidKeyUsageException":
          return new XksKeyInvalidConfiguration({ message: `External key ${xksKeyId} is not an enabled AES-256 key for encryption.` })
        case "AuthenticationFailedException":
        case "AccessDeniedException":
          return new XksProxyIncorrectAuthenticationCredential({ message: "The external key store proxy rejected the store's credential." })
        default:
          return new XksProxyInvalidConfiguration({ message: `The external key store proxy answered ${failure.errorName ?? "an error"}.` })
      }
  }
}

/**
 * CreateKey with Origin EXTERNAL_KEY_STORE: the store must exist and be
 * CONNECTED, and the proxy must confirm that XksKeyId is "an AES-256
 * symmetric key that is enabled and performs encryption and decryption"
 * (XksKeyInvalidConfigurationException), not yet used by another key of the
 * store (XksKeyAlreadyInUseException). Answers the key's binding, or
 * undefined for every other origin.
 */
export const makeExternalKeyCreation = Effect.gen(function*() {
  const stores = yield* CustomKeyStores
  const external = yield* makeExternalKeyStore
  const eventLog = yield* EventLog

  const bindingFor = (request: CreateKeyRequest) =>
    Effect.gen(function*() {
      if (request.origin !== "EXTERNAL_KEY_STORE") {
        if (request.customKeyStoreId !== undefined || request.xksKeyId !== undefined) {
          return yield* new InvalidRequest({ message: "CustomKeyStoreId and XksKeyId require Origin EXTERNAL_KEY_STORE." })
        }
        return undefined
      }
      const { customKeyStoreId, xksKeyId } = request
      if (customKeyStoreId === undefined || xksKeyId === undefined) {
        return yield* new InvalidRequest({ message: "Origin EXTERNAL_KEY_STORE requires a CustomKeyStoreId and an XksKeyId." })
      }
      const store = yield* stores.lookup(customKeyStoreId)
      if (store === undefined) return yield* new CustomKeyStoreNotFound({ message: `Custom key store ${customKeyStoreId} does not exist.` })
      if (store.connectionState !== "CONNECTED") {
        return yield* new CustomKeyStoreInvalidState({
          message: `CreateKey needs custom key store ${customKeyStoreId} to be CONNECTED; it is ${store.connectionState}.`
        })
      }
      const request_ = yield* currentRequest
      const target = yield* external.targetOf(store)
      const metadata = yield* external.client.metadata(target, xksKeyId, {
        awsPrincipalArn: request_.principal,
        kmsOperation: "CreateKey",
        kmsRequestId: request_.requestId
      }).pipe(Effect.mapError(rejectionOf(xksKeyId)))
      if (
        metadata.keySpec !== "AES_256" || metadata.keyStatus !== "ENABLED" || !metadata.keyUsage.includes("ENCRYPT") ||
        !metadata.keyUsage.includes("DECRYPT")
      ) return yield* new XksKeyInvalidConfiguration({ message: `External key ${xksKeyId} is not an enabled AES-256 key for encryption.` })
      const used = yield* keysInCustomKeyStore(customKeyStoreId).pipe(Effect.provideService(EventLog, eventLog))
      if (used.some((key) => key.xksKeyId === xksKeyId)) {
        return yield* new XksKeyAlreadyInUse({ message: `External key ${xksKeyId} is already associated with a KMS key in this custom key store.` })
      }
      const binding: CustomKeyStoreBinding = { customKeyStoreId, xksKeyId }
      return binding
    })

  return { bindingFor }
})
