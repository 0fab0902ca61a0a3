import { parseCiphertext } from "@trent/crypto"
import { Effect, Option } from "effect"

/**
 * The key a ciphertext blob's header names, if it parses. A Decrypt (or
 * ReEncrypt) names no key in its request when it leaves KeyId out: its
 * ciphertext does, as CloudTrail records the key of a failed Decrypt.
 */
export const keyOfCiphertext = (blob: Uint8Array | undefined): string | undefined => {
  if (blob === undefined) return undefined
  const header = Effect.runSync(Effect.option(parseCiphertext(blob)))
  return Option.isSome(header) ? header.value.keyId : undefined
}
