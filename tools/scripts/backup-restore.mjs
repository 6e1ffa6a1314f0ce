#!/usr/bin/env node
// Backup and restore, tested end to end. Usage:
//
//   node tools/scripts/backup-restore.mjs postgres [--source URL] [--seed] [--file F.dump] [--keep]
//     pg_dump (custom format) of the source database (--source, else DATABASE_URL), pg_restore into a
//     fresh database beside it, then row counts (and a checksum) of every table and the list of applied
//     migrations compared. --seed: the source is a fresh database on the server of --source (default the
//     machine's PostgreSQL), filled with the demo data by the built API (`npx nx build api` first), which
//     is then stopped with SIGTERM. Scratch databases are dropped unless --keep.
//
//   node tools/scripts/backup-restore.mjs pglite --data-dir DIR [--file F.tar.gz] [--seed] [--keep]
//     The embedded database: the API must be stopped (its lock file says so). The folder is archived with
//     tar, extracted into a fresh folder, and both are opened with PGlite and compared the same way.
//     --seed: DIR is a fresh folder filled by the built API first.
//
// Exit 0 when the restored copy matches; 1 on any difference or error.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const MAIN = resolve(process.env.API_MAIN ?? 'dist/apps/api/apps/api/src/main.js');
const args = process.argv.slice(2);
const mode = args[0];
const flag = (name) => args.includes(`--${name}`);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

function run(command, commandArgs) {
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${commandArgs.join(' ')} failed (${result.status}):\n${result.stderr || result.stdout}`,
    );
  }
  return Date.now() - started;
}

async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** Starts the built API on the database given in `env` (demo data on), waits until ready, stops it with SIGTERM. */
async function seedWithApi(env) {
  if (!existsSync(MAIN)) throw new Error(`No API build at ${MAIN}: run \`npx nx build api\` first.`);
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      ...env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((ok) => child.once('exit', (code) => ok(code)));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API stopped before it was ready:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() - started > 300_000) {
      child.kill('SIGKILL');
      throw new Error(`the API was not ready after 300 s:\n${output}`);
    }
    await new Promise((ok) => setTimeout(ok, 250));
  }
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`the API exited with ${code} after SIGTERM:\n${output}`);
  console.log(
    `seeded the demo data with the built API in ${Date.now() - started} ms (stopped with SIGTERM, exit 0)`,
  );
}

/** Every table outside the system schemas, with its row count and a checksum of its rows. */
async function inventory(query) {
  const tables = await query(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1`,
  );
  const result = new Map();
  for (const { name } of tables) {
    const [row] = await query(
      `SELECT count(*)::bigint::text AS n, coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '-') AS sum FROM ${name} t`,
    );
    result.set(name, { rows: row.n, sum: row.sum });
  }
  const migrations = result.has('public.migrations')
    ? (await query(`SELECT name FROM migrations ORDER BY id`)).map((r) => r.name)
    : [];
  return { tables: result, migrations };
}

/** Prints both inventories side by side; returns the number of differences. */
function compare(source, restored) {
  const names = [...new Set([...source.tables.keys(), ...restored.tables.keys()])].sort();
  let differences = 0;
  const width = Math.max(...names.map((n) => n.length), 5);
  console.log(`${'table'.padEnd(width)}  ${'source'.padStart(9)}  ${'restored'.padStart(9)}  checksum`);
  for (const name of names) {
    const a = source.tables.get(name);
    const b = restored.tables.get(name);
    const same = a && b && a.rows === b.rows && a.sum === b.sum;
    if (!same) differences++;
    console.log(
      `${name.padEnd(width)}  ${(a?.rows ?? 'missing').padStart(9)}  ${(b?.rows ?? 'missing').padStart(9)}  ${same ? 'same' : 'DIFFERENT'}`,
    );
  }
  const sameMigrations = JSON.stringify(source.migrations) === JSON.stringify(restored.migrations);
  if (!sameMigrations) differences++;
  console.log(
    `migrations applied: ${source.migrations.length} in the source, ${restored.migrations.length} restored, ${sameMigrations ? 'the same list' : 'DIFFERENT'}`,
  );
  if (!names.length) {
    console.log('no table at all: nothing was compared');
    differences++;
  }
  return differences;
}

async function postgres() {
  const sourceArg = option('source') ?? process.env.DATABASE_URL;
  const server = new URL(sourceArg ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const scratch = [];
  const createDatabase = async (name) => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    scratch.push(name);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const suffix = randomBytes(4).toString('hex');
  let source = sourceArg;
  const work = mkdtempSync(join(tmpdir(), 'tc-backup-'));
  const file = resolve(option('file') ?? join(work, 'backup.dump'));
  try {
    if (flag('seed')) {
      source = await createDatabase(`tc_backup_src_${suffix}`);
      await seedWithApi({ DATABASE_URL: source });
    }
    if (!source) throw new Error('give --source postgresql://… (or DATABASE_URL), or --seed');
    const dumpMs = run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${source}`]);
    console.log(
      `pg_dump --format=custom: ${file}, ${(statSync(file).size / 1024).toFixed(0)} kB in ${dumpMs} ms`,
    );
    const target = await createDatabase(`tc_backup_restore_${suffix}`);
    const restoreMs = run('pg_restore', [
      '--no-owner',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${target}`,
      file,
    ]);
    console.log(`pg_restore into ${new URL(target).pathname.slice(1)} in ${restoreMs} ms`);

    const inventoryOf = async (url) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return await inventory(async (sql) => (await c.query(sql)).rows);
      } finally {
        await c.end();
      }
    };
    return compare(await inventoryOf(source), await inventoryOf(target));
  } finally {
    if (!flag('keep')) {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      for (const name of scratch) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(work, { recursive: true, force: true });
    } else {
      console.log(`kept: ${scratch.join(', ') || 'no scratch database'}; ${file}`);
    }
  }
}

async function pglite() {
  const dirArg = option('data-dir');
  if (!dirArg && !flag('seed')) throw new Error('give --data-dir DIR (the API stopped), or --seed');
  const work = mkdtempSync(join(tmpdir(), 'tc-backup-'));
  const dataDir = resolve(dirArg ?? join(work, 'data'));
  const file = resolve(option('file') ?? join(work, 'backup.tar.gz'));
  const restoredDir = join(work, 'restored');
  try {
    if (flag('seed')) await seedWithApi({ DATA_DIR: dataDir });
    const lock = join(dataDir, 'tc.lock');
    if (existsSync(lock)) {
      const pid = Number(readFileSync(lock, 'utf8'));
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (error) {
        alive = error.code === 'EPERM';
      }
      if (alive)
        throw new Error(`process ${pid} is using ${dataDir}: stop the API first (SIGTERM), then back up`);
    }
    const tarMs = run('tar', ['-czf', file, '-C', dataDir, '--exclude=./tc.lock', '.']);
    console.log(`tar -czf: ${file}, ${(statSync(file).size / 1024).toFixed(0)} kB in ${tarMs} ms`);
    run('mkdir', ['-p', restoredDir]);
    const untarMs = run('tar', ['-xzf', file, '-C', restoredDir]);
    console.log(`tar -xzf into ${restoredDir} in ${untarMs} ms`);

    const { PGlite } = await import('@electric-sql/pglite');
    const inventoryOf = async (dir) => {
      const db = await PGlite.create(join(dir, 'pglite'));
      try {
        return await inventory(async (sql) => (await db.query(sql)).rows);
      } finally {
        await db.close();
      }
    };
    return compare(await inventoryOf(dataDir), await inventoryOf(restoredDir));
  } finally {
    if (!flag('keep')) rmSync(work, { recursive: true, force: true });
    else console.log(`kept: ${work}`);
  }
}

try {
  if (mode !== 'postgres' && mode !== 'pglite') {
    throw new Error(
      'usage: backup-restore.mjs postgres [--source URL | --seed] … | pglite --data-dir DIR [--seed] …',
    );
  }
  const differences = mode === 'postgres' ? await postgres() : await pglite();
  if (differences) {
    console.error(`FAILED: ${differences} difference(s) between the source and its restored copy`);
    process.exit(1);
  }
  console.log('OK: the restored copy has the same rows in every table and the same migrations');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
