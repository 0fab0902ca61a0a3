import type { SecretBytes } from "@trent/crypto"
import { encodeBase64 } from "./StrictBase64.ts"

/**
 * How Region values go on the wire (aws-kms-api.md §1.2): timestamps as epoch
 * seconds (a number, fractional allowed), blobs as standard base64, and
 * structures without their absent members.
 */
export type WireObject = Record<string, unknown>

export const epochSeconds = (epochMilliseconds: number): number => epochMilliseconds / 1000

export const optionalEpochSeconds = (epochMilliseconds: number | undefined): number | undefined =>
  epochMilliseconds === undefined ? undefined : epochSeconds(epochMilliseconds)

export const blobToWire = (bytes: Uint8Array): string => encodeBase64(bytes)

/** The one place a secret leaves its wrapper: into the response body the caller asked for. */
export const secretToWire = (secret: SecretBytes): string => encodeBase64(secret.unsafeBytes())

/** Leaves out the members that are undefined: AWS omits absent members rather than sending null. */
export const wireObject = (members: WireObject): WireObject =>
  Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined))
