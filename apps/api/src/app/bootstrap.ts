import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { seedDemoData } from '@tc/demo/api';
import { dataSourceOptions } from '../database/data-source-options';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../database/embedded-postgres';
import { runMigrationsExclusively } from '../database/run-migrations';
import { registerApiPlugins } from './api-plugins';
import { AppModule } from './app.module';
import type { AppConfig } from './config';
import { CountFolder } from './count-folder';
import { createHttpAdapter, hardenHttp } from './http-hardening';
import { createRootLogger, PinoNestLogger } from './logging';
import { serveOpenApi } from './openapi';
import { createLifecycle, type ShutdownOptions, type ShutdownReport } from './shutdown';
import { serveWebApp } from './static-files';

export { API_PREFIX } from './api-plugins';
export type { ShutdownOptions, ShutdownReport } from './shutdown';

export interface RunningApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  embedded: EmbeddedPostgres | null;
  /** Closes at once: no new request, nothing waited for beyond Nest's own close. */
  close(): Promise<void>;
  /**
   * The SIGTERM path: readiness turns 503, (after `drainMs`) the port closes and idle keep-alive
   * connections with it, in-flight requests finish (up to `graceMs`, then their connections are cut),
   * then the database closes (the embedded one's socket server, data folder and lock file included).
   */
  shutdown(options: ShutdownOptions): Promise<ShutdownReport>;
  /**
   * Applies the pending count deltas to the counters and rollups now, after any fold in progress
   * (the folder does it every 2 seconds by itself).
   */
  fold(): Promise<void>;
}

/**
 * Pending migrations, applied before the app is built, on a data source of their own: on PostgreSQL under
 * an advisory lock, so replicas starting together take turns (see run-migrations.ts).
 */
async function migrate(url: string, config: AppConfig, log: (message: string) => void): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url, config.database.kind));
  await dataSource.initialize();
  try {
    const run = await runMigrationsExclusively(dataSource, config.database.kind, log);
    if (run.applied.length) log(`Applied ${run.applied.length} migration(s): ${run.applied.join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
}

export interface CreateAppOptions {
  /** `false`: nothing logged (the specs' default). */
  logger?: boolean;
  /** Where the JSON log lines go instead of stdout (a spec reading them). */
  logDestination?: DestinationStream;
}

/**
 * Builds the whole platform: database (embedded or PostgreSQL), migrations, demo data, API, web app.
 *
 * The steps run in this order, and the order matters:
 * 1. the database, then its migrations, before the app exists: Nest's modules and the demo data
 *    expect the current schema, and the embedded database serves one connection at a time, so the
 *    migrations' connection must be gone (`whenFree`) before the app's pool opens;
 * 2. the Nest app on a Fastify adapter (http-hardening.ts: body limit, request ids), its logger;
 * 3. the lifecycle (shutdown.ts), made before the hooks because one of them reads `isStopping`;
 * 4. the request hooks and parsers (http-hardening.ts), then the plugins, the `/api/v1` prefix and the
 *    validation pipe (api-plugins.ts): Fastify runs hooks of one kind in the order they were added,
 *    so the answer headers go on before compression runs;
 * 5. the web app's files and the page fallback (static-files.ts), then the OpenAPI document
 *    (openapi.ts), which needs the prefix set;
 * 6. `app.init()`, which registers the routes with all of the above in place (and starts the count
 *    folder, count-folder.ts), then the demo data (through the app's own services), folded at once.
 */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<RunningApp> {
  const embedded =
    config.database.kind === 'pglite' ? await startEmbeddedPostgres(config.database.dataDir) : null;
  const databaseUrl = embedded ? embedded.url : (config.database as { url: string }).url;
  let app: NestFastifyApplication | undefined;
  try {
    const log = createRootLogger(
      options.logger === false ? 'silent' : config.logLevel,
      options.logDestination,
    );
    await migrate(databaseUrl, config, (m) => log.info({ context: 'Migrations' }, m));
    await embedded?.whenFree();
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config, databaseUrl, config.database.kind),
      createHttpAdapter(config),
      {
        bufferLogs: true,
        abortOnError: false,
        // JSON only, through the bounded parser installed by `hardenHttp` (Nest's would also take
        // URL-encoded forms, whose keys no bound would count).
        bodyParser: false,
        logger: options.logger === false ? false : undefined,
      },
    );
    if (options.logger !== false) {
      app.useLogger(new PinoNestLogger(log));
      // What Nest said while starting goes out now, not at `listen` (an app driven by `inject` never listens).
      app.flushLogs();
    }
    const lifecycle = createLifecycle(app, embedded);
    hardenHttp(app, config, log, lifecycle.isStopping);
    await registerApiPlugins(app, config);
    await serveWebApp(app, config);
    serveOpenApi(app);

    await app.init();

    const dataSource = app.get<DataSource>(getDataSourceToken());
    // Integration specs build their own cohorts and count them: no demo cohort there.
    if (config.demoSeed) await seedDemoData(app, { learning: config.nodeEnv !== 'test' });
    // The demo data counted in the observatory before the first request, not at the folder's next turn.
    const folder = app.get(CountFolder);
    await folder.foldNow();

    return {
      app,
      dataSource,
      embedded,
      close: lifecycle.close,
      shutdown: lifecycle.shutdown,
      fold: async () => void (await folder.foldNow()),
    };
  } catch (error) {
    // A start that failed half-way closes what it opened (the pool, the job queue, the timers), so
    // that a caller who catches the error is left with no connection and nothing keeping it alive.
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
