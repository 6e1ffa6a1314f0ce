export interface Health {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  /** `pglite` (embedded) or `postgres`. */
  databaseKind: 'pglite' | 'postgres';
  version: string;
}
