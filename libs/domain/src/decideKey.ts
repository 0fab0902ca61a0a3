import type { Key } from "./Key.ts"
import type { KeyCommand } from "./KeyCommand.ts"
import type { KeyRejection } from "./KeyErrors.ts"
import type { KeyEvent } from "./KeyEvent.ts"
import { decideCreateKey } from "./decide/createKey.ts"
import {
  decideCancelKeyDeletion,
  decideDisableKey,
  decideEnableKey,
  decideScheduleKeyDeletion
} from "./decide/lifecycle.ts"
import { decideCreateGrant, decideRetireGrant, decideRevokeGrant } from "./decide/grants.ts"
import { decidePutKeyPolicy, decideTagResource, decideUntagResource, decideUpdateKeyDescription } from "./decide/metadata.ts"
import { decideDeleteImportedKeyMaterial, decideImportKeyMaterial } from "./decide/importMaterial.ts"
import {
  decideCreateReplicaKey,
  decideReplicateMaterial,
  decideSyncRotationSettings,
  decideUpdateMultiRegionConfiguration
} from "./decide/replication.ts"
import {
  decideDisableKeyRotation,
  decideEnableKeyRotation,
  decideRotateKeyOnDemand,
  decideScheduledWork
} from "./decide/rotation.ts"

/** The key decider: dispatches each command to its one small rule. Pure. */
export const decideKey = (state: Key, command: KeyCommand): ReadonlyArray<KeyEvent> | KeyRejection => {
  switch (command._tag) {
    case "CreateKey":
      return decideCreateKey(state, command)
    case "EnableKey":
      return decideEnableKey(state, command)
    case "DisableKey":
      return decideDisableKey(state, command)
    case "ScheduleKeyDeletion":
      return decideScheduleKeyDeletion(state, command)
    case "CancelKeyDeletion":
      return decideCancelKeyDeletion(state, command)
    case "UpdateKeyDescription":
      return decideUpdateKeyDescription(state, command)
    case "EnableKeyRotation":
      return decideEnableKeyRotation(state, command)
    case "DisableKeyRotation":
      return decideDisableKeyRotation(state, command)
    case "RotateKeyOnDemand":
      return decideRotateKeyOnDemand(state, command)
    case "RunScheduledWork":
      return decideScheduledWork(state, command)
    case "TagResource":
      return decideTagResource(state, command)
    case "UntagResource":
      return decideUntagResource(state, command)
    case "PutKeyPolicy":
      return decidePutKeyPolicy(state, command)
    case "CreateGrant":
      return decideCreateGrant(state, command)
    case "RetireGrant":
      return decideRetireGrant(state, command)
    case "RevokeGrant":
      return decideRevokeGrant(state, command)
    case "CreateReplicaKey":
      return decideCreateReplicaKey(state, command)
    case "UpdateMultiRegionConfiguration":
      return decideUpdateMultiRegionConfiguration(state, command)
    case "ReplicateMaterial":
      return decideReplicateMaterial(state, command)
    case "SyncRotationSettings":
      return decideSyncRotationSettings(state, command)
    case "ImportKeyMaterial":
      return decideImportKeyMaterial(state, command)
    case "DeleteImportedKeyMaterial":
      return decideDeleteImportedKeyMaterial(state, command)
  }
}

export const isKeyRejection = (outcome: ReadonlyArray<KeyEvent> | KeyRejection): outcome is KeyRejection =>
  !Array.isArray(outcome)
