import { isServedOperation, type OperationAuditRule, operationSpec, type ServedOperation, servedOperations } from "@trent/protocol"
import { xksAuditRules } from "./xksAuditRules.ts"

export type { OperationAuditRule } from "@trent/protocol"

/**
 * How each KMS operation is recorded, as its own module declares it
 * (@trent/protocol operations/<Operation>.ts): CloudTrail's readOnly flag,
 * the allow-list of its requestParameters and responseElements, and the
 * additionalEventData drawn from its result.
 */
export const operationAuditRules: { readonly [Op in ServedOperation]: OperationAuditRule } = Object.freeze(
  Object.fromEntries(servedOperations.map((operation) => [operation, operationSpec(operation).audit]))
) as { readonly [Op in ServedOperation]: OperationAuditRule }

/** The rule of a KMS operation, or of a call to the XKS proxy surface ("XksProxy.Encrypt"). */
export const auditRuleOf = (operation: string): OperationAuditRule | undefined =>
  isServedOperation(operation)
    ? operationSpec(operation).audit
    : Object.hasOwn(xksAuditRules, operation)
    ? xksAuditRules[operation]
    : undefined
