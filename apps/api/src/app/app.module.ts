import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { CatalogModule } from '@tc/catalog/api';
import { CohortsModule } from '@tc/cohorts/api';
import { LearningModule } from '@tc/learning/api';
import { ObservatoryModule } from '@tc/observatory/api';
import { IdentityModule } from '@tc/identity/api';
import { TerritoriesModule } from '@tc/territories/api';
import { dataSourceOptions, type DatabaseKind } from '../database/data-source-options';
import type { AppConfig } from './config';
import { HealthController } from './health.controller';
import { DATABASE_KIND } from './tokens';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, kind: DatabaseKind): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Fastify names each request (x-request-id when the proxy sent one); pino logs the same id.
            genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
            // A request is logged as its id, method and URL, an answer as its status: no headers at all
            // (tokens, cookies, addresses stay out of the logs), and nothing to redact — pino-http
            // serialises these bindings for every request, even when nothing is logged.
            serializers: {
              req: (req: { id?: string; method?: string; url?: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging:
              config.logLevel === 'silent'
                ? false
                : { ignore: (req) => req.url?.startsWith('/api/health') === true },
          },
        }),
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
        CatalogModule.forRoot({ mediaDir: config.mediaDir, maxUploadBytes: config.maxUploadBytes }),
        CohortsModule,
        LearningModule.forRoot({ publicUrl: config.publicUrl }),
        ObservatoryModule.forRoot({ k: config.observatoryK }),
      ],
      controllers: [HealthController],
      providers: [{ provide: DATABASE_KIND, useValue: kind }],
    };
  }
}
