// Public surface of the audit trail: append and read the JSONL log, and the facts a record holds.
export {
  appendAuditRecord,
  readAuditLog,
  defaultAuditLogFile,
  DEFAULT_AUDIT_LOG,
  type AppendAuditRecordOptions,
  type AuditLog,
  type AuditLogProblem,
} from './audit-log.js';
export {
  auditRecordSchema,
  AUDIT_SCHEMA_VERSION,
  type AuditRecord,
  type AuditRecordInput,
  type AuditActor,
} from './audit-record.js';
export { resolveAuditActor } from './audit-actor.js';
export { configHash, canonicalJson, type ConfigHashOptions } from './config-hash.js';
export { redactStrings } from './redact-record.js';
export { AuditErrorCode } from './audit-errors.js';
