export { prepareAppend, type AppendInput, type PreparedAppend, type PreparedEvent } from "./AppendInput.ts"
export { EventLog } from "./EventLog.ts"
export { EventLogFailure } from "./EventLogFailure.ts"
export { InvalidEventLogInput } from "./InvalidEventLogInput.ts"
export { Keyvault } from "./Keyvault.ts"
export { needsKeyId, needsWrappedKek } from "./keyvaultPreconditions.ts"
export { RootKey, type RootKeyOptions } from "./RootKey.ts"
export type { RootKeyApi } from "./RootKeyApi.ts"
export { softwareRootKey } from "./SoftwareRootKey.ts"
export { RootKeyError } from "./RootKeyError.ts"
export { SeqConflict } from "./SeqConflict.ts"
export type { EventLogReads } from "./SqliteEventReads.ts"
export type { SqliteEventLogOptions } from "./SqliteEventLog.ts"
export { openSqliteEventLogReader, type SqliteEventLogReaderOptions } from "./SqliteEventLogReader.ts"
export {
  makeSqliteReplica,
  type ReplicaAppend,
  type ReplicaCheckpoint,
  type ReplicaOutcome,
  type SqliteReplica,
  type SqliteReplicaOptions
} from "./SqliteReplica.ts"
export type { PendingEvent, ReplayedEvent, StoredEvent } from "./StoredEvent.ts"
export type { StreamState, StreamType } from "./StreamState.ts"
export { streamPrefixes, streamTypeOf, streamTypes } from "./StreamState.ts"
export { verifyStreamChain, type ChainVerdict } from "./verifyStreamChain.ts"
export { claimWriterSlot, holdLock, slotFileName, type WriterSlot } from "./WriterSlot.ts"
