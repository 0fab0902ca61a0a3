export { auditLogContract, type AuditLogOpener } from "./auditLogContract.ts"
