import { Schema } from "effect"

/** KeyState, exactly the API model's enum (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html). */
export const KeyStates = [
  "Creating",
  "Enabled",
  "Disabled",
  "PendingDeletion",
  "PendingImport",
  "PendingReplicaDeletion",
  "Unavailable",
  "Updating"
] as const
export const KeyState = Schema.Literals(KeyStates)
export type KeyState = typeof KeyState.Type
