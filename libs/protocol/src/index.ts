export { classifyTarget, TARGET_PREFIX, type TargetClass } from "./classifyTarget.ts"
export { decodeRequest } from "./decodeRequest.ts"
export { encodeResponse } from "./encodeResponse.ts"
export { errorTable, errorToWire, GENERIC_INTERNAL_MESSAGE, type MappedErrorTag } from "./ErrorTable.ts"
export type * from "./RegionRequests.ts"
export type * from "./RegionResults.ts"
export { type RequestOf, type ResponseOf, type ServedOperation, servedOperations } from "./ServedOperation.ts"
export { notServed, serializationError, unknownOperation, type WireError } from "./WireError.ts"
export * from "./xks/index.ts"
export {
  fields,
  type FieldRule,
  listOf,
  type ListRule,
  type ObjectRule,
  type OperationAuditRule,
  renamed,
  type RenamedRule
} from "./auditRule.ts"
export { operations } from "./operationRegistry.ts"
export { defineOperation, type OperationSpec, type StateEffect } from "./OperationSpec.ts"
export { changesState, type ChangingOperation, isServedOperation, operationSpec } from "./ServedOperation.ts"
