import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@tc/audit/api';
import { CatalogModule } from '@tc/catalog/api';
import { CohortsModule } from '@tc/cohorts/api';
import { CredentialsModule } from '@tc/credentials/api';
import { ConversationModule } from '@tc/conversation/api';
import { FieldworkModule } from '@tc/fieldwork/api';
import { LearningModule } from '@tc/learning/api';
import { EmailChannel, NotificationsModule, PushChannel, PushModule } from '@tc/notifications/api';
import { ObservatoryModule } from '@tc/observatory/api';
import { PracticeModule } from '@tc/practice/api';
import { PrivacyModule } from '@tc/privacy/api';
import { IdentityModule } from '@tc/identity/api';
import { TerritoriesModule } from '@tc/territories/api';
import { dataSourceOptions, type DatabaseKind } from '../database/data-source-options';
import type { AppConfig } from './config';
import { CountFolder } from './count-folder';
import { HealthController } from './health.controller';
import { HELP_INFO, HelpController } from './help.controller';
import { DATABASE_KIND } from './tokens';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, kind: DatabaseKind): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Migrations ran before (bootstrap: under an advisory lock, so replicas take turns).
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, kind)),
        TerritoriesModule,
        IdentityModule.forRoot({
          jwtSecret: config.jwtSecret,
          accessTokenTtl: config.accessTokenTtl,
          refreshTokenTtl: config.refreshTokenTtl,
          publicUrl: config.publicUrl,
          smtpUrl: config.smtpUrl,
          mailFrom: config.mailFrom,
          secureCookies: config.production,
          invitationTtlHours: 7 * 24,
          passwordResetTtlMinutes: 60,
          signInLimits: config.signInLimits,
          sessionTimeouts: config.sessionTimeouts,
          signInLockout: config.signInLockout,
        }),
        AuditModule,
        NotificationsModule.forRoot({
          pollingIntervalSeconds: config.jobPollSeconds,
          channelTypes: [EmailChannel, PushChannel],
          mail: { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, publicUrl: config.publicUrl },
        }),
        PushModule.forRoot(config.push),
        CatalogModule.forRoot({ mediaDir: config.mediaDir, maxUploadBytes: config.maxUploadBytes }),
        CohortsModule,
        CredentialsModule.forRoot(config.credentials),
        LearningModule.forRoot({ publicUrl: config.publicUrl, reminderScanCron: config.reminderScanCron }),
        ObservatoryModule.forRoot({ k: config.observatoryK }),
        PracticeModule.forRoot({ evidenceDir: config.evidenceDir, quotaBytes: config.evidenceQuotaBytes }),
        PrivacyModule.forRoot(config.privacy),
        ConversationModule,
        FieldworkModule,
      ],
      controllers: [HealthController, HelpController],
      providers: [
        { provide: DATABASE_KIND, useValue: kind },
        CountFolder,
        { provide: HELP_INFO, useValue: { contact: config.support, observatoryK: config.observatoryK } },
      ],
    };
  }
}
