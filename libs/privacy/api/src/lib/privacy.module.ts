import { type DynamicModule, Module } from '@nestjs/common';
import { ConsentsController } from './consent/consents.controller';
import { ConsentsService } from './consent/consents.service';
import { DataExportsController } from './data-exports.controller';
import { DataExportsService } from './data-exports.service';
import { ErasureController } from './erasure.controller';
import { ErasureService } from './erasure.service';
import { PrivacyNotice } from './privacy-notice';
import { PrivacyNoticeController } from './privacy-notice.controller';
import { RetentionService } from './retention.service';
import { PRIVACY_OPTIONS, type PrivacyOptions } from './privacy.options';

/**
 * A person's rights over their data: the privacy notice (`GET /privacy`), "download my data"
 * (`/me/data-exports`, table privacy_data_exports) and erasure (`/me/erasure-request`,
 * `/admin/users/:id/erase`, table privacy_erasure_requests) and the retention periods applied daily
 * (RetentionService, table privacy_inactivity_warnings); SQL only. Reads every domain's rows about
 * a person through the register in person-data.ts, which a spec holds to the schema. Consents
 * (`/me/consents`): where each stands, and withdrawing one.
 */
@Module({})
export class PrivacyModule {
  static forRoot(options: PrivacyOptions): DynamicModule {
    return {
      module: PrivacyModule,
      controllers: [PrivacyNoticeController, DataExportsController, ErasureController, ConsentsController],
      providers: [
        { provide: PRIVACY_OPTIONS, useValue: options },
        PrivacyNotice,
        DataExportsService,
        ErasureService,
        ConsentsService,
        RetentionService,
      ],
      exports: [DataExportsService, ErasureService, RetentionService],
    };
  }
}
