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
  // SIGTERM (a container stop, systemd) or SIGINT (Ctrl-C): finish what is running, close the database,
  // exit 0. A second signal during the shutdown stops the process at once (the default action).
  const stop = async (signal: NodeJS.Signals) => {
    console.log(
      `${signal}: shutting down (readiness 503; draining ${config.shutdown.drainMs} ms, then up to ${config.shutdown.graceMs} ms for requests in flight).`,
    );
    try {
      const { cut, ms } = await running.shutdown(config.shutdown);
      console.log(
        cut
          ? `Stopped in ${ms} ms: the grace period ran out, requests still running were cut off.`
          : `Stopped in ${ms} ms: every request in flight finished, database closed.`,
      );
      process.exit(0);
    } catch (error) {
      console.error('Shutdown failed:', error);
      process.exit(1);
    }
  };
  process.once('SIGINT', (signal) => void stop(signal));
  process.once('SIGTERM', (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
