import type { ConnectionState, CustomKeyStoreEvent, WrappedProxyCredential, XksConnectionErrorCode } from "./CustomKeyStoreEvent.ts"

/** Everything a created external key store carries (DescribeCustomKeyStores' CustomKeyStoresListEntry, plus the wrapped secret). */
export interface CustomKeyStoreRecord {
  readonly customKeyStoreId: string
  readonly name: string
  readonly customKeyStoreType: "EXTERNAL_KEY_STORE"
  readonly createdAt: number
  readonly connectionState: ConnectionState
  /** Set only while FAILED: why the last ConnectCustomKeyStore did not connect. */
  readonly connectionErrorCode?: XksConnectionErrorCode | undefined
  readonly xksProxyUriEndpoint: string
  readonly xksProxyUriPath: string
  readonly xksProxyConnectivity: "PUBLIC_ENDPOINT"
  readonly credential: WrappedProxyCredential
}

/** The custom key store aggregate: a union keyed by status. `Deleted` stays in the log as history. */
export type CustomKeyStore =
  | { readonly status: "Absent" }
  | { readonly status: "Live"; readonly store: CustomKeyStoreRecord }
  | { readonly status: "Deleted"; readonly store: CustomKeyStoreRecord; readonly deletedAt: number }

export const initialCustomKeyStore: CustomKeyStore = { status: "Absent" }

const live = (state: CustomKeyStore, change: (store: CustomKeyStoreRecord) => CustomKeyStoreRecord): CustomKeyStore =>
  state.status === "Live" ? { status: "Live", store: change(state.store) } : state

/** Total: an event that does not fit the state leaves it as it is. */
export const evolveCustomKeyStore = (state: CustomKeyStore, event: CustomKeyStoreEvent): CustomKeyStore => {
  switch (event._tag) {
    case "CustomKeyStoreCreated": {
      const { _tag, createdAt, ...rest } = event
      return { status: "Live", store: { ...rest, createdAt, connectionState: "DISCONNECTED" } }
    }
    case "CustomKeyStoreUpdated":
      return live(state, (store) => ({
        ...store,
        ...(event.name === undefined ? {} : { name: event.name }),
        ...(event.xksProxyUriEndpoint === undefined ? {} : { xksProxyUriEndpoint: event.xksProxyUriEndpoint }),
        ...(event.xksProxyUriPath === undefined ? {} : { xksProxyUriPath: event.xksProxyUriPath }),
        ...(event.credential === undefined ? {} : { credential: event.credential })
      }))
    case "CustomKeyStoreConnected":
      return live(state, ({ connectionErrorCode: _, ...store }) => ({ ...store, connectionState: "CONNECTED" }))
    case "CustomKeyStoreConnectionFailed":
      return live(state, (store) => ({ ...store, connectionState: "FAILED", connectionErrorCode: event.connectionErrorCode }))
    case "CustomKeyStoreDisconnected":
      return live(state, ({ connectionErrorCode: _, ...store }) => ({ ...store, connectionState: "DISCONNECTED" }))
    case "CustomKeyStoreDeleted":
      return state.status === "Live" ? { status: "Deleted", store: state.store, deletedAt: event.at } : state
  }
}
