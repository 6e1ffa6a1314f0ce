/**
 * `npm run migration:run` and `npm run migration:generate -- <Name>`, on the configured database
 * (PGlite in DATA_DIR, or DATABASE_URL). The app also runs pending migrations when it starts.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../app/config';
import { dataSourceOptions } from './data-source-options';
import { startEmbeddedPostgres } from './embedded-postgres';
import { runMigrationsExclusively } from './run-migrations';

const MIGRATIONS_DIR = resolve(__dirname, '../../../../../apps/api/src/migrations');

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command !== 'run' && command !== 'generate' && command !== 'revert') {
    throw new Error('usage: migrate run | revert | generate <PascalCaseName>');
  }
  if (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
    throw new Error('generate needs a PascalCase name, e.g. `npm run migration:generate -- CreateCourses`');
  }
  const config = loadConfig();
  const embedded =
    config.database.kind === 'pglite' ? await startEmbeddedPostgres(config.database.dataDir) : null;
  const url = embedded?.url ?? (config.database as { url: string }).url;
  const dataSource = new DataSource(dataSourceOptions(url, config.database.kind));
  await dataSource.initialize();
  try {
    if (command === 'run') {
      // The same advisory lock as the app's start: safe beside running replicas.
      const { applied } = await runMigrationsExclusively(dataSource, config.database.kind, (m) =>
        console.log(m),
      );
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migration.');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    } else {
      if (await dataSource.showMigrations())
        throw new Error('Run the pending migrations first (npm run migration:run).');
      const sql = await dataSource.driver.createSchemaBuilder().log();
      if (!sql.upQueries.length) {
        console.log('Entities and database agree: nothing to generate.');
        return;
      }
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
      const up = sql.upQueries.map((q) => `    await q.query(\`${esc(q.query)}\`);`).join('\n');
      const down = sql.downQueries
        .reverse()
        .map((q) => `    await q.query(\`${esc(q.query)}\`);`)
        .join('\n');
      const file = `${timestamp}-${name}`;
      writeFileSync(
        join(MIGRATIONS_DIR, `${file}.ts`),
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
      );
      const indexPath = join(MIGRATIONS_DIR, 'index.ts');
      const index = readFileSync(indexPath, 'utf8')
        .replace(/(\nexport const MIGRATIONS)/, `import { ${className} } from './${file}';\n$1`)
        .replace(/,?\s*\];\s*$/, `, ${className}];\n`);
      writeFileSync(indexPath, index);
      console.log(
        `Wrote apps/api/src/migrations/${file}.ts (${sql.upQueries.length} statements) and listed it in migrations/index.ts. Read it before you commit.`,
      );
    }
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
