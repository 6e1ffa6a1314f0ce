import { AuditLogEntity } from './lib/audit-log';

export { AuditLogEntity, writeAudit, type AuditRecord } from './lib/audit-log';
export { auditAppendSql } from './lib/audit-append';
export {
  recordConsent,
  consentHistory,
  consentGiven,
  type ConsentChange,
  type ConsentSubject,
} from './lib/consent/consent-records';
export {
  CONSENT_WORDINGS,
  consentWordingKey,
  currentConsentWording,
  type ConsentWording,
} from './lib/consent/consent-wordings';
export { AuditModule } from './lib/audit.module';
export {
  AuditLabelsProvider,
  AuditTerritoryScopeProvider,
  labelsFrom,
  uuidsAmong,
  type AuditSubjectLabels,
  type AuditTerritoryScope,
} from './lib/audit-contributions';

/** The tables this domain owns, for the app's data source. */
export const AUDIT_ENTITIES = [AuditLogEntity];
