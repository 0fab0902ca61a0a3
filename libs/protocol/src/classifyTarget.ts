import { Operations } from "@trent/domain"
import { isServedOperation, type ServedOperation } from "./ServedOperation.ts"

/** `X-Amz-Target: TrentService.<Operation>` (aws-kms-api.md §1.1); names are case-sensitive. */
export const TARGET_PREFIX = "TrentService."

export type TargetClass =
  | { readonly _tag: "Served"; readonly operation: ServedOperation }
  | { readonly _tag: "NotServed"; readonly operation: string }
  | { readonly _tag: "Unknown" }

const unknown: TargetClass = { _tag: "Unknown" }
const modelOperations: ReadonlyArray<string> = Operations

/**
 * Served → decode and call the Region; NotServed → UnsupportedOperationException
 * (a real KMS operation Trent lacks); Unknown → UnknownOperationException
 * (missing header, another service's prefix, or a name the model does not have).
 */
export const classifyTarget = (target: string | undefined): TargetClass => {
  if (target === undefined || !target.startsWith(TARGET_PREFIX)) return unknown
  const operation = target.slice(TARGET_PREFIX.length)
  if (isServedOperation(operation)) return { _tag: "Served", operation }
  if (modelOperations.includes(operation)) return { _tag: "NotServed", operation }
  return unknown
}
