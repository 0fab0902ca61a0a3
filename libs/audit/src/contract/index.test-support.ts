export { auditLogContract, type AuditLogOpener } from "./auditLogContract.test-support.ts"
