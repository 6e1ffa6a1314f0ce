export { PrivacyModule } from './lib/privacy.module';
export type { PrivacyOptions, RetentionOptions } from './lib/privacy.options';
export { DataExportsService, DATA_EXPORT_QUEUE } from './lib/data-exports.service';
export {
  ErasureService,
  ERASED_NAME,
  ERASURE_DUE_QUEUE,
  ERASURE_REVOCATION_REASON,
} from './lib/erasure.service';
export { RetentionService, RETENTION_QUEUE, type RetentionReport } from './lib/retention.service';
export { PERSON_COLUMNS, PERSON_COLUMN_NAME, NOT_PERSON_COLUMNS, type PersonColumn } from './lib/person-data';
export { ConsentsService } from './lib/consent/consents.service';
