import type { WrappedProxyCredential, XksConnectionErrorCode } from "./CustomKeyStoreEvent.ts"

/**
 * Commands to one custom key store. What `decide` needs from outside the
 * stream arrives as data: the time, whether another store of the Region has
 * the name or the proxy URI, how many keys the store holds, and what the
 * proxy answered when Trent tried to connect.
 */
export type CustomKeyStoreCommand =
  | {
    readonly _tag: "CreateCustomKeyStore"
    readonly now: number
    readonly customKeyStoreId: string
    readonly name: string
    readonly xksProxyUriEndpoint: string
    readonly xksProxyUriPath: string
    readonly credential: WrappedProxyCredential
    readonly nameInUse: boolean
    readonly uriInUse: boolean
  }
  | {
    readonly _tag: "UpdateCustomKeyStore"
    readonly now: number
    readonly name?: string | undefined
    readonly xksProxyUriEndpoint?: string | undefined
    readonly xksProxyUriPath?: string | undefined
    readonly credential?: WrappedProxyCredential | undefined
    readonly nameInUse: boolean
    readonly uriInUse: boolean
  }
  | { readonly _tag: "ConnectCustomKeyStore"; readonly now: number; readonly failure: XksConnectionErrorCode | undefined }
  | { readonly _tag: "DisconnectCustomKeyStore"; readonly now: number }
  | { readonly _tag: "DeleteCustomKeyStore"; readonly now: number; readonly keyCount: number }
