import type { DataSourceOptions } from 'typeorm';
import { AUDIT_ENTITIES } from '@tc/audit/api';
import { CATALOG_ENTITIES } from '@tc/catalog/api';
import { COHORTS_ENTITIES } from '@tc/cohorts/api';
import { IDENTITY_ENTITIES } from '@tc/identity/api';
import { LEARNING_ENTITIES } from '@tc/learning/api';
import { TerritoryEntity } from '@tc/territories/api';
import { MIGRATIONS } from '../migrations';

/** Every entity of every domain; each domain owns its own. */
export const ENTITIES = [
  TerritoryEntity,
  ...IDENTITY_ENTITIES,
  ...CATALOG_ENTITIES,
  ...COHORTS_ENTITIES,
  ...LEARNING_ENTITIES,
  ...AUDIT_ENTITIES,
];

export { MIGRATIONS };

export type DatabaseKind = 'pglite' | 'postgres';

export function dataSourceOptions(url: string, kind: DatabaseKind): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // PGlite's socket server serves one connection at a time: a bigger pool would be refused.
    extra: kind === 'pglite' ? { max: 1 } : { max: 10 },
  };
}
