// Jest global teardown for the API's specs: drops this run's template databases (PostgreSQL) and
// data folders (PGlite), which test-app.ts named `tc_tpl_<run>_…` and `<tmp>/tc-tpl-<run>-…`.
const { readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');

module.exports = async function tearDownTestRun() {
  const run = process.env.TC_TEST_RUN;
  if (!run || !/^[a-f0-9]+$/.test(run)) return;
  for (const entry of readdirSync(tmpdir())) {
    if (entry.startsWith(`tc-tpl-${run}-`)) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
  }
  const client = new Client({
    connectionString: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    connectionTimeoutMillis: 1500,
  });
  try {
    await client.connect();
  } catch {
    return; // no PostgreSQL here: the run made no template there
  }
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `tc\\_tpl\\_${run}\\_%`,
    ]);
    for (const { datname } of rows) {
      await client.query(`ALTER DATABASE ${datname} WITH IS_TEMPLATE false`);
      await client.query(`DROP DATABASE ${datname} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
};
