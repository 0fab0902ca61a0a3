import { Schema } from "effect"

/** The connection states of a custom key store (ConnectionStateType, aws-kms-api.md §4). */
export const ConnectionStates = ["CONNECTED", "CONNECTING", "FAILED", "DISCONNECTED", "DISCONNECTING"] as const
export type ConnectionState = (typeof ConnectionStates)[number]

/** ConnectionErrorCodeType (aws-kms-api.md §4): the external key store's members, the ones a public endpoint can meet. */
export const XksConnectionErrorCodes = [
  "INVALID_CREDENTIALS",
  "INTERNAL_ERROR",
  "NETWORK_ERRORS",
  "XKS_PROXY_ACCESS_DENIED",
  "XKS_PROXY_NOT_REACHABLE",
  "XKS_PROXY_INVALID_RESPONSE",
  "XKS_PROXY_INVALID_CONFIGURATION",
  "XKS_PROXY_TIMED_OUT",
  "XKS_PROXY_INVALID_TLS_CONFIGURATION"
] as const
export const XksConnectionErrorCode = Schema.Literals(XksConnectionErrorCodes)
export type XksConnectionErrorCode = typeof XksConnectionErrorCode.Type

/**
 * The proxy's SigV4 credential as the log holds it: the access key id in clear
 * (DescribeCustomKeyStores shows it), the secret only wrapped (base64) under
 * the store's own KEK in the Region's keyvault, as key material is.
 */
export const WrappedProxyCredential = Schema.Struct({
  accessKeyId: Schema.String,
  wrappedSecret: Schema.String
})
export type WrappedProxyCredential = typeof WrappedProxyCredential.Type

/** Past-tense facts about one custom key store (stream `cks-…`). A released schema is never edited. */
export const CustomKeyStoreCreatedEvent = Schema.TaggedStruct("CustomKeyStoreCreated", {
  customKeyStoreId: Schema.String,
  name: Schema.String,
  customKeyStoreType: Schema.Literal("EXTERNAL_KEY_STORE"),
  xksProxyUriEndpoint: Schema.String,
  xksProxyUriPath: Schema.String,
  xksProxyConnectivity: Schema.Literal("PUBLIC_ENDPOINT"),
  credential: WrappedProxyCredential,
  createdAt: Schema.Number
})
export const CustomKeyStoreUpdatedEvent = Schema.TaggedStruct("CustomKeyStoreUpdated", {
  at: Schema.Number,
  name: Schema.optional(Schema.String),
  xksProxyUriEndpoint: Schema.optional(Schema.String),
  xksProxyUriPath: Schema.optional(Schema.String),
  credential: Schema.optional(WrappedProxyCredential)
})
export const CustomKeyStoreConnectedEvent = Schema.TaggedStruct("CustomKeyStoreConnected", { at: Schema.Number })
export const CustomKeyStoreConnectionFailedEvent = Schema.TaggedStruct("CustomKeyStoreConnectionFailed", {
  at: Schema.Number,
  connectionErrorCode: XksConnectionErrorCode
})
export const CustomKeyStoreDisconnectedEvent = Schema.TaggedStruct("CustomKeyStoreDisconnected", { at: Schema.Number })
export const CustomKeyStoreDeletedEvent = Schema.TaggedStruct("CustomKeyStoreDeleted", { at: Schema.Number })

export const CustomKeyStoreEvent = Schema.Union([
  CustomKeyStoreCreatedEvent,
  CustomKeyStoreUpdatedEvent,
  CustomKeyStoreConnectedEvent,
  CustomKeyStoreConnectionFailedEvent,
  CustomKeyStoreDisconnectedEvent,
  CustomKeyStoreDeletedEvent
])
export type CustomKeyStoreEvent = typeof CustomKeyStoreEvent.Type

export const CUSTOM_KEY_STORE_EVENT_SCHEMA_VERSION = 1
