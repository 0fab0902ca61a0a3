import { specification } from "@trent/testing"
import { assert, describe, it } from "vitest"
import { type CustomKeyStore, evolveCustomKeyStore, initialCustomKeyStore } from "./CustomKeyStore.ts"
import type { CustomKeyStoreCommand } from "./CustomKeyStoreCommand.ts"
import type { CustomKeyStoreRejection } from "./CustomKeyStoreErrors.ts"
import { type ConnectionState, ConnectionStates, type CustomKeyStoreEvent } from "./CustomKeyStoreEvent.ts"
import { decideCustomKeyStore, isCustomKeyStoreRejection } from "./decideCustomKeyStore.ts"

const ID = "cks-1234567890abcdef0"
const T0 = 1_767_225_600_000
const { given } = specification<CustomKeyStore, CustomKeyStoreCommand, CustomKeyStoreEvent, CustomKeyStoreRejection>(
  {
    initialState: initialCustomKeyStore,
    decide: (state, command) => decideCustomKeyStore(state, command, ID),
    evolve: evolveCustomKeyStore,
    isRejection: isCustomKeyStoreRejection
  },
  (actual, expected) => assert.deepStrictEqual(actual, expected)
)

const credential = { accessKeyId: "XKSAAAAAAAAAAAAAAAAAAAAA", wrappedSecret: "AQID" }
const created: CustomKeyStoreEvent = {
  _tag: "CustomKeyStoreCreated",
  customKeyStoreId: ID,
  name: "orders",
  customKeyStoreType: "EXTERNAL_KEY_STORE",
  xksProxyUriEndpoint: "https://xks.example.com",
  xksProxyUriPath: "/kms/xks/v1",
  xksProxyConnectivity: "PUBLIC_ENDPOINT",
  credential,
  createdAt: T0
}
const create: CustomKeyStoreCommand = {
  _tag: "CreateCustomKeyStore",
  now: T0,
  customKeyStoreId: ID,
  name: "orders",
  xksProxyUriEndpoint: "https://xks.example.com",
  xksProxyUriPath: "/kms/xks/v1",
  credential,
  nameInUse: false,
  uriInUse: false
}
const connected: CustomKeyStoreEvent = { _tag: "CustomKeyStoreConnected", at: T0 + 1 }
const failed: CustomKeyStoreEvent = { _tag: "CustomKeyStoreConnectionFailed", at: T0 + 1, connectionErrorCode: "XKS_PROXY_NOT_REACHABLE" }
const disconnected: CustomKeyStoreEvent = { _tag: "CustomKeyStoreDisconnected", at: T0 + 2 }
const connect: CustomKeyStoreCommand = { _tag: "ConnectCustomKeyStore", now: T0 + 3, failure: undefined }
const rename: CustomKeyStoreCommand = { _tag: "UpdateCustomKeyStore", now: T0 + 3, name: "renamed", nameInUse: false, uriInUse: false }
const repoint: CustomKeyStoreCommand = { _tag: "UpdateCustomKeyStore", now: T0 + 3, xksProxyUriPath: "/b/kms/xks/v1", nameInUse: false, uriInUse: false }

/** The history that leaves a store in each state Trent can reach. */
const reaching: Partial<Record<ConnectionState, ReadonlyArray<CustomKeyStoreEvent>>> = {
  DISCONNECTED: [created],
  CONNECTED: [created, connected],
  FAILED: [created, failed]
}

describe("custom key store decider", () => {
  it("creates a store DISCONNECTED", () => {
    given([]).when(create).then([created])
    const state = evolveCustomKeyStore(initialCustomKeyStore, created)
    assert.strictEqual(state.status === "Live" && state.store.connectionState, "DISCONNECTED")
  })

  it("refuses a name or proxy URI another store of the Region has", () => {
    given([]).when({ ...create, nameInUse: true }).thenRejects((r) => assert.strictEqual(r._tag, "CustomKeyStoreNameInUse"))
    given([]).when({ ...create, uriInUse: true }).thenRejects((r) => assert.strictEqual(r._tag, "XksProxyUriInUse"))
  })

  it("records CONNECTED, or FAILED with the error code, from the proxy's answer", () => {
    given([created]).when(connect).then([{ _tag: "CustomKeyStoreConnected", at: T0 + 3 }])
    given([created]).when({ ...connect, failure: "XKS_PROXY_NOT_REACHABLE" })
      .then([{ _tag: "CustomKeyStoreConnectionFailed", at: T0 + 3, connectionErrorCode: "XKS_PROXY_NOT_REACHABLE" }])
  })

  it("connecting a CONNECTED store changes nothing", () => given([created, connected]).when(connect).then([]))

  it("refuses Connect from FAILED: disconnect first", () =>
    given([created, failed]).when(connect).thenRejects((r) => assert.strictEqual(r._tag, "CustomKeyStoreInvalidState")))

  it("disconnects a CONNECTED or FAILED store, and refuses a DISCONNECTED one", () => {
    given([created, connected]).when({ _tag: "DisconnectCustomKeyStore", now: T0 + 2 }).then([disconnected])
    given([created, failed]).when({ _tag: "DisconnectCustomKeyStore", now: T0 + 2 }).then([disconnected])
    given([created]).when({ _tag: "DisconnectCustomKeyStore", now: T0 + 2 })
      .thenRejects((r) => assert.strictEqual(r._tag, "CustomKeyStoreInvalidState"))
  })

  it("renames a CONNECTED store, but changes its proxy only while DISCONNECTED", () => {
    given([created, connected]).when(rename).then([{ _tag: "CustomKeyStoreUpdated", at: T0 + 3, name: "renamed" }])
    given([created, connected]).when(repoint).thenRejects((r) => assert.strictEqual(r._tag, "CustomKeyStoreInvalidState"))
    given([created]).when(repoint).then([{ _tag: "CustomKeyStoreUpdated", at: T0 + 3, xksProxyUriPath: "/b/kms/xks/v1" }])
    given([created, failed]).when(rename).thenRejects((r) => assert.strictEqual(r._tag, "CustomKeyStoreInvalidState"))
  })

  it("deletes only a DISCONNECTED store that holds no keys", () => {
    const remove = (keyCount: number): CustomKeyStoreCommand => ({ _tag: "DeleteCustomKeyStore", now: T0 + 3, keyCount })
    given([created]).when(remove(0)).then([{ _tag: "CustomKeyStoreDeleted", at: T0 + 3 }])
    given([created]).when(remove(1)).thenRejects((r) => assert.strictEqual(r._tag, "CustomKeyStoreHasKeys"))
    given([created, connected]).when(remove(0)).thenRejects((r) => assert.strictEqual(r._tag, "CustomKeyStoreInvalidState"))
  })

  it("answers NotFound for a store never created or deleted", () => {
    given([]).when(connect).thenRejects((r) => assert.strictEqual(r._tag, "CustomKeyStoreNotFound"))
    given([created, { _tag: "CustomKeyStoreDeleted", at: T0 + 1 }]).when(connect)
      .thenRejects((r) => assert.strictEqual(r._tag, "CustomKeyStoreNotFound"))
  })

  it("leaves the error code only on a FAILED store", () => {
    const state = [created, failed, disconnected].reduce(evolveCustomKeyStore, initialCustomKeyStore)
    assert.strictEqual(state.status === "Live" ? state.store.connectionErrorCode : "absent", undefined)
  })

  it("reaches DISCONNECTED, CONNECTED and FAILED (Trent's connects and disconnects are immediate)", () => {
    for (const state of ConnectionStates) {
      const history = reaching[state]
      if (history === undefined) continue
      const folded = history.reduce(evolveCustomKeyStore, initialCustomKeyStore)
      assert.strictEqual(folded.status === "Live" ? folded.store.connectionState : undefined, state)
    }
  })
})
