/**
 * An allow-list over a decoded request or result: what to keep, and as what.
 * A value is kept only when its field is named and it has the named kind; a
 * string rule never accepts bytes, a list rule never accepts a Uint8Array, an
 * object rule accepts plain objects only (never a SecretBytes or another class
 * instance). So whatever is not named, or is named but not of its kind, is
 * dropped — secrets and binary values cannot pass by accident.
 */
export type FieldRule =
  | "string"
  | "number"
  | "boolean"
  /** Epoch milliseconds (or a Date), written as CloudTrail writes times: "2026-11-28T14:03:05Z". */
  | "date"
  /** A string-to-string map (an encryption context): non-string values are dropped. */
  | "stringMap"
  /** A list of strings (grant operations, tag keys): non-string items are dropped. */
  | "stringList"
  | ObjectRule
  | ListRule
  | RenamedRule

export interface ObjectRule {
  readonly _tag: "Object"
  readonly fields: Readonly<Record<string, FieldRule>>
}

export interface ListRule {
  readonly _tag: "List"
  readonly item: ObjectRule
}

/** Keeps a field under another name (KeyMetadata's awsAccountId is CloudTrail's AWSAccountId). */
export interface RenamedRule {
  readonly _tag: "Renamed"
  readonly as: string
  readonly rule: FieldRule
}

export const fields = (rules: Readonly<Record<string, FieldRule>>): ObjectRule =>
  Object.freeze({ _tag: "Object", fields: Object.freeze({ ...rules }) })

export const listOf = (item: ObjectRule): ListRule => Object.freeze({ _tag: "List", item })

export const renamed = (as: string, rule: FieldRule): RenamedRule => Object.freeze({ _tag: "Renamed", as, rule })

/**
 * How each KMS operation is recorded: CloudTrail's readOnly flag, the
 * allow-list of its requestParameters and responseElements, and the
 * additionalEventData drawn from its result.
 *
 * Request parameters keep what CloudTrail's KMS examples show (key ids and
 * ARNs, alias names, encryption contexts, algorithms, key specs and usages,
 * grant parameters, sizes, DryRun, policy names, descriptions, tags and, as
 * CloudTrail does for PutKeyPolicy, the policy text: a policy is not secret).
 * They never keep plaintext, ciphertext blobs, messages, signatures, MACs,
 * peer public keys, data keys, private keys, grant tokens (bearer credentials
 * until the grant is consistent), shared secrets, import tokens or material,
 * key store passwords or proxy credentials.
 *
 * responseElements is null for the cryptographic and read-only operations and
 * keeps identifiers and states for the ones that change something, as in
 * ct-createkey.html (keyMetadata), ct-schedule-key-deletion.html and
 * ct-creategrant.html (grantId, never the grant token). Each operation
 * declares its own (operations/<Operation>.ts).
 */
export interface OperationAuditRule {
  readonly readOnly: boolean
  readonly request: ObjectRule
  /** Absent: responseElements is null. */
  readonly response?: ObjectRule
  /** Nests the projected result under this name (CreateKey's result is the KeyMetadata itself). */
  readonly responseKey?: string
  /** Result fields CloudTrail files under additionalEventData (ct-encrypt.html: keyMaterialId). */
  readonly additional?: ObjectRule
}
