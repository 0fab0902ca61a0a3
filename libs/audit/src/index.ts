export {
  AuditCheckpoint,
  genesisHash,
  StoredAuditCheckpoint,
  StoredAuditEntry,
  StoredAuditRecord
} from "./AuditEntry.ts"
export { type AuditFilter } from "./AuditFilter.ts"
export type { AuditError, AuditInput, AuditPrincipal } from "./AuditInput.ts"
export { AuditLog, type AuditLogStats, fileChainOptions, type SqliteAuditLogOptions } from "./AuditLog.ts"
export { AuditLogFailure } from "./AuditLogFailure.ts"
export {
  AuditIdentityType,
  AuditRecord,
  AuditResource,
  AuditUserIdentity,
  auditEventVersion
} from "./AuditRecord.ts"
export { auditRecordOf } from "./auditRecordOf.ts"
export { auditEntryHash, type ChainTip, type SealedAuditEntry } from "./auditChain.ts"
export { AuditSigner, generateAuditSigningKey, InvalidAuditSigningKey } from "./AuditSigner.ts"
export type { AuditStore, StoredChainEnd } from "./AuditStore.ts"
export { checkpointMessage } from "./checkpointMessage.ts"
export { type KeyLastUsage, keyUsageOperations } from "./KeyLastUsage.ts"
export { type AuditLogOptions, makeAuditLog } from "./makeAuditLog.ts"
export { makeMemoryAuditStore } from "./MemoryAuditStore.ts"
export { type AuditFile, openAuditFileReadOnly } from "./openAuditFileReadOnly.ts"
export { type OperationAuditRule, operationAuditRules } from "./operationAuditRules.ts"
export { makeSqliteAuditStore, type SqliteAuditStoreOptions } from "./SqliteAuditStore.ts"
export { verifyEntries } from "./verifyEntries.ts"
export type { VerifiedCheckpoint, VerifyAnchor, VerifyOptions, VerifyProblem, VerifyReport } from "./VerifyReport.ts"
export {
  auditChainFiles,
  type AuditTrail,
  combineReports,
  lastUsageAcross,
  openAuditChainsReadOnly,
  readAcross,
  type ChainReads,
  type TrailVerifyOptions
} from "./auditChains.ts"
export { AuditAnchor, anchorOf, anchorSignedBy, latestAnchors } from "./AuditAnchor.ts"
export { appendWitnessLine, auditWitnessFileName } from "./AuditWitness.ts"
export { type AuditIndex, auditIndexOf } from "./auditIndex.ts"
export { chainsAuditFile } from "./chainsAuditFile.ts"
