import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EmbeddedPostgres } from '../database/embedded-postgres';
import { HealthController } from './health.controller';

export interface ShutdownOptions {
  /** How long readiness says 503 while the port still takes requests (a load balancer's notice), ms. */
  drainMs: number;
  /** How long in-flight requests may still run once the port is closed, ms; then their connections are cut. */
  graceMs: number;
}

export interface ShutdownReport {
  /** Whether the grace period ran out and connections with requests still running were closed. */
  cut: boolean;
  ms: number;
}

export interface Lifecycle {
  /** True from the start of `shutdown`: answers then close their keep-alive connection (an `onSend` hook). */
  isStopping(): boolean;
  /** Closes at once: no new request, nothing waited for beyond Nest's own close. */
  close(): Promise<void>;
  /** The SIGTERM path (see `RunningApp.shutdown`). */
  shutdown(options: ShutdownOptions): Promise<ShutdownReport>;
}

/**
 * How the app stops: `close` at once (specs, a failed start), or `shutdown`, which turns readiness 503,
 * waits `drainMs` while the port still answers, then closes the port and waits for requests in flight
 * up to `graceMs` (then cuts their connections), then the database. Made as soon as the app exists,
 * before the hooks that read `isStopping`; nothing here runs until one of them is called.
 */
export function createLifecycle(app: NestFastifyApplication, embedded: EmbeddedPostgres | null): Lifecycle {
  const fastify = app.getHttpAdapter().getInstance();
  let stopping = false;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await embedded?.stop();
  };
  return {
    isStopping: () => stopping,
    close,
    async shutdown({ drainMs, graceMs }) {
      const started = Date.now();
      stopping = true;
      app.get(HealthController).beginShutdown();
      if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
      let cut = false;
      const deadline = setTimeout(() => {
        cut = true;
        fastify.server.closeAllConnections();
      }, graceMs);
      try {
        // Fastify's close stops listening, closes idle connections and waits for the active ones;
        // after it, Nest's shutdown hooks close the database pool.
        await close();
      } finally {
        clearTimeout(deadline);
      }
      return { cut, ms: Date.now() - started };
    },
  };
}
