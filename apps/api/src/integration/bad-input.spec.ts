import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { Role } from '@tc/shared/contracts';
import { BOUNDS_DETAIL, MAX_LISTED_ERRORS, PUBLIC_ROUTE, ROUTE_ROLES, SIGNED_IN } from '@tc/shared/api';
import type { DataSource } from 'typeorm';
import { fuzzCases, operationsOf, type FuzzCase, type OpenApiDocument } from '../testing/openapi-fuzz';
import { OpenApiResponseChecker } from '../testing/openapi-responses';
import { createTestApp, type TestApp } from '../testing/test-app';

/**
 * Bad input: at least 10,000 invalid or hostile requests generated from the OpenAPI document,
 * sent in-process (Fastify inject) with the credentials of a role that may call each route (so validation,
 * not only authorisation, is exercised), and some anonymously or with a broken token. Zero 5xx; every
 * error is problem+json; validation problems name the field at fault; the database is unchanged.
 */

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261129);
const PER_OPERATION = Number(process.env['FUZZ_PER_OPERATION'] ?? 200);
const CONCURRENCY = 4;

/** Operations that answer a POST without changing anything: a 2xx there is no write. */
const READ_ONLY_WRITES = new Set([
  'CatalogController_render', // markdown preview
  'AuthController_signOut', // no session to end: 204, nothing stored
]);
// And the CSV import with ?dryRun=true, which reports what it would do.

interface Snapshot {
  [table: string]: { rows: number; checksum: string };
}

/** Row count and a checksum of every row of every table. */
async function snapshot(dataSource: DataSource): Promise<Snapshot> {
  const tables = (await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )) as { name: string }[];
  const out: Snapshot = {};
  for (const { name } of tables) {
    const [row] = (await dataSource.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS checksum
         FROM "${name}" t`,
    )) as { rows: number; checksum: string }[];
    out[name] = row as { rows: number; checksum: string };
  }
  return out;
}

type Access = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'roles'; roles: Role[] };

/** Who may call each handler, by the operationId @nestjs/swagger gives it (`Controller_method`). */
function accessByOperation(t: TestApp): Map<string, Access> {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = t.app.get(Reflector);
  const out = new Map<string, Access>();
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object;
    const proto = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = (proto as Record<string, unknown>)[name] as () => unknown;
      const targets = [handler, instance.constructor];
      const id = `${instance.constructor.name}_${name}`;
      if (reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) out.set(id, { kind: 'public' });
      else if (reflector.getAllAndOverride<boolean>(SIGNED_IN, targets)) out.set(id, { kind: 'signed-in' });
      else {
        const roles = reflector.getAllAndOverride<Role[]>(ROUTE_ROLES, targets);
        if (roles) out.set(id, { kind: 'roles', roles });
      }
    }
  }
  return out;
}

/** Whether a problem names the expected field (or a field inside it). */
function namesField(errors: unknown, field: string): boolean {
  return (
    Array.isArray(errors) &&
    errors.some((e: { field?: unknown }) => {
      const name = typeof e.field === 'string' ? e.field : '';
      return name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`);
    })
  );
}

/** Operations that count each person's tries before anything else (join codes: ten in 15 minutes). */
const THROTTLED_PER_PERSON = new Set(['CohortsController_join', 'CredentialsController_verify']);

describe('bad input: invalid and hostile requests generated from the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  const tokens: Partial<Record<Role, string>> = {};
  let cohortId: string;

  beforeAll(async () => {
    // PostgreSQL only, whatever TEST_DB says: PGlite serves the app one connection through its socket,
    // and on this 2-core machine its start alone (initdb, migrations, demo data) overran the hook's
    // timeout while other suites ran; the run of 15,000 requests was not measured there.
    t = await createTestApp({}, 'postgres');
    doc = (await t.request('GET', '/api/docs-json')).body as OpenApiDocument;
    for (const role of ['admin', 'trainer', 'coach', 'observer'] as const)
      tokens[role] = (await t.signIn(`${role}@example.org`)).accessToken;
    // A real cohort, so the CSV import parses the malformed files instead of answering 404.
    const courses = await t.request('GET', '/api/v1/courses', { token: tokens.trainer });
    const courseId = (courses.body as { id: string; slug: string }[]).find(
      (c) => c.slug === 'numerique-territoires-ess',
    )?.id;
    const [territory] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    const cohort = await t.request('POST', '/api/v1/cohorts', {
      token: tokens.trainer,
      body: {
        name: 'Fuzz',
        courseId,
        courseVersion: 1,
        territoryId: territory?.id,
        startsOn: '2027-01-10',
        endsOn: '2027-03-31',
      },
    });
    expect(cohort.status).toBe(201);
    cohortId = (cohort.body as { id: string }).id;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  /** The bugs the fuzzer found, each as it was first seen (before the fix: the status in the comment). */
  it('regressions: what the generated requests found', async () => {
    const problem = async (
      method: string,
      url: string,
      options: { body?: unknown; token?: string; headers?: Record<string, string> },
    ) => {
      const res = await t.request(method, url, options);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return {
        status: res.status,
        fields: ((res.body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field),
      };
    };
    const json = { 'content-type': 'application/json' };
    const someId = '0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b';
    // Nesting deeper than the validators' recursion: was a 500.
    await expect(
      problem('PATCH', `/api/v1/courses/${someId}/modules/${someId}`, {
        token: tokens.trainer,
        headers: json,
        body: '['.repeat(5000) + ']'.repeat(5000),
      }),
    ).resolves.toEqual({ status: 400, fields: ['[0]'.repeat(32)] });
    await expect(
      problem('PATCH', '/api/v1/me', {
        token: tokens.coach,
        headers: json,
        body: '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
      }),
    ).resolves.toEqual({ status: 400, fields: [Array.from({ length: 32 }, () => 'a').join('.')] });
    // A text/plain body on a JSON route reached the service as a string: was a 200.
    await expect(
      problem('PATCH', '/api/v1/me', {
        token: tokens.coach,
        headers: { 'content-type': 'text/plain' },
        body: 'displayName=x',
      }),
    ).resolves.toEqual({ status: 400, fields: ['body'] });
    // A required nested object absent, or an array: passed validation (422/409/404 from the service).
    const [territory] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    await expect(
      problem('POST', '/api/v1/territories', {
        token: tokens.admin,
        body: { parentId: territory?.id, level: 'province' },
      }),
    ).resolves.toEqual({ status: 400, fields: ['name'] });
    await expect(
      problem('POST', '/api/v1/territories', {
        token: tokens.admin,
        body: { parentId: territory?.id, level: 'province', name: [] },
      }),
    ).resolves.toEqual({ status: 400, fields: ['name'] });
    await expect(
      problem('POST', '/api/v1/courses', {
        token: tokens.trainer,
        body: { slug: 'no-title', defaultLocale: 'fr', locales: ['fr'] },
      }),
    ).resolves.toEqual({ status: 400, fields: ['title'] });
    // Malformed percent-encoding and over-long path parameters: were plain JSON from Fastify's router.
    await expect(problem('GET', '/api/v1/users/%E0%A4%A', { token: tokens.admin })).resolves.toEqual({
      status: 400,
      fields: ['path'],
    });
    await expect(
      problem('GET', `/api/v1/courses/${'a'.repeat(300)}`, { token: tokens.trainer }),
    ).resolves.toEqual({
      status: 414,
      fields: ['path'],
    });
    // NUL in a path parameter and a query string (PostgreSQL refuses it in text).
    await expect(problem('GET', '/api/v1/certificates/abc%00def', {})).resolves.toEqual({
      status: 400,
      fields: ['code'],
    });
    await expect(problem('GET', '/api/v1/users?q=a%00b', { token: tokens.admin })).resolves.toEqual({
      status: 400,
      fields: ['q'],
    });
    // A lone surrogate where an e-mail is expected: validator.js's isEmail threw, a 500.
    await expect(
      problem('POST', '/api/v1/auth/password-reset', { headers: json, body: '{"email":"\\ud800"}' }),
    ).resolves.toEqual({ status: 400, fields: ['email'] });
    // A multipart body without a boundary on the upload: the parser threw, a 500.
    await expect(
      problem('POST', '/api/v1/media', {
        token: tokens.trainer,
        headers: { 'content-type': 'multipart/form-data' },
        body: 'x',
      }),
    ).resolves.toEqual({ status: 400, fields: ['file'] });
    // A multipart body on a JSON route was left unparsed and taken as an empty update: a 200.
    await expect(
      problem('PATCH', `/api/v1/cohorts/${cohortId}`, {
        token: tokens.trainer,
        headers: { 'content-type': 'multipart/form-data; boundary=----x' },
        body: '------x--\r\n',
      }),
    ).resolves.toEqual({ status: 400, fields: ['body'] });
    // 100,000 keys, before sign-in: held the event loop ~15 s and answered 5.6 MB (one entry per key).
    const manyKeys = JSON.stringify(
      Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, 1])),
    );
    await expect(problem('POST', '/api/v1/auth/sign-in', { headers: json, body: manyKeys })).resolves.toEqual(
      { status: 400, fields: ['body'] },
    );
    await expect(
      problem('PUT', `/api/v1/enrolments/${someId}/self-assessment/start`, {
        token: tokens.coach,
        headers: json,
        body: `{"ratings":${manyKeys}}`,
      }),
    ).resolves.toEqual({ status: 400, fields: ['ratings'] });
    // The same keys as a form: Nest's URL-encoded parser took them, past every bound.
    await expect(
      problem('POST', '/api/v1/auth/sign-in', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Array.from({ length: 100_000 }, (_, i) => `k${i}=1`).join('&'),
      }),
    ).resolves.toEqual({ status: 415, fields: ['body'] });
    // Integers past a PostgreSQL integer: were 500s from the database.
    const courses = await t.request('GET', '/api/v1/courses', { token: tokens.trainer });
    const courseId = (courses.body as { id: string }[])[0]?.id as string;
    for (const version of ['2147483648', '1e20', '9007199254740994'])
      for (const url of [
        `/api/v1/courses/${courseId}/preview?version=${version}`,
        `/api/v1/courses/${courseId}/export?version=${version}`,
      ])
        await expect(problem('GET', url, { token: tokens.trainer })).resolves.toEqual({
          status: 400,
          fields: ['version'],
        });
    await expect(
      problem('GET', `/api/v1/courses/${courseId}/versions/2147483648`, { token: tokens.trainer }),
    ).resolves.toEqual({ status: 400, fields: ['n'] });
    await expect(
      problem('POST', '/api/v1/cohorts', {
        token: tokens.trainer,
        body: {
          name: 'x',
          courseId,
          courseVersion: 2 ** 31,
          territoryId: territory?.id,
          startsOn: '2027-01-10',
          endsOn: '2027-03-31',
        },
      }),
    ).resolves.toEqual({ status: 400, fields: ['courseVersion'] });
    await expect(
      problem('POST', `/api/v1/cohorts/${cohortId}/upgrade`, {
        token: tokens.trainer,
        body: { version: 1e20 },
      }),
    ).resolves.toEqual({ status: 400, fields: ['version'] });
    // Hexadecimal read as a number by Number(): ?page=0x10 was page 16.
    await expect(problem('GET', '/api/v1/users?page=0x10', { token: tokens.admin })).resolves.toEqual({
      status: 400,
      fields: ['page'],
    });
    // An unknown top-level field "0" is named "0", not "[0]".
    await expect(problem('PATCH', '/api/v1/me', { token: tokens.coach, body: { 0: 'x' } })).resolves.toEqual({
      status: 400,
      fields: ['0'],
    });
  });

  it('refuses every one with a problem (never a 5xx), names the field, and changes nothing', async () => {
    const access = accessByOperation(t);
    const operations = operationsOf(doc);
    // Every operation of the document is a route whose access is declared.
    expect(operations.filter((op) => !access.has(op.operationId)).map((op) => op.operationId)).toEqual([]);
    const fastify = t.app.getHttpAdapter().getInstance();
    const checker = new OpenApiResponseChecker(doc);
    const pathOf = new Map(operations.map((op) => [op.operationId, op.path]));
    const before = await snapshot(t.dataSource);

    const byStatus = new Map<number, number>();
    const byKind = new Map<string, number>();
    const failures: string[] = [];
    const fail = (c: FuzzCase, status: number, why: string, body: string) => {
      if (failures.length < 40)
        failures.push(
          `#${c.index} ${c.kind} ${c.method.toUpperCase()} ${c.url.slice(0, 160)} → ${status}: ${why} ${body.slice(0, 300)}`,
        );
      else failures.push(`#${c.index}`);
    };
    let sent = 0;
    const started = Date.now();
    const slow: { ms: number; what: string }[] = [];
    const send = async (c: FuzzCase): Promise<void> => {
      const t0 = Date.now();
      const rule = access.get(c.operationId) as Access;
      const headers: Record<string, string> = { ...c.headers };
      if (c.auth === 'role' && rule.kind !== 'public') {
        const role = rule.kind === 'signed-in' ? 'coach' : (rule.roles.find((r) => r !== 'admin') ?? 'admin');
        headers['authorization'] = `Bearer ${tokens[role] as string}`;
      } else if (c.auth === 'bad-token') {
        headers['authorization'] =
          `Bearer ${['x', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.', 'a'.repeat(10_000)][c.index % 3]}`;
      }
      const res = await fastify.inject({
        method: c.method.toUpperCase() as 'GET',
        url: c.url,
        headers,
        ...(c.payload !== undefined ? { payload: c.payload } : {}),
      });
      sent++;
      const ms = Date.now() - t0;
      if (ms > 1000) slow.push({ ms, what: `#${c.index} ${c.kind} ${c.operationId}` });
      if (sent % 2000 === 0)
        process.stderr.write(
          `bad-input: ${sent} requests, ${failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
        );
      byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
      byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
      const status = res.statusCode;
      if (status >= 500) {
        fail(c, status, '5xx', res.body);
        return;
      }
      const readOnly =
        READ_ONLY_WRITES.has(c.operationId) ||
        (c.operationId === 'CohortsController_importCsv' && c.url.includes('dryRun=true'));
      if (status >= 200 && status < 300 && c.method !== 'get' && !readOnly) {
        fail(c, status, 'an invalid write was accepted', res.body);
        return;
      }
      if (status >= 200 && status < 300 && c.kind === 'path-hostile') {
        fail(c, status, 'a hostile path id named something', res.body);
        return;
      }
      if (status >= 400) {
        const type = String(res.headers['content-type'] ?? '');
        if (!type.startsWith('application/problem+json')) {
          fail(c, status, `content-type ${type}`, res.body);
          return;
        }
        const problem = JSON.parse(res.body) as {
          type?: unknown;
          title?: unknown;
          status?: unknown;
          errors?: unknown;
        };
        if (
          typeof problem.type !== 'string' ||
          typeof problem.title !== 'string' ||
          problem.status !== status
        ) {
          fail(c, status, 'not a problem', res.body);
          return;
        }
        // A refused request names what was wrong with it.
        if (
          status === 400 &&
          !(
            Array.isArray(problem.errors) &&
            problem.errors.length > 0 &&
            problem.errors.every(
              (e: { field?: unknown; message?: unknown }) =>
                typeof e.field === 'string' && typeof e.message === 'string',
            )
          )
        ) {
          fail(c, status, 'a 400 without field errors', res.body);
          return;
        }
        // However much was wrong, the answer stays small: the first problems and a count.
        if (
          (Array.isArray(problem.errors) && problem.errors.length > MAX_LISTED_ERRORS) ||
          res.rawPayload.length > 8192
        ) {
          fail(c, status, `an answer of ${res.rawPayload.length} bytes`, res.body.slice(0, 300));
          return;
        }
        // The worst shapes are refused by the body's bounds, before anything is parsed or validated.
        if (
          c.kind.startsWith('shape-') &&
          (status !== 400 || (problem as { detail?: unknown }).detail !== BOUNDS_DETAIL)
        ) {
          fail(c, status, 'not refused by the body bounds', res.body);
          return;
        }
      }
      if (status >= 400) {
        // The error matches what the document declares (status, problem+json, the problem's schema).
        const check = checker.check(c.method, pathOf.get(c.operationId) as string, {
          status,
          contentType: String(res.headers['content-type'] ?? ''),
          body: String(res.headers['content-type'] ?? '').includes('json')
            ? (JSON.parse(res.body) as unknown)
            : res.body,
          empty: res.rawPayload.length === 0,
        });
        if (check.problems.length) {
          fail(c, status, check.problems.join('; '), res.body);
          return;
        }
      }
      if (c.auth !== 'role' && rule.kind !== 'public' && status !== 401) {
        fail(c, status, 'expected 401 without valid credentials', res.body);
        return;
      }
      // A per-person throttle refuses before the body is read (by design: a refused guess teaches
      // nothing); the fuzzer, one coach sending hundreds of joins, meets it after ten.
      if (status === 429 && THROTTLED_PER_PERSON.has(c.operationId)) return;
      if (c.expectField && c.auth === 'role') {
        const problem = status >= 400 ? (JSON.parse(res.body) as { errors?: unknown }) : {};
        const named =
          namesField(problem.errors, c.expectField) ||
          // A huge array of objects reaches the body's count of values before its own count of items.
          (c.kind === 'field-huge-array' && namesField(problem.errors, 'body'));
        if (![400, 413, 415].includes(status) || !named) {
          fail(c, status, `expected a problem naming "${c.expectField}"`, res.body);
        }
      }
    };
    // A few requests in flight at once: the database's round trips overlap, the order of the checks does not matter.
    const cases = fuzzCases(doc, {
      seed: SEED,
      perOperation: PER_OPERATION,
      fixtures: { realIds: { id: cohortId } },
    });
    const worker = async (): Promise<void> => {
      for (let next = cases.next(); !next.done; next = cases.next()) await send(next.value);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    const after = await snapshot(t.dataSource);

    const counts = [...byStatus.entries()].sort(([a], [b]) => a - b);
    // The figures for the closing note.
    console.log(
      `bad-input: ${sent} requests over ${operations.length} operations in ${seconds.toFixed(1)} s (seed ${SEED}); ` +
        `by status: ${counts.map(([s, n]) => `${s}×${n}`).join(' ')}; ` +
        `by kind: ${[...byKind.entries()].map(([k, n]) => `${k}×${n}`).join(' ')}`,
    );
    slow.sort((a, b) => b.ms - a.ms);
    if (slow.length)
      console.log(
        `bad-input: slowest: ${slow
          .slice(0, 15)
          .map((x) => `${x.what} ${x.ms} ms`)
          .join('; ')}`,
      );
    expect(sent).toBeGreaterThanOrEqual(PER_OPERATION >= 200 ? 10_000 : 0);
    expect(failures).toEqual([]);
    expect(after).toEqual(before);
  }, 900_000);
});
