export * from "./Replication.ts"
export * from "./ReplicationPeers.ts"
