import { type DynamicModule, Module } from '@nestjs/common';
import { DataExportsController } from './data-exports.controller';
import { DataExportsService } from './data-exports.service';
import { PrivacyNotice } from './privacy-notice';
import { PrivacyNoticeController } from './privacy-notice.controller';
import { PRIVACY_OPTIONS, type PrivacyOptions } from './privacy.options';

/**
 * A person's rights over their data: the privacy notice (`GET /privacy`) and "download my data"
 * (`/me/data-exports`, table privacy_data_exports, SQL only). Reads every domain's rows about a
 * person through the register in person-data.ts, which a spec holds to the schema.
 */
@Module({})
export class PrivacyModule {
  static forRoot(options: PrivacyOptions): DynamicModule {
    return {
      module: PrivacyModule,
      controllers: [PrivacyNoticeController, DataExportsController],
      providers: [{ provide: PRIVACY_OPTIONS, useValue: options }, PrivacyNotice, DataExportsService],
      exports: [DataExportsService],
    };
  }
}
