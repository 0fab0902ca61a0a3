import { Schema } from "effect"

/**
 * Rejections of the custom key store operations, named for their meaning
 * (CreateCustomKeyStore … DeleteCustomKeyStore, "Errors"; aws-kms-api.md §1.3).
 * `protocol` maps each to its AWS `__type`. None carries a proxy secret.
 */

export class CustomKeyStoreNotFound extends Schema.TaggedError<CustomKeyStoreNotFound>()("CustomKeyStoreNotFound", {
  message: Schema.String
}) {}
export class CustomKeyStoreInvalidState extends Schema.TaggedError<CustomKeyStoreInvalidState>()("CustomKeyStoreInvalidState", {
  message: Schema.String
}) {}
export class CustomKeyStoreNameInUse extends Schema.TaggedError<CustomKeyStoreNameInUse>()("CustomKeyStoreNameInUse", {
  message: Schema.String
}) {}
export class CustomKeyStoreHasKeys extends Schema.TaggedError<CustomKeyStoreHasKeys>()("CustomKeyStoreHasKeys", {
  message: Schema.String
}) {}
export class XksProxyUriInUse extends Schema.TaggedError<XksProxyUriInUse>()("XksProxyUriInUse", { message: Schema.String }) {}
export class XksKeyNotFound extends Schema.TaggedError<XksKeyNotFound>()("XksKeyNotFound", { message: Schema.String }) {}
export class XksKeyInvalidConfiguration extends Schema.TaggedError<XksKeyInvalidConfiguration>()("XksKeyInvalidConfiguration", {
  message: Schema.String
}) {}
export class XksKeyAlreadyInUse extends Schema.TaggedError<XksKeyAlreadyInUse>()("XksKeyAlreadyInUse", {
  message: Schema.String
}) {}
export class XksProxyIncorrectAuthenticationCredential extends Schema.TaggedError<XksProxyIncorrectAuthenticationCredential>()(
  "XksProxyIncorrectAuthenticationCredential",
  { message: Schema.String }
) {}
export class XksProxyUriUnreachable extends Schema.TaggedError<XksProxyUriUnreachable>()("XksProxyUriUnreachable", {
  message: Schema.String
}) {}
export class XksProxyInvalidResponse extends Schema.TaggedError<XksProxyInvalidResponse>()("XksProxyInvalidResponse", {
  message: Schema.String
}) {}

export type CustomKeyStoreRejection =
  | CustomKeyStoreNotFound
  | CustomKeyStoreInvalidState
  | CustomKeyStoreNameInUse
  | CustomKeyStoreHasKeys
  | XksProxyUriInUse

/** What CreateKey in an external key store can meet at the proxy (CreateKey, "Errors"). */
export type XksKeyRejection =
  | XksKeyNotFound
  | XksKeyInvalidConfiguration
  | XksKeyAlreadyInUse
  | XksProxyIncorrectAuthenticationCredential
  | XksProxyUriUnreachable
  | XksProxyInvalidResponse
  | XksProxyInvalidConfiguration

export class XksProxyInvalidConfiguration extends Schema.TaggedError<XksProxyInvalidConfiguration>()("XksProxyInvalidConfiguration", {
  message: Schema.String
}) {}
