export { AuditLogEntity, writeAudit, type AuditRecord } from './lib/audit-log';
