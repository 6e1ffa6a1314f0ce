/** `GET /api/health/ready` (and its alias `GET /api/health`): 200 when ready for traffic, else 503 saying why. */
export interface Health {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  /** `pglite` (embedded) or `postgres`. */
  databaseKind: 'pglite' | 'postgres';
  /** Whether every migration of this build is applied; `unknown` when the database does not answer. */
  migrations: 'applied' | 'pending' | 'unknown';
  /** Names of this build's migrations the database has not applied (empty when applied or unknown). */
  pendingMigrations: string[];
  /** True from the moment the process received SIGTERM/SIGINT: it is finishing its requests and stopping. */
  shuttingDown: boolean;
  version: string;
}

/** `GET /api/health/live`: the process is up and its event loop answers (no database call). */
export interface Liveness {
  status: 'ok';
  /** Seconds since the process started. */
  uptime: number;
  shuttingDown: boolean;
}
