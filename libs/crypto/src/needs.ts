import { Effect } from "effect"
import { InvalidCryptoParameter } from "./CryptoErrors.ts"

/**
 * A one-line precondition on a caller's parameters (after the AWS Encryption
 * SDK's `needs(cond, msg)`): succeeds when `condition` holds, fails with
 * InvalidCryptoParameter(`message`) otherwise. Messages must never hold secrets.
 */
export const needs = (condition: boolean, message: string): Effect.Effect<void, InvalidCryptoParameter> =>
  condition ? Effect.void : Effect.fail(new InvalidCryptoParameter({ message }))
