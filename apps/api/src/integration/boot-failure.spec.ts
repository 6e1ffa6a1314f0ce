import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ADMIN_URL, databaseUrl } from '@tc/shared/testing';
import { createApp } from '../app/bootstrap';
import { loadConfig } from '../app/config';

/**
 * A start that fails after the database is open (here: the web build's index.html is a folder, read
 * once the app and its pool exist) gives its error and leaves nothing open behind: no connection,
 * no embedded database holding its data folder. A test runner or a supervisor that catches the error
 * is not kept alive by a half-started app.
 */
describe('a start that fails half-way', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tc-boot-failure-'));
  const brokenWeb = join(scratch, 'web');
  mkdirSync(join(brokenWeb, 'index.html'), { recursive: true });
  const base = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://academy.test',
    DEMO_SEED: 'false',
  };

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('on PostgreSQL, leaves no connection to the database', async () => {
    const name = `tc_test_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      const config = loadConfig({ ...base, DATABASE_URL: databaseUrl(name), WEB_DIST: brokenWeb });
      await expect(createApp(config, { logger: false })).rejects.toThrow(/EISDIR/);
      const open = await admin.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      expect(open.rows[0]?.n).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('on the embedded database, lets the next start open the same data folder', async () => {
    const dataDir = join(scratch, 'data');
    await expect(
      createApp(loadConfig({ ...base, DATA_DIR: dataDir, WEB_DIST: brokenWeb }), { logger: false }),
    ).rejects.toThrow(/EISDIR/);
    const running = await createApp(
      loadConfig({ ...base, DATA_DIR: dataDir, WEB_DIST: join(scratch, 'no-web') }),
      { logger: false },
    );
    try {
      const health = await running.app.getHttpAdapter().getInstance().inject({ url: '/api/health' });
      expect(health.json()).toMatchObject({ status: 'ok', databaseKind: 'pglite' });
    } finally {
      await running.close();
    }
  });
});
