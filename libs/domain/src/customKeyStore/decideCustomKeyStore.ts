import type { CustomKeyStore, CustomKeyStoreRecord } from "./CustomKeyStore.ts"
import type { CustomKeyStoreCommand } from "./CustomKeyStoreCommand.ts"
import {
  CustomKeyStoreHasKeys,
  CustomKeyStoreInvalidState,
  CustomKeyStoreNameInUse,
  CustomKeyStoreNotFound,
  type CustomKeyStoreRejection,
  XksProxyUriInUse
} from "./CustomKeyStoreErrors.ts"
import type { CustomKeyStoreEvent } from "./CustomKeyStoreEvent.ts"

type Outcome = ReadonlyArray<CustomKeyStoreEvent> | CustomKeyStoreRejection
type Of<Tag extends CustomKeyStoreCommand["_tag"]> = Extract<CustomKeyStoreCommand, { _tag: Tag }>

export const isCustomKeyStoreRejection = (outcome: Outcome): outcome is CustomKeyStoreRejection => !Array.isArray(outcome)

const notFound = (id: string) => new CustomKeyStoreNotFound({ message: `Custom key store ${id} does not exist.` })
const invalidState = (store: CustomKeyStoreRecord, operation: string, allowed: string) =>
  new CustomKeyStoreInvalidState({
    message: `${operation} is not valid for custom key store ${store.customKeyStoreId}: its ConnectionState is ${store.connectionState}` +
      ` (${allowed}).`
  })
const nameInUse = (name: string) =>
  new CustomKeyStoreNameInUse({ message: `A custom key store named ${name} already exists in this account and Region.` })
const uriInUse = () =>
  new XksProxyUriInUse({
    message: "The XksProxyUriEndpoint and XksProxyUriPath are already associated with an external key store in this account and Region."
  })

const create = (state: CustomKeyStore, command: Of<"CreateCustomKeyStore">): Outcome => {
  if (state.status !== "Absent") return new CustomKeyStoreInvalidState({ message: `Custom key store ${command.customKeyStoreId} already exists.` })
  if (command.nameInUse) return nameInUse(command.name)
  if (command.uriInUse) return uriInUse()
  return [{
    _tag: "CustomKeyStoreCreated",
    customKeyStoreId: command.customKeyStoreId,
    name: command.name,
    customKeyStoreType: "EXTERNAL_KEY_STORE",
    xksProxyUriEndpoint: command.xksProxyUriEndpoint,
    xksProxyUriPath: command.xksProxyUriPath,
    xksProxyConnectivity: "PUBLIC_ENDPOINT",
    credential: command.credential,
    createdAt: command.now
  }]
}

/**
 * "UpdateCustomKeyStore can be called on a custom key store in the CONNECTED
 * state only to update NewCustomKeyStoreName. For all other properties, the
 * custom key store ConnectionState must be DISCONNECTED."
 * (CustomKeyStoreInvalidStateException, API Reference.)
 */
const update = (store: CustomKeyStoreRecord, command: Of<"UpdateCustomKeyStore">): Outcome => {
  const nameOnly = command.xksProxyUriEndpoint === undefined && command.xksProxyUriPath === undefined && command.credential === undefined
  const allowed = store.connectionState === "DISCONNECTED" || (nameOnly && store.connectionState === "CONNECTED")
  if (!allowed) return invalidState(store, "UpdateCustomKeyStore", nameOnly ? "it must be DISCONNECTED or CONNECTED" : "it must be DISCONNECTED")
  if (command.name !== undefined && command.name !== store.name && command.nameInUse) return nameInUse(command.name)
  if (command.uriInUse) return uriInUse()
  return [{
    _tag: "CustomKeyStoreUpdated",
    at: command.now,
    ...(command.name === undefined ? {} : { name: command.name }),
    ...(command.xksProxyUriEndpoint === undefined ? {} : { xksProxyUriEndpoint: command.xksProxyUriEndpoint }),
    ...(command.xksProxyUriPath === undefined ? {} : { xksProxyUriPath: command.xksProxyUriPath }),
    ...(command.credential === undefined ? {} : { credential: command.credential })
  }]
}

/** "ConnectCustomKeyStore … on a custom key store with a ConnectionState of DISCONNECTING or FAILED" is refused; connecting a CONNECTED store changes nothing. */
const connect = (store: CustomKeyStoreRecord, command: Of<"ConnectCustomKeyStore">): Outcome => {
  if (store.connectionState === "DISCONNECTING" || store.connectionState === "FAILED") {
    return invalidState(store, "ConnectCustomKeyStore", "disconnect a FAILED store first, then connect it")
  }
  if (store.connectionState === "CONNECTED") return []
  return command.failure === undefined
    ? [{ _tag: "CustomKeyStoreConnected", at: command.now }]
    : [{ _tag: "CustomKeyStoreConnectionFailed", at: command.now, connectionErrorCode: command.failure }]
}

/** "DisconnectCustomKeyStore … on a custom key store with a ConnectionState of DISCONNECTING or DISCONNECTED" is refused. */
const disconnect = (store: CustomKeyStoreRecord, command: Of<"DisconnectCustomKeyStore">): Outcome =>
  store.connectionState === "DISCONNECTING" || store.connectionState === "DISCONNECTED"
    ? invalidState(store, "DisconnectCustomKeyStore", "it is not connected")
    : [{ _tag: "CustomKeyStoreDisconnected", at: command.now }]

/** Delete needs a DISCONNECTED store without keys (CustomKeyStoreHasCMKsException otherwise). */
const remove = (store: CustomKeyStoreRecord, command: Of<"DeleteCustomKeyStore">): Outcome => {
  if (store.connectionState !== "DISCONNECTED") return invalidState(store, "DeleteCustomKeyStore", "it must be DISCONNECTED")
  if (command.keyCount > 0) {
    return new CustomKeyStoreHasKeys({
      message: `Custom key store ${store.customKeyStoreId} contains ${command.keyCount} KMS key(s); delete them before the store.`
    })
  }
  return [{ _tag: "CustomKeyStoreDeleted", at: command.now }]
}

/** Dispatches a command to its rule; a store that is not there (never created, or deleted) is not found. */
export const decideCustomKeyStore = (state: CustomKeyStore, command: CustomKeyStoreCommand, id: string): Outcome => {
  if (command._tag === "CreateCustomKeyStore") return create(state, command)
  if (state.status !== "Live") return notFound(id)
  switch (command._tag) {
    case "UpdateCustomKeyStore":
      return update(state.store, command)
    case "ConnectCustomKeyStore":
      return connect(state.store, command)
    case "DisconnectCustomKeyStore":
      return disconnect(state.store, command)
    case "DeleteCustomKeyStore":
      return remove(state.store, command)
  }
}
