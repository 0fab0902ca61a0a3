import { servedOperations } from "@trent/protocol"
import { describe, expect, it } from "vitest"
import { changesState, operationEffects } from "./operationEffects.ts"

describe("operation effects", () => {
  it("classify every served operation", () => {
    expect(Object.keys(operationEffects).sort()).toEqual([...servedOperations].sort())
  })

  it("count exactly the operations that append to a Region's log as state changes", () => {
    expect(servedOperations.filter(changesState).sort()).toEqual([
      "CancelKeyDeletion", "ConnectCustomKeyStore", "CreateAlias", "CreateCustomKeyStore", "CreateGrant", "CreateKey", "DeleteAlias",
      "DeleteCustomKeyStore", "DeleteImportedKeyMaterial", "DisableKey", "DisableKeyRotation", "DisconnectCustomKeyStore", "EnableKey", "EnableKeyRotation", "ImportKeyMaterial", "PutKeyPolicy", "ReplicateKey", "RetireGrant",
      "RevokeGrant", "RotateKeyOnDemand", "ScheduleKeyDeletion", "TagResource", "UntagResource", "UpdateAlias",
      "UpdateCustomKeyStore", "UpdateKeyDescription", "UpdatePrimaryRegion"
    ])
  })
})
