import type { AcceptedForms, Key } from "@trent/domain"
import type { OperationAuditRule } from "./auditRule.ts"
import type { OperationDecoder } from "./OperationDecoder.ts"
import type { WireObject } from "./WireValues.ts"

/**
 * What `changes` means: the operation appends to the Region's log (or would,
 * but for DryRun), so a redelivered request must not run twice; `reads`
 * changes no state and, asked twice, simply runs again.
 */
export type StateEffect = "reads" | "changes"

/**
 * Everything Trent knows about one AWS operation, declared once in its own
 * module (operations/<Operation>.ts) and read by every layer: the edge
 * decodes and encodes with it, the Region resolves the key reference by
 * `keyForms`, the Kafka request worker splits reads from changes by `state`,
 * and the audit trail records what `audit` allows.
 */
export interface OperationSpec<Request, Result, State extends StateEffect = StateEffect> {
  /** The AWS name (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html). */
  readonly name: string
  /** The wire shape of the request and how it becomes the Region's request. */
  readonly decoder: OperationDecoder<Request>
  /** The Region's result as the operation's JSON output. */
  readonly encode: (result: Result) => WireObject
  readonly state: State
  /** Which references to a key its KeyId accepts (aws-kms-api.md §2.1): any form, or key id and key ARN only. */
  readonly keyForms: AcceptedForms
  /**
   * The key a request acts on, as the caller named it: a key ARN of another
   * account this server hosts makes a cross-account request. Absent: the
   * caller's own account.
   */
  readonly targetKey?: (request: Request) => string | undefined
  /** The keys a request names (the audit record's resources when its result names none). */
  readonly requestKeys?: (request: Request) => ReadonlyArray<string | undefined>
  /** The keys a result names, as the Region resolved them (aliases to key ARNs). */
  readonly resultKeys?: (result: Result) => ReadonlyArray<string | undefined>
  /**
   * Another Region a successful call changes (ReplicateKey's ReplicaRegion,
   * UpdatePrimaryRegion's PrimaryRegion): as CloudTrail does, that Region's
   * trail records the request too.
   */
  readonly otherRegion?: (request: Request) => string
  /**
   * A state-changing call's answer. A function computes it from its key's
   * state right after the events it appended: the live reply and the answer
   * to a redelivered Kafka request both come from it (undefined: the state
   * cannot be this call's outcome, a bug or a corrupt log). `"empty"`: it
   * answers `{}`. `"fromEvents"`: it needs more than the key's state (a
   * grant's new token, a replica in another Region, a custom key store's
   * stream, the material an import recorded), so the Kafka worker reads it
   * from the events the request appended. Every state-changing operation
   * declares one.
   */
  readonly answer?: ((state: Key) => Result | undefined) | "empty" | "fromEvents"
  /** How the audit trail records it (CloudTrail's readOnly, requestParameters, responseElements). */
  readonly audit: OperationAuditRule
  /**
   * A successful call counts as a use of its keys for GetKeyLastUsage: the
   * KeyLastUsageTrackingOperation enum (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html).
   */
  readonly tracksKeyUsage?: true
  /** Encrypts or decrypts under a symmetric key's own material (what a key reserved for the XKS surface refuses). */
  readonly usesSymmetricMaterial?: true
}

/** The request an operation's module declares. */
export type RequestOfSpec<Spec> = Spec extends OperationSpec<infer Request, infer _Result> ? Request : never
/** The result an operation's module declares. */
export type ResultOfSpec<Spec> = Spec extends OperationSpec<infer _Request, infer Result> ? Result : never

/**
 * Declares an operation: `defineOperation<Request, Result>()({ … })`. The
 * decoder must produce exactly `Request` and the encoder take exactly
 * `Result`; `state` keeps its literal type, so which operations change state
 * is known to the compiler. The audit rule must agree with it.
 */
export const defineOperation = <Request, Result>() =>
<const State extends StateEffect>(spec: OperationSpec<Request, Result, State>): OperationSpec<Request, Result, State> => {
  if (spec.audit.readOnly !== (spec.state === "reads")) throw new Error(`${spec.name}: its audit readOnly contradicts its state`)
  if ((spec.answer !== undefined) !== (spec.state === "changes")) throw new Error(`${spec.name}: only a state-changing operation declares its answer, and every one does`)
  Object.freeze(spec.audit)
  return Object.freeze(spec)
}
