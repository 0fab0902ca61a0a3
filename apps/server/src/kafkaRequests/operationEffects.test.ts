import { servedOperations } from "@trent/protocol"
import { describe, expect, it } from "vitest"
import { changesState, operationEffects } from "./operationEffects.ts"

describe("operation effects", () => {
  it("classify every served operation", () => {
    expect(Object.keys(operationEffects).sort()).toEqual([...servedOperations].sort())
  })

  it("count exactly the operations that append to a Region's log as state changes", () => {
    expect(servedOperations.filter(changesState).sort()).toEqual([
      "CancelKeyDeletion", "CreateAlias", "CreateGrant", "CreateKey", "DeleteAlias", "DeleteImportedKeyMaterial", "DisableKey",
      "DisableKeyRotation", "EnableKey", "EnableKeyRotation", "ImportKeyMaterial", "PutKeyPolicy", "ReplicateKey", "RetireGrant",
      "RevokeGrant", "RotateKeyOnDemand", "ScheduleKeyDeletion", "TagResource", "UntagResource", "UpdateAlias",
      "UpdateKeyDescription", "UpdatePrimaryRegion"
    ])
  })
})
