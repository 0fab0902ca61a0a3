import type { SecretBytes } from "@trent/crypto"
import type { ConnectionState, XksConnectionErrorCode } from "@trent/domain"

/** XksProxyAuthenticationCredential: the secret is SecretBytes from the moment it is decoded. */
export interface XksProxyCredentialInput {
  readonly accessKeyId: string
  readonly rawSecretAccessKey: SecretBytes
}

/** CreateCustomKeyStore for an external key store with public endpoint connectivity (the only kind Trent hosts). */
export interface CreateCustomKeyStoreRequest {
  readonly customKeyStoreName: string
  readonly xksProxyUriEndpoint: string
  readonly xksProxyUriPath: string
  readonly xksProxyAuthenticationCredential: XksProxyCredentialInput
}

export interface UpdateCustomKeyStoreRequest {
  readonly customKeyStoreId: string
  readonly newCustomKeyStoreName?: string | undefined
  readonly xksProxyUriEndpoint?: string | undefined
  readonly xksProxyUriPath?: string | undefined
  readonly xksProxyAuthenticationCredential?: XksProxyCredentialInput | undefined
}

export interface DescribeCustomKeyStoresRequest {
  readonly customKeyStoreId?: string | undefined
  readonly customKeyStoreName?: string | undefined
  readonly limit?: number | undefined
  readonly marker?: string | undefined
}

/** CustomKeyStoresListEntry: never the proxy's secret (XksProxyConfiguration carries the access key id only). */
export interface CustomKeyStoreEntry {
  readonly customKeyStoreId: string
  readonly customKeyStoreName: string
  readonly connectionState: ConnectionState
  readonly connectionErrorCode: XksConnectionErrorCode | undefined
  readonly creationDate: number
  readonly customKeyStoreType: "EXTERNAL_KEY_STORE"
  readonly xksProxyConfiguration: {
    readonly connectivity: "PUBLIC_ENDPOINT"
    readonly accessKeyId: string
    readonly uriEndpoint: string
    readonly uriPath: string
  }
}
