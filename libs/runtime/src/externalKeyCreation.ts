import {
  checkExternalKeyMetadata,
  checkExternalKeyUnused,
  checkStoreForNewKey,
  CustomKeyStoreInvalidState,
  CustomKeyStoreNotFound,
  externalKeyProxyRejection,
  externalKeyRequest,
  InvalidRequest
} from "@trent/domain"
import { EventLog } from "@trent/event-log"
import type { CreateKeyRequest } from "@trent/protocol"
import { Effect } from "effect"
import { CustomKeyStores } from "./CustomKeyStores.ts"
import { makeExternalKeyStore } from "./ExternalKeyStore.ts"
import { keysInCustomKeyStore } from "./keysInCustomKeyStore.ts"
import { currentRequest } from "@trent/key-actors"

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
      const binding = externalKeyRequest(request)
      if (binding === undefined) return undefined
      if (binding instanceof InvalidRequest) return yield* binding
      const { customKeyStoreId, xksKeyId } = binding
      const store = checkStoreForNewKey(customKeyStoreId, yield* stores.lookup(customKeyStoreId))
      if (store instanceof CustomKeyStoreNotFound || store instanceof CustomKeyStoreInvalidState) return yield* store
      const request_ = yield* currentRequest
      const target = yield* external.targetOf(store)
      const metadata = yield* external.client.metadata(target, xksKeyId, {
        awsPrincipalArn: request_.principal,
        kmsOperation: "CreateKey",
        kmsRequestId: request_.requestId
      }).pipe(Effect.mapError((failure) => externalKeyProxyRejection(xksKeyId, failure)))
      const misconfigured = checkExternalKeyMetadata(xksKeyId, metadata)
      if (misconfigured !== undefined) return yield* misconfigured
      const used = yield* keysInCustomKeyStore(customKeyStoreId).pipe(Effect.provideService(EventLog, eventLog))
      const taken = checkExternalKeyUnused(xksKeyId, used)
      if (taken !== undefined) return yield* taken
      return binding
    })

  return { bindingFor }
})
