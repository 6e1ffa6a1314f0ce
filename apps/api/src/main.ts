import 'reflect-metadata';
import { createApp } from './app/bootstrap';
import { ConfigError, loadConfig } from './app/config';
import { DataDirLockedError } from './database/embedded-postgres';

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const running = await createApp(config);
  await running.app.listen(config.port, config.host);
  const where =
    config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  console.log(
    `Coaching territorial is ready at http://localhost:${config.port} (${where}, started in ${Date.now() - started} ms)`,
  );
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
