import type { Key } from "./Key.ts"
import { keyArn } from "./KeyIdentifiers.ts"
import { KeyDisabled, KeyInvalidState, KeyNotFound, UnsupportedOperation } from "./KeyErrors.ts"
import type { KeyState } from "./KeyState.ts"
import type { Operation } from "./Operation.ts"
import { keyStateRules } from "./keyStateRules.ts"

export type StateRejection = KeyNotFound | KeyDisabled | KeyInvalidState | UnsupportedOperation

/** The AWS KeyState a key reports, or undefined when it does not exist (yet or any more). */
export const awsKeyState = (state: Key): KeyState | undefined =>
  state.status === "Absent" || state.status === "Destroyed" ? undefined : state.status

/**
 * Applies the key-state table to `operation` on this key: undefined when the
 * state allows it, else the rejection with AWS's message (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html).
 */
export const checkKeyState = (operation: Operation, state: Key): StateRejection | undefined => {
  const keyState = awsKeyState(state)
  if (keyState === undefined || state.status === "Absent") return undefined
  const arn = keyArn(state.key, state.key.keyId)
  switch (keyStateRules[operation][keyState]) {
    case "allowed":
    case "noKey":
      return undefined
    case "disabled":
      return new KeyDisabled({ message: `${arn} is disabled.` })
    case "pendingDeletion":
      return new KeyInvalidState({
        message: keyState === "PendingReplicaDeletion" ? `${arn} is pending replica deletion.` : `${arn} is pending deletion.`
      })
    case "notPendingDeletion":
      return new KeyInvalidState({ message: `${arn} is not pending deletion.` })
    case "pendingImport":
      return new KeyInvalidState({ message: `${arn} is pending import.` })
    case "originExternal":
      return new UnsupportedOperation({ message: `${arn} origin is EXTERNAL which is not valid for this operation.` })
    case "unsupported":
      return new UnsupportedOperation({ message: "" })
    case "importedMaterial":
      return state.key.origin === "EXTERNAL"
        ? new KeyInvalidState({
          message: keyState === "PendingReplicaDeletion" ? `${arn} is pending replica deletion.` : `${arn} is pending deletion.`
        })
        : new UnsupportedOperation({ message: `${arn} origin is ${state.key.origin} which is not valid for this operation.` })
    case "originNotExternal":
      // [9]: only keys that cannot hold imported material are refused; an EXTERNAL key may re-import in any of these states.
      return state.key.origin === "EXTERNAL"
        ? undefined
        : new UnsupportedOperation({ message: `${arn} origin is ${state.key.origin} which is not valid for this operation.` })
    case "unavailable":
      return new KeyInvalidState({ message: `${arn} is unavailable.` })
    case "creating":
      return new KeyInvalidState({ message: `${arn} is creating.` })
    case "updating":
      return new KeyInvalidState({ message: `${arn} is updating.` })
  }
}
