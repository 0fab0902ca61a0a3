import type { CustomKeyStoreBinding } from "../Key.ts"
import { InvalidRequest } from "../KeyErrors.ts"
import type { KeySpec, KeyUsage, Origin } from "../KeySpec.ts"
import { requestedKeySpec } from "../decide/createKey.ts"
import {
  CustomKeyStoreInvalidState,
  CustomKeyStoreNotFound,
  XksKeyAlreadyInUse,
  XksKeyInvalidConfiguration,
  XksKeyNotFound,
  XksProxyIncorrectAuthenticationCredential,
  XksProxyInvalidConfiguration,
  XksProxyInvalidResponse,
  XksProxyUriUnreachable
} from "../customKeyStore/CustomKeyStoreErrors.ts"

/**
 * CreateKey's request rules that need no state, in the order AWS applies them
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html). The per-spec rules
 * (usage, availability, origin, multi-Region) are the decider's (decide/createKey.ts).
 */

/**
 * The spec asked for (KeySpec or the deprecated CustomerMasterKeySpec, not both), and "You must
 * specify a KeyUsage value for all KMS keys except for symmetric encryption keys" (CreateKey,
 * "KeyUsage": "For asymmetric KMS keys with key spec ... you must specify the KeyUsage").
 */
export const createKeySpec = (request: {
  readonly keySpec?: KeySpec | undefined
  readonly customerMasterKeySpec?: KeySpec | undefined
  readonly keyUsage?: KeyUsage | undefined
}): KeySpec | InvalidRequest => {
  const keySpec = requestedKeySpec(request.keySpec, request.customerMasterKeySpec)
  if (typeof keySpec !== "string") return keySpec
  if (request.keyUsage === undefined && keySpec !== "SYMMETRIC_DEFAULT") {
    return new InvalidRequest({
      message: "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys."
    })
  }
  return keySpec
}

/**
 * "To create a KMS key in an external key store, you must specify the EXTERNAL_KEY_STORE value
 * [for Origin], the CustomKeyStoreId and XksKeyId" (CreateKey, "Origin", "XksKeyId"): the ids of
 * the external key with that origin, undefined with any other (which must name neither).
 */
export const externalKeyRequest = (request: {
  readonly origin?: Origin | undefined
  readonly customKeyStoreId?: string | undefined
  readonly xksKeyId?: string | undefined
}): CustomKeyStoreBinding | InvalidRequest | undefined => {
  if (request.origin !== "EXTERNAL_KEY_STORE") {
    if (request.customKeyStoreId !== undefined || request.xksKeyId !== undefined) {
      return new InvalidRequest({ message: "CustomKeyStoreId and XksKeyId require Origin EXTERNAL_KEY_STORE." })
    }
    return undefined
  }
  const { customKeyStoreId, xksKeyId } = request
  if (customKeyStoreId === undefined || xksKeyId === undefined) {
    return new InvalidRequest({ message: "Origin EXTERNAL_KEY_STORE requires a CustomKeyStoreId and an XksKeyId." })
  }
  return { customKeyStoreId, xksKeyId }
}

/**
 * The store must exist (CustomKeyStoreNotFoundException) and be CONNECTED
 * (CustomKeyStoreInvalidStateException) (CreateKey, "Errors"): the store, or why it cannot take a key.
 */
export const checkStoreForNewKey = <Store extends { readonly connectionState: string }>(
  customKeyStoreId: string,
  store: Store | undefined
): Store | CustomKeyStoreNotFound | CustomKeyStoreInvalidState => {
  if (store === undefined) return new CustomKeyStoreNotFound({ message: `Custom key store ${customKeyStoreId} does not exist.` })
  if (store.connectionState !== "CONNECTED") {
    return new CustomKeyStoreInvalidState({
      message: `CreateKey needs custom key store ${customKeyStoreId} to be CONNECTED; it is ${store.connectionState}.`
    })
  }
  return store
}

/**
 * What the proxy says of XksKeyId must be "an AES-256 symmetric key that is enabled and performs
 * encryption and decryption" (XksKeyInvalidConfigurationException; CreateKey, "Errors").
 */
export const checkExternalKeyMetadata = (
  xksKeyId: string,
  metadata: { readonly keySpec: string; readonly keyStatus: string; readonly keyUsage: ReadonlyArray<string> }
): XksKeyInvalidConfiguration | undefined =>
  metadata.keySpec !== "AES_256" || metadata.keyStatus !== "ENABLED" || !metadata.keyUsage.includes("ENCRYPT") ||
    !metadata.keyUsage.includes("DECRYPT")
    ? new XksKeyInvalidConfiguration({ message: `External key ${xksKeyId} is not an enabled AES-256 key for encryption.` })
    : undefined

/** No other KMS key of the store may use XksKeyId (XksKeyAlreadyInUseException; CreateKey, "Errors"). */
export const checkExternalKeyUnused = (
  xksKeyId: string,
  keysInStore: ReadonlyArray<{ readonly xksKeyId: string }>
): XksKeyAlreadyInUse | undefined =>
  keysInStore.some((key) => key.xksKeyId === xksKeyId)
    ? new XksKeyAlreadyInUse({ message: `External key ${xksKeyId} is already associated with a KMS key in this custom key store.` })
    : undefined

/** How a call to the external key store proxy failed: no answer, an answer not understood, or the proxy's own error. */
export interface ExternalKeyProxyFailure {
  readonly reason: "unreachable" | "timedOut" | "invalidResponse" | "proxyError"
  readonly errorName?: string | undefined
}

/**
 * What CreateKey answers when the proxy fails while it checks the external key (CreateKey, "Errors";
 * the proxy's error names are those of the XKS Proxy API specification,
 * https://github.com/aws/aws-kms-xksproxy-api-spec).
 */
export const externalKeyProxyRejection = (xksKeyId: string, failure: ExternalKeyProxyFailure) => {
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
