import { Schema } from "effect"

/** KeyState, exactly the API model's enum (aws-kms-api.md §4). */
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
