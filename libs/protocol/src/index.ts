export { classifyTarget, TARGET_PREFIX, type TargetClass } from "./classifyTarget.ts"
export { decodeRequest } from "./decodeRequest.ts"
export { encodeResponse } from "./encodeResponse.ts"
export {
  client,
  type CoreError,
  coreErrorTable,
  type Entry,
  type ErrorTableOf,
  errorToWireWith,
  fault,
  GENERIC_INTERNAL_MESSAGE,
  type TaggedErrorsOf,
  type TaggedFailure
} from "./ErrorTable.ts"
export { OperationNotServed, SerializationFailure, UnknownOperation } from "./ProtocolErrors.ts"
export type * from "./RegionRequests.ts"
export type * from "./RegionResults.ts"
export { type RequestOf, type ResponseOf, type ServedOperation, servedOperations } from "./ServedOperation.ts"
export type { WireError } from "./WireError.ts"
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
