import type { SecretBytes } from "@trent/crypto"
import { encodeBase64 } from "./StrictBase64.ts"

/**
 * How Region values go on the wire (aws-kms-api.md §1.2): timestamps as epoch
 * seconds (a number, fractional allowed), blobs as standard base64, and
 * structures without their absent members; and how request timestamps come
 * back to epoch milliseconds.
 */
export type WireObject = Record<string, unknown>

export const epochSeconds = (milliseconds: number): number => milliseconds / 1000

/**
 * A request timestamp's epoch seconds as whole epoch milliseconds, Trent's
 * time unit; `+ 0` turns a rounded -0 into 0.
 */
export const epochMilliseconds = (seconds: number): number => Math.round(seconds * 1000) + 0

export const optionalEpochSeconds = (milliseconds: number | undefined): number | undefined =>
  milliseconds === undefined ? undefined : epochSeconds(milliseconds)

export const blobToWire = (bytes: Uint8Array): string => encodeBase64(bytes)

/** The one place a secret leaves its wrapper: into the response body the caller asked for. */
export const secretToWire = (secret: SecretBytes): string => encodeBase64(secret.unsafeBytes())

/** Leaves out the members that are undefined: AWS omits absent members rather than sending null. */
export const wireObject = (members: WireObject): WireObject =>
  Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined))
