import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  multipart,
  PNG,
  QUIZ_LESSONS,
  rightAnswers,
  TEXT_LESSONS,
  textLessonsCompleted,
} from '../testing/authz-world';
import {
  HTTP_METHODS,
  operationsOf,
  type HttpMethod,
  type OpenApiDocument,
  type OpenApiSchema,
} from '../testing/openapi-fuzz';
import { OpenApiResponseChecker } from '../testing/openapi-responses';
import { createTestApp, type TestApp, type TestResponse } from '../testing/test-app';
import { MATURITY_ITEMS, OBSERVATORY_GROUPS } from '@tc/shared/contracts';
import { randomUUID } from 'node:crypto';
import { buildPracticeWorld, jpeg, OGG, passTask, REVISE, uploadMetadata } from '../testing/practice-world';

/**
 * The OpenAPI document the API serves lints clean (Spectral, `spectral:oas` plus the committed
 * `.spectral.yaml`), and the answers to valid requests (one or more per operation) match it. Every JSON
 * success body is checked against a schema (those of the contract interfaces are generated, see
 * tools/scripts/contract-schemas.ts), and every operation that promises one answers one at least once.
 */

const ROOT = resolve(__dirname, '../../../..');
const SPECTRAL = join(dirname(require.resolve('@stoplight/spectral-cli/package.json')), 'dist/index.js');

interface SpectralResult {
  code: string;
  message: string;
  severity: number; // 0 error, 1 warning, 2 info, 3 hint
  path: (string | number)[];
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.request('GET', '/api/docs-json')).body as OpenApiDocument;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lints clean with Spectral: no errors, no warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      // Spectral exits non-zero when it finds errors; its JSON report is what counts.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [SPECTRAL, 'lint', file, '--ruleset', join(ROOT, '.spectral.yaml'), '--format', 'json', '--quiet'],
        { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      ).catch((error: { stdout?: string; stderr?: string }) => {
        if (!error.stdout) throw new Error(`spectral failed: ${error.stderr ?? String(error)}`);
        return { stdout: error.stdout };
      });
      const results = JSON.parse(stdout || '[]') as SpectralResult[];
      const found = results
        .filter((r) => r.severity <= 1)
        .map(
          (r) => `${r.severity === 0 ? 'error' : 'warning'} ${r.code} at ${r.path.join('.')}: ${r.message}`,
        );
      expect(found).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declares the problem+json errors and a tag, an operationId and a 2xx response on every operation', () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!op) continue;
        const where = `${method.toUpperCase()} ${path}`;
        if (!op.operationId) missing.push(`${where}: operationId`);
        if (!op.tags?.length) missing.push(`${where}: tag`);
        if (!Object.keys(op.responses).some((s) => /^2/.test(s))) missing.push(`${where}: 2xx response`);
        if (path.startsWith('/api/v1/') && !op.responses['4XX']?.content?.['application/problem+json'])
          missing.push(`${where}: 4XX problem+json`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('bounds every integer a request can carry (parameters and body fields declare a minimum and a maximum)', () => {
    const unbounded: string[] = [];
    const seen = new Set<string>();
    const visit = (schema: OpenApiSchema | undefined, where: string): void => {
      if (!schema) return;
      if (schema.$ref) {
        const name = schema.$ref.split('/').pop() as string;
        if (seen.has(name)) return;
        seen.add(name);
        visit(doc.components?.schemas?.[name], name);
        return;
      }
      if (schema.type === 'integer' && (schema.minimum === undefined || schema.maximum === undefined))
        unbounded.push(where);
      for (const [name, prop] of Object.entries(schema.properties ?? {})) visit(prop, `${where}.${name}`);
      visit(schema.items, `${where}[]`);
      for (const part of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])])
        visit(part, where);
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!op) continue;
        for (const param of op.parameters ?? []) {
          const type = param.schema?.type;
          if (
            (type === 'integer' || type === 'number') &&
            !param.schema?.enum &&
            (param.schema?.minimum === undefined || param.schema?.maximum === undefined)
          )
            unbounded.push(`${method.toUpperCase()} ${path} ${param.in} ${param.name}`);
        }
        for (const media of Object.values(op.requestBody?.content ?? {}))
          visit(media.schema, `${method.toUpperCase()} ${path} body`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('answers valid requests as the document says (status, content type, body schema)', async () => {
    const checker = new OpenApiResponseChecker(doc);
    const problems: string[] = [];
    const seen = new Set<string>();
    let schemaChecked = 0;
    /** Operations whose success body was checked against its schema (JSON or file). */
    const successChecked = new Set<string>();
    /** JSON success bodies no schema checked (the document has none for them): must stay empty. */
    const uncheckedJson: string[] = [];
    /** Bodies of answers the document declares without content. */
    const undeclaredBodies: string[] = [];
    const tokens = {
      admin: (await t.signIn('admin@example.org')).accessToken,
      trainer: (await t.signIn('trainer@example.org')).accessToken,
      coach: (await t.signIn('coach@example.org')).accessToken,
      observer: (await t.signIn('observer@example.org')).accessToken,
    };
    /** Sends a request, checks its answer against the operation `template`, returns it. */
    const call = async (
      method: HttpMethod,
      template: string,
      url: string,
      options: { body?: unknown; token?: string; headers?: Record<string, string>; cookie?: string } = {},
    ): Promise<TestResponse> => {
      const res = await t.request(method.toUpperCase(), url, options);
      const contentType = String(res.headers['content-type'] ?? '');
      const check = checker.check(method, template, {
        status: res.status,
        contentType,
        body: res.body,
        empty: res.raw.length === 0,
      });
      seen.add(`${method} ${template}`);
      const where = `${method.toUpperCase()} ${template} → ${res.status}`;
      if (check.schemaChecked) schemaChecked++;
      if (check.schemaChecked && res.status >= 200 && res.status < 300)
        successChecked.add(`${method} ${template}`);
      else if (res.status >= 200 && res.status < 300 && /^application\/json\b/.test(contentType))
        uncheckedJson.push(where);
      if (check.undeclaredBody) undeclaredBodies.push(where);
      problems.push(...check.problems);
      return res;
    };
    const { admin, trainer, coach, observer } = tokens;

    // Public and session routes.
    await call('get', '/api/health', '/api/health');
    await call('get', '/api/health/live', '/api/health/live');
    await call('get', '/api/health/ready', '/api/health/ready');
    const signIn = await call('post', '/api/v1/auth/sign-in', '/api/v1/auth/sign-in', {
      body: { email: 'coach@example.org', password: 'demo-password-2026' },
    });
    await call('post', '/api/v1/auth/refresh', '/api/v1/auth/refresh', {
      cookie: signIn.refreshCookie ?? '',
    });
    await call('post', '/api/v1/auth/password-reset', '/api/v1/auth/password-reset', {
      body: { email: 'nobody@example.org' },
    });
    await call('get', '/api/v1/auth/links/{token}', '/api/v1/auth/links/no-such-token');
    await call('post', '/api/v1/auth/links/accept', '/api/v1/auth/links/accept', {
      body: { token: 'no-such-token', password: 'a-long-enough-password-2026' },
    });
    await call('get', '/api/v1/certificates/{code}', '/api/v1/certificates/TC-NONE-0000');
    await call('get', '/api/v1/competences', '/api/v1/competences', { token: coach });

    // Me.
    await call('get', '/api/v1/me', '/api/v1/me', { token: coach });
    await call('patch', '/api/v1/me', '/api/v1/me', { token: coach, body: { preferredLanguage: 'fr' } });
    await call('get', '/api/v1/me/enrolments', '/api/v1/me/enrolments', { token: coach });

    // Privacy: the notice's settings (and a language it does not have), the coach's archive asked
    // for, listed until it is built, downloaded; an unknown one.
    await call('get', '/api/v1/privacy', '/api/v1/privacy?lang=ar');
    await call('get', '/api/v1/privacy', '/api/v1/privacy?lang=xx');
    const exportAsked = await call('post', '/api/v1/me/data-exports', '/api/v1/me/data-exports', {
      token: coach,
      body: { confirm: 'export' },
    });
    let archiveUrl: string | null = null;
    for (let tries = 0; tries < 150 && !archiveUrl; tries++) {
      const exportList = await call('get', '/api/v1/me/data-exports', '/api/v1/me/data-exports', {
        token: coach,
      });
      archiveUrl =
        (exportList.body as { items: { id: string; archiveUrl: string | null }[] }).items.find(
          (i) => i.id === (exportAsked.body as { id: string }).id,
        )?.archiveUrl ?? null;
      if (!archiveUrl) await new Promise((r) => setTimeout(r, 200));
    }
    expect(archiveUrl).not.toBeNull();
    await call('get', '/api/v1/me/data-exports/{id}/archive', archiveUrl as string, { token: coach });
    await call(
      'get',
      '/api/v1/me/data-exports/{id}/archive',
      `/api/v1/me/data-exports/${randomUUID()}/archive`,
      {
        token: coach,
      },
    );
    // Erasure: a new person asks; an admin asked to erase someone unknown (404), then them.
    const invitedForErasure = await t.request('POST', '/api/v1/users/invitations', {
      token: admin,
      body: {
        email: 'erase.openapi@example.org',
        displayName: 'Personne à effacer',
        role: 'coach',
        territoryId: (
          (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as { id: string }[]
        )[0]?.id,
        preferredLanguage: 'fr',
      },
    });
    const erasable = await t.request('POST', '/api/v1/auth/links/accept', {
      body: {
        token: String(invitedForErasure.body.link.url).split('/').pop(),
        password: 'erase-openapi-password-2026',
      },
    });
    await call('post', '/api/v1/me/erasure-request', '/api/v1/me/erasure-request', {
      token: String(erasable.body.accessToken),
      body: { confirm: 'erase' },
    });
    await call('get', '/api/v1/me/erasure-request', '/api/v1/me/erasure-request', {
      token: String(erasable.body.accessToken),
    });
    await call('get', '/api/v1/admin/erasure-requests', '/api/v1/admin/erasure-requests?status=pending', {
      token: admin,
    });
    // Consents: the coach's, and withdrawing one (a purpose not theirs to withdraw here: 400).
    await call('get', '/api/v1/me/consents', '/api/v1/me/consents', { token: coach });
    await call('delete', '/api/v1/me/consents/{purpose}', '/api/v1/me/consents/digest', { token: coach });
    await call('delete', '/api/v1/me/consents/{purpose}', '/api/v1/me/consents/entrepreneur-record', {
      token: coach,
    });
    await call('post', '/api/v1/admin/users/{id}/erase', `/api/v1/admin/users/${randomUUID()}/erase`, {
      token: admin,
    });
    await call(
      'post',
      '/api/v1/admin/users/{id}/erase',
      `/api/v1/admin/users/${String(invitedForErasure.body.user.id)}/erase`,
      { token: admin },
    );
    await call('get', '/api/v1/admin/erasure-requests', '/api/v1/admin/erasure-requests?status=done&page=1', {
      token: admin,
    });

    // Territories.
    const roots = await call('get', '/api/v1/territories', '/api/v1/territories', { token: admin });
    const rootId = (roots.body as { id: string }[])[0]?.id as string;
    await call('get', '/api/v1/territories/{id}', `/api/v1/territories/${rootId}`, { token: admin });
    await call('get', '/api/v1/territories/search', '/api/v1/territories/search?q=maroc', { token: coach });
    const created = await call('post', '/api/v1/territories', '/api/v1/territories', {
      token: admin,
      body: { parentId: rootId, level: 'region', code: 'ZZ-01', name: { fr: 'Zed', ar: 'زد', en: 'Zed' } },
    });
    const territoryId = (created.body as { id?: string }).id ?? rootId;
    await call('patch', '/api/v1/territories/{id}', `/api/v1/territories/${territoryId}`, {
      token: admin,
      body: { name: { en: 'Zed region' } },
    });

    // Users.
    const users = await call('get', '/api/v1/users', '/api/v1/users?pageSize=5', { token: admin });
    const invited = await call('post', '/api/v1/users/invitations', '/api/v1/users/invitations', {
      token: admin,
      body: { email: 'new.coach@example.org', displayName: 'New Coach', role: 'coach', territoryId: rootId },
    });
    const userId =
      (invited.body as { user?: { id: string } }).user?.id ??
      ((users.body as { items: { id: string }[] }).items[0]?.id as string);
    // The invitation's link (handed back: no mail server here), read and accepted.
    const inviteToken =
      (invited.body as { link?: { url?: string | null } }).link?.url?.split('/').pop() ?? 'no-link';
    await call('get', '/api/v1/auth/links/{token}', `/api/v1/auth/links/${inviteToken}`);
    await call('post', '/api/v1/auth/links/accept', '/api/v1/auth/links/accept', {
      body: { token: inviteToken, password: 'a-long-enough-password-2026' },
    });
    await call('get', '/api/v1/users/{id}', `/api/v1/users/${userId}`, { token: admin });
    const withRole = await call('post', '/api/v1/users/{id}/roles', `/api/v1/users/${userId}/roles`, {
      token: admin,
      body: { role: 'observer', territoryId: rootId },
    });
    const assignment = (
      withRole.body as { roles?: { assignmentId?: string; id?: string; role: string }[] }
    ).roles?.find((r) => r.role === 'observer');
    const assignmentPath = `/api/v1/users/${userId}/roles/${assignment?.assignmentId ?? assignment?.id ?? rootId}`;
    await call('get', '/api/v1/users/{id}/roles/{assignmentId}/impact', `${assignmentPath}/impact`, {
      token: admin,
    });
    await call('patch', '/api/v1/users/{id}/roles/{assignmentId}', assignmentPath, {
      token: admin,
      body: { role: 'trainer', reason: 'Vérification du document' },
    });
    await call(
      'delete',
      '/api/v1/users/{id}/roles/{assignmentId}',
      `/api/v1/users/${userId}/roles/${assignment?.assignmentId ?? assignment?.id ?? rootId}`,
      { token: admin },
    );
    await call('post', '/api/v1/users/{id}/disable', `/api/v1/users/${userId}/disable`, { token: admin });
    await call('post', '/api/v1/users/{id}/enable', `/api/v1/users/${userId}/enable`, { token: admin });
    await call('post', '/api/v1/users/{id}/disable', `/api/v1/users/${userId}/disable`, {
      token: admin,
      body: { reason: 'Vérification du document' },
    });
    await call('post', '/api/v1/users/{id}/enable', `/api/v1/users/${userId}/enable`, { token: admin });
    await call('post', '/api/v1/users/{id}/password-reset', `/api/v1/users/${userId}/password-reset`, {
      token: admin,
    });

    // Courses: a new draft, its modules and lessons, published; the demo course read in every way.
    const courses = await call('get', '/api/v1/courses', '/api/v1/courses', { token: trainer });
    const demoId = (courses.body as { id: string; slug: string }[]).find(
      (c) => c.slug === 'numerique-territoires-ess',
    )?.id as string;
    await call('get', '/api/v1/courses', '/api/v1/courses?scope=published', { token: trainer });
    const draft = await call('post', '/api/v1/courses', '/api/v1/courses', {
      token: trainer,
      body: { slug: 'openapi-check', title: { fr: 'Vérification' }, defaultLocale: 'fr', locales: ['fr'] },
    });
    const courseId = (draft.body as { id: string }).id;
    const c = `/api/v1/courses/${courseId}`;
    await call('get', '/api/v1/courses/{id}', c, { token: trainer });
    await call('patch', '/api/v1/courses/{id}', c, { token: trainer, body: { estimatedMinutes: 30 } });
    await call('post', '/api/v1/courses/{id}/duplicate', `${c}/duplicate`, { token: trainer });
    const m1 = await call('post', '/api/v1/courses/{id}/modules', `${c}/modules`, {
      token: trainer,
      body: { title: { fr: 'Module 1' } },
    });
    const m2 = await call('post', '/api/v1/courses/{id}/modules', `${c}/modules`, {
      token: trainer,
      body: { title: { fr: 'Module 2' } },
    });
    const moduleIds = (m2.body as { modules: { id: string }[] }).modules.map((m) => m.id);
    const [moduleId, otherModuleId] = moduleIds as [string, string];
    expect(m1.status).toBe(201);
    await call('put', '/api/v1/courses/{id}/modules/order', `${c}/modules/order`, {
      token: trainer,
      body: { ids: [...moduleIds].reverse() },
    });
    await call('patch', '/api/v1/courses/{id}/modules/{moduleId}', `${c}/modules/${moduleId}`, {
      token: trainer,
      body: { title: { fr: 'Premier module' } },
    });
    const withLessons = await call(
      'post',
      '/api/v1/courses/{id}/modules/{moduleId}/lessons',
      `${c}/modules/${moduleId}/lessons`,
      { token: trainer, body: { kind: 'text', title: { fr: 'Leçon' }, body: { fr: 'Bonjour **monde**' } } },
    );
    await call(
      'post',
      '/api/v1/courses/{id}/modules/{moduleId}/lessons',
      `${c}/modules/${moduleId}/lessons`,
      { token: trainer, body: { kind: 'text', title: { fr: 'Leçon 2' }, body: { fr: 'Suite' } } },
    );
    const lessonIds = (
      (withLessons.body as { modules: { id: string; lessons: { id: string }[] }[] }).modules.find(
        (m) => m.id === moduleId,
      )?.lessons ?? []
    ).map((l) => l.id);
    const lessonId = lessonIds[0] as string;
    const afterSecond = await call('get', '/api/v1/courses/{id}', c, { token: trainer });
    const allLessons = (
      (afterSecond.body as { modules: { id: string; lessons: { id: string }[] }[] }).modules.find(
        (m) => m.id === moduleId,
      )?.lessons ?? []
    ).map((l) => l.id);
    await call(
      'put',
      '/api/v1/courses/{id}/modules/{moduleId}/lessons/order',
      `${c}/modules/${moduleId}/lessons/order`,
      { token: trainer, body: { ids: [...allLessons].reverse() } },
    );
    await call('patch', '/api/v1/courses/{id}/lessons/{lessonId}', `${c}/lessons/${lessonId}`, {
      token: trainer,
      body: { title: { fr: 'Leçon un' } },
    });
    await call(
      'delete',
      '/api/v1/courses/{id}/lessons/{lessonId}',
      `${c}/lessons/${allLessons[1] ?? lessonId}`,
      {
        token: trainer,
      },
    );
    await call('delete', '/api/v1/courses/{id}/modules/{moduleId}', `${c}/modules/${otherModuleId}`, {
      token: trainer,
    });
    const coAuthor = await call('post', '/api/v1/courses/{id}/co-authors', `${c}/co-authors`, {
      token: trainer,
      body: { email: 'admin@example.org' },
    });
    const coAuthorId = (coAuthor.body as { coAuthors?: { id?: string; userId?: string }[] }).coAuthors?.[0];
    await call(
      'delete',
      '/api/v1/courses/{id}/co-authors/{userId}',
      `${c}/co-authors/${coAuthorId?.userId ?? coAuthorId?.id ?? userId}`,
      { token: trainer },
    );
    await call('post', '/api/v1/catalog/render', '/api/v1/catalog/render', {
      token: trainer,
      body: { markdown: '# Titre\n\n*texte*' },
    });
    await call('post', '/api/v1/courses/{id}/publish', `${c}/publish`, { token: trainer });
    await call('get', '/api/v1/courses/{id}/versions', `${c}/versions`, { token: trainer });
    await call('get', '/api/v1/courses/{id}/versions/{n}', `/api/v1/courses/${demoId}/versions/1`, {
      token: trainer,
    });
    await call('get', '/api/v1/courses/{id}/preview', `/api/v1/courses/${demoId}/preview?locale=fr`, {
      token: trainer,
    });
    const exported = await call(
      'get',
      '/api/v1/courses/{id}/export',
      `/api/v1/courses/${demoId}/export?version=1`,
      {
        token: trainer,
      },
    );
    await call('post', '/api/v1/courses/import', '/api/v1/courses/import', {
      token: trainer,
      body: { ...(exported.body as object), slug: 'imported-copy' },
    });
    await call('post', '/api/v1/courses/{id}/archive', `${c}/archive`, { token: trainer });
    await call('post', '/api/v1/courses/{id}/unarchive', `${c}/unarchive`, { token: trainer });
    await call('post', '/api/v1/media', '/api/v1/media', {
      token: trainer,
      headers: { 'content-type': 'application/json' },
      body: {},
    });
    await call('get', '/api/v1/media/{hash}', `/api/v1/media/${'a'.repeat(64)}`);
    const uploaded = await call('post', '/api/v1/media', '/api/v1/media', {
      token: trainer,
      ...multipart('file', 'pixel.png', 'image/png', PNG),
    });
    const mediaHash = (uploaded.body as { hash?: string }).hash ?? 'b'.repeat(64);
    await call('get', '/api/v1/media/{hash}', `/api/v1/media/${mediaHash}`);

    // Cohorts: one of the demo course, the coach enrolled by e-mail and by CSV (dry run).
    const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    const cohort = await call('post', '/api/v1/cohorts', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'OpenAPI',
        courseId: demoId,
        courseVersion: 1,
        territoryId: oriental?.id,
        startsOn: '2027-01-10',
        endsOn: '2027-03-31',
      },
    });
    const cohortId = (cohort.body as { id: string }).id;
    const joinCode = (cohort.body as { joinCode?: string }).joinCode;
    const k = `/api/v1/cohorts/${cohortId}`;
    await call('get', '/api/v1/cohorts', '/api/v1/cohorts', { token: trainer });
    await call('get', '/api/v1/cohorts/{id}', k, { token: trainer });
    await call('patch', '/api/v1/cohorts/{id}', k, { token: trainer, body: { name: 'OpenAPI check' } });
    await call('post', '/api/v1/cohorts/{id}/duplicate', `${k}/duplicate`, { token: trainer, body: {} });
    await call('post', '/api/v1/cohorts/{id}/upgrade', `${k}/upgrade`, {
      token: trainer,
      body: { version: 1 },
    });
    // A cohort of the new course, moved to the course's second version.
    const older = await call('post', '/api/v1/cohorts', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'OpenAPI upgrade',
        courseId,
        courseVersion: 1,
        territoryId: oriental?.id,
        startsOn: '2027-01-10',
        endsOn: '2027-03-31',
      },
    });
    await call('patch', '/api/v1/courses/{id}', c, { token: trainer, body: { estimatedMinutes: 45 } });
    await call('post', '/api/v1/courses/{id}/publish', `${c}/publish`, { token: trainer });
    const olderId = (older.body as { id: string }).id;
    await call(
      'get',
      '/api/v1/cohorts/{id}/upgrade-preview',
      `/api/v1/cohorts/${olderId}/upgrade-preview?version=2`,
      { token: trainer },
    );
    await call('post', '/api/v1/cohorts/{id}/upgrade', `/api/v1/cohorts/${olderId}/upgrade`, {
      token: trainer,
      body: { version: 2 },
    });
    await call('post', '/api/v1/cohorts/{id}/enrolments/import', `${k}/enrolments/import?dryRun=true`, {
      token: trainer,
      body: 'email;full name;territory code;preferred language\nsomeone@example.org;Some One;MA-02;fr',
      headers: { 'content-type': 'text/csv' },
    });
    const enrolled = await call('post', '/api/v1/cohorts/{id}/enrolments', `${k}/enrolments`, {
      token: trainer,
      body: { emails: ['observer@example.org', 'invited.openapi@example.org'] },
    });
    // The observer coaches nowhere: invited, they see the invitation and accept it, signed in.
    const invitedLinks = (enrolled.body as { invited?: { email: string; url: string }[] }).invited ?? [];
    const observerLink =
      invitedLinks
        .find((i) => i.email === 'observer@example.org')
        ?.url.split('/')
        .pop() ?? 'no-link';
    await call(
      'get',
      '/api/v1/me/cohort-invitations/{token}',
      `/api/v1/me/cohort-invitations/${observerLink}`,
      { token: observer },
    );
    await call('post', '/api/v1/me/cohort-invitations/accept', '/api/v1/me/cohort-invitations/accept', {
      token: observer,
      body: { token: observerLink },
    });
    await call('post', '/api/v1/cohorts/join', '/api/v1/cohorts/join', {
      token: coach,
      body: { code: joinCode ?? 'NOCODE' },
    });
    const roster = await call('get', '/api/v1/cohorts/{id}/roster', `${k}/roster`, { token: trainer });
    await call('get', '/api/v1/cohorts/{id}/roster', `${k}/roster?format=csv`, { token: trainer });
    const rosterRows = (roster.body as { rows?: { enrolmentId?: string; email?: string }[] }).rows ?? [];
    const withdrawn = rosterRows.find((r) => r.email === 'observer@example.org')?.enrolmentId;
    await call(
      'get',
      '/api/v1/cohorts/{id}/enrolments/{enrolmentId}',
      `${k}/enrolments/${withdrawn ?? cohortId}`,
      { token: trainer },
    );
    expect(enrolled.status).toBe(200);
    // The new address's invitation, taken back.
    const pending = (roster.body as { invitations?: { id: string }[] }).invitations?.[0]?.id;
    await call('get', '/api/v1/cohorts/{id}/invitations', `${k}/invitations`, { token: trainer });
    await call(
      'post',
      '/api/v1/cohorts/{id}/invitations/{invitationId}/resend',
      `${k}/invitations/${pending ?? cohortId}/resend`,
      { token: trainer },
    );
    await call('post', '/api/v1/cohorts/{id}/invitations/resend', `${k}/invitations/resend`, {
      token: trainer,
      body: { invitationIds: [pending ?? cohortId] },
    });
    await call(
      'delete',
      '/api/v1/cohorts/{id}/invitations/{invitationId}',
      `${k}/invitations/${pending ?? cohortId}`,
      { token: trainer },
    );
    await call(
      'post',
      '/api/v1/cohorts/{id}/enrolments/{enrolmentId}/withdraw',
      `${k}/enrolments/${withdrawn ?? cohortId}/withdraw`,
      { token: trainer },
    );

    // The coach's side.
    const mine = await call('get', '/api/v1/me/enrolments', '/api/v1/me/enrolments', { token: coach });
    const enrolmentId = (mine.body as { id?: string; enrolmentId?: string }[]).map(
      (e) => e.enrolmentId ?? e.id,
    )[0];
    const e = `/api/v1/enrolments/${enrolmentId ?? cohortId}`;
    const course = await call('get', '/api/v1/enrolments/{id}', `${e}?locale=fr`, { token: coach });
    const lessonKey =
      (course.body as { modules?: { lessons?: { key: string }[] }[] }).modules?.[0]?.lessons?.[0]?.key ??
      'l1';
    await call('post', '/api/v1/progress/events', '/api/v1/progress/events', {
      token: coach,
      body: {
        id: '3f9c1a52-6a51-4a8e-9b0a-0c2f1e5d7a11',
        enrolmentId,
        lessonKey,
        type: 'started',
        occurredAt: new Date(Date.now() - 120_000).toISOString(),
      },
    });
    // A quiz attempted without answers; then the coach finishes the course: every lesson, every quiz passed.
    const [firstQuiz] = QUIZ_LESSONS;
    await call(
      'post',
      '/api/v1/enrolments/{id}/quizzes/{lessonKey}/attempts',
      `${e}/quizzes/${firstQuiz?.key ?? lessonKey}/attempts`,
      { token: coach, body: { answers: {} } },
    );
    await call('post', '/api/v1/progress/events', '/api/v1/progress/events', {
      token: coach,
      body: textLessonsCompleted(enrolmentId ?? cohortId),
    });
    for (const quiz of QUIZ_LESSONS)
      await call(
        'post',
        '/api/v1/enrolments/{id}/quizzes/{lessonKey}/attempts',
        `${e}/quizzes/${quiz.key}/attempts`,
        {
          token: coach,
          body: { answers: rightAnswers(quiz.key) },
        },
      );
    // A required practical task completes only once a trainer of the cohort passes it.
    for (const task of TEXT_LESSONS.filter((l) => l.kind === 'task'))
      await passTask(t, { coach, trainer }, enrolmentId ?? '', task);
    await call('get', '/api/v1/enrolments/{id}/self-assessment', `${e}/self-assessment`, { token: coach });
    await call('put', '/api/v1/enrolments/{id}/self-assessment/{phase}', `${e}/self-assessment/start`, {
      token: coach,
      body: { ratings: { '1.1': 3 } },
    });
    await call('put', '/api/v1/enrolments/{id}/self-assessment/{phase}', `${e}/self-assessment/end`, {
      token: coach,
      body: { ratings: { '1.1': 4 } },
    });
    const certificate = await call('get', '/api/v1/enrolments/{id}/certificate', `${e}/certificate`, {
      token: coach,
    });
    const code = (certificate.body as { code?: string }).code ?? 'TC-NONE-0001';
    await call('get', '/api/v1/enrolments/{id}/certificate.pdf', `${e}/certificate.pdf`, { token: coach });
    await call('get', '/api/v1/certificates/{code}', `/api/v1/certificates/${code}`);
    // The certificate as an Open Badges 3.0 credential: the JSON, the baked badges, verification.
    const credential = await call('get', '/api/v1/enrolments/{id}/credential.json', `${e}/credential.json`, {
      token: coach,
    });
    await call('get', '/api/v1/enrolments/{id}/credential.svg', `${e}/credential.svg`, { token: coach });
    await call('get', '/api/v1/enrolments/{id}/credential.png', `${e}/credential.png`, { token: coach });
    await call('post', '/api/v1/credentials/verify', '/api/v1/credentials/verify', {
      body: { credential: credential.body as unknown },
    });
    await call('post', '/api/v1/credentials/verify', '/api/v1/credentials/verify', {
      body: { credential: 1 },
    });
    await call('get', '/api/v1/credentials/status/{list}', '/api/v1/credentials/status/1');
    await call('get', '/api/v1/credentials/status/{list}', '/api/v1/credentials/status/0');
    await call('post', '/api/v1/credentials/keys/rotate', '/api/v1/credentials/keys/rotate', {
      token: admin,
      body: { confirm: 'rotate' },
    });
    await call('post', '/api/v1/certificates/{code}/reissue', '/api/v1/certificates/TC-NONE-0000/reissue', {
      token: trainer,
    });
    await call('post', '/api/v1/certificates/{code}/reissue', `/api/v1/certificates/${code}/reissue`, {
      token: trainer,
    });
    await call('post', '/api/v1/certificates/{code}/revoke', '/api/v1/certificates/TC-NONE-0000/revoke', {
      token: trainer,
      body: { reason: 'checking the document' },
    });
    await call('post', '/api/v1/certificates/{code}/revoke', `/api/v1/certificates/${code}/revoke`, {
      token: trainer,
      body: { reason: 'checking the document' },
    });

    // The coach's notifications (their certificate's among them).
    const feed = await call(
      'get',
      '/api/v1/me/notifications',
      '/api/v1/me/notifications?unread=true&limit=5',
      {
        token: coach,
      },
    );
    const notificationId = (feed.body as { items: { id: string }[] }).items[0]?.id ?? randomUUID();
    await call('get', '/api/v1/me/notifications/unread-count', '/api/v1/me/notifications/unread-count', {
      token: coach,
    });
    await call(
      'post',
      '/api/v1/me/notifications/{id}/read',
      `/api/v1/me/notifications/${notificationId}/read`,
      {
        token: coach,
      },
    );
    await call(
      'post',
      '/api/v1/me/notifications/{id}/read',
      `/api/v1/me/notifications/${randomUUID()}/read`,
      {
        token: coach,
      },
    );
    await call('post', '/api/v1/me/notifications/read-all', '/api/v1/me/notifications/read-all', {
      token: coach,
      body: { throughId: notificationId },
    });
    await call('post', '/api/v1/me/notifications/read-all', '/api/v1/me/notifications/read-all', {
      token: coach,
      body: { throughId: randomUUID() },
    });
    // The coach's notification settings: read, saved, and a time zone that does not exist.
    const settings = await call(
      'get',
      '/api/v1/me/notification-settings',
      '/api/v1/me/notification-settings',
      { token: coach },
    );
    await call('put', '/api/v1/me/notification-settings', '/api/v1/me/notification-settings', {
      token: coach,
      body: { ...(settings.body as object), emailMode: 'digest', digestHour: 7 },
    });
    await call('put', '/api/v1/me/notification-settings', '/api/v1/me/notification-settings', {
      token: coach,
      body: { ...(settings.body as object), timeZone: 'Nowhere/Atlantis' },
    });

    // The job queue's dead letters (a delivery job that failed every attempt), and a retry of one.
    const [dead] = (await t.dataSource.query(
      `INSERT INTO pgboss.job (name, data, source_name, source_id, source_created_on, source_retry_count, source_output)
       VALUES ('notifications.deliver.dead', $1::jsonb, 'notifications.deliver', gen_random_uuid(), now(), 5,
               '{"message": "openapi"}'::jsonb)
       RETURNING id`,
      [JSON.stringify({ notificationId: randomUUID() })],
    )) as { id: string }[];
    const deadPage = await call(
      'get',
      '/api/v1/admin/jobs/dead-letters',
      '/api/v1/admin/jobs/dead-letters?limit=1',
      {
        token: admin,
      },
    );
    const deadCursor = (deadPage.body as { nextCursor: string | null }).nextCursor ?? `1_${randomUUID()}`;
    await call(
      'get',
      '/api/v1/admin/jobs/dead-letters',
      `/api/v1/admin/jobs/dead-letters?queue=notifications.deliver&cursor=${deadCursor}`,
      { token: admin },
    );
    await call(
      'post',
      '/api/v1/admin/jobs/dead-letters/{id}/retry',
      `/api/v1/admin/jobs/dead-letters/${dead!.id}/retry`,
      { token: admin, body: { reason: 'openapi' } },
    );
    await call(
      'post',
      '/api/v1/admin/jobs/dead-letters/{id}/retry',
      `/api/v1/admin/jobs/dead-letters/${randomUUID()}/retry`,
      { token: admin, body: {} },
    );

    // Web Push: the server's key, a browser on and off (a `.invalid` host: nothing is ever pushed there).
    await call('get', '/api/v1/push/public-key', '/api/v1/push/public-key', { token: coach });
    const browser = {
      endpoint: `https://push.invalid/${randomUUID()}`,
      keys: {
        p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
        auth: 'tBHItJI5svbpez7KI4CCXg',
      },
    };
    await call('post', '/api/v1/me/push-subscriptions', '/api/v1/me/push-subscriptions', {
      token: coach,
      body: browser,
    });
    await call('post', '/api/v1/me/push-subscriptions', '/api/v1/me/push-subscriptions', {
      token: coach,
      body: { endpoint: 'http://push.invalid/x', keys: browser.keys },
    });
    await call('delete', '/api/v1/me/push-subscriptions', '/api/v1/me/push-subscriptions', {
      token: coach,
      body: { endpoint: browser.endpoint },
    });

    // The observatory.
    await call('get', '/api/v1/observatory/scope', '/api/v1/observatory/scope', { token: observer });
    await call('get', '/api/v1/observatory/completion', '/api/v1/observatory/completion', {
      token: observer,
    });
    await call('get', '/api/v1/observatory/completion', '/api/v1/observatory/completion?format=csv', {
      token: observer,
    });
    // Each grouping has rows of its own shape (lesson rows of `module`, months, genders, age bands).
    for (const groupBy of OBSERVATORY_GROUPS)
      await call(
        'get',
        '/api/v1/observatory/completion',
        `/api/v1/observatory/completion?groupBy=${groupBy}&courseId=${demoId}`,
        { token: observer },
      );
    await call('get', '/api/v1/observatory/completion', '/api/v1/observatory/completion?format=xlsx', {
      token: observer,
    });
    await call('get', '/api/v1/observatory/competences', '/api/v1/observatory/competences?format=csv', {
      token: observer,
    });
    await call('get', '/api/v1/observatory/competences', '/api/v1/observatory/competences', {
      token: observer,
    });

    // Practice: a cohort of a version with a required task; the coach uploads (tus), hands in, replays and
    // withdraws; the trainer reads the queue, the evidence, and returns a round for revision.
    const practice = await buildPracticeWorld(
      t,
      { coach, trainer },
      { courseId: demoId, territoryId: oriental?.id as string },
    );
    const taskTemplate = '/api/v1/enrolments/{enrolmentId}/tasks/{lessonKey}';
    const taskUrl = `/api/v1/enrolments/${practice.enrolmentId}/tasks/${practice.lessonKey}`;
    const tusHeaders = { 'tus-resumable': '1.0.0' };
    const photo = await jpeg(4242);
    const createdUpload = await call('post', '/api/v1/practice/uploads', '/api/v1/practice/uploads', {
      token: coach,
      headers: {
        ...tusHeaders,
        'upload-length': String(photo.length),
        'upload-metadata': uploadMetadata({
          enrolmentId: practice.enrolmentId,
          lessonKey: practice.lessonKey,
          kind: 'photo',
        }),
      },
    });
    const patchedUpload = await call(
      'patch',
      '/api/v1/practice/uploads/{uploadId}',
      String(createdUpload.headers['location']),
      {
        token: coach,
        body: photo,
        headers: { ...tusHeaders, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      },
    );
    await call('get', taskTemplate, taskUrl, { token: coach });
    await call('post', `${taskTemplate}/submissions`, `${taskUrl}/submissions`, {
      token: coach,
      body: { id: practice.submissionId, text: 'La vitrine en ligne.', fileIds: [practice.evidenceId] },
    });
    await call(
      'delete',
      `${taskTemplate}/submissions/{id}`,
      `${taskUrl}/submissions/${practice.withdrawnId}`,
      {
        token: coach,
      },
    );
    await call('get', '/api/v1/practice/evidence/{id}', `/api/v1/practice/evidence/${practice.evidenceId}`, {
      token: trainer,
    });
    await call(
      'get',
      '/api/v1/cohorts/{cohortId}/practice/queue',
      `/api/v1/cohorts/${practice.cohortId}/practice/queue?status=waiting&limit=10`,
      { token: trainer },
    );
    await call(
      'get',
      '/api/v1/cohorts/{cohortId}/task-states',
      `/api/v1/cohorts/${practice.cohortId}/task-states`,
      { token: trainer },
    );
    // The trainer records a voice comment on the round (tus, metadata naming it) and returns it with it.
    const voiceUpload = await call('post', '/api/v1/practice/uploads', '/api/v1/practice/uploads', {
      token: trainer,
      headers: {
        ...tusHeaders,
        'upload-length': String(OGG.length),
        'upload-metadata': uploadMetadata({ submissionId: practice.submissionId, kind: 'audio' }),
      },
    });
    const voicePatched = await call(
      'patch',
      '/api/v1/practice/uploads/{uploadId}',
      String(voiceUpload.headers['location']),
      {
        token: trainer,
        body: OGG,
        headers: { ...tusHeaders, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      },
    );
    await call(
      'post',
      '/api/v1/practice/submissions/{id}/review',
      `/api/v1/practice/submissions/${practice.submissionId}/review`,
      {
        token: trainer,
        body: { ...REVISE, voiceCommentId: String(voicePatched.headers['upload-evidence-id']) },
      },
    );
    await call(
      'get',
      '/api/v1/practice/voice-comments/{id}',
      `/api/v1/practice/voice-comments/${practice.voiceCommentId}`,
      { token: coach },
    );
    await call('post', `${taskTemplate}/submissions`, `${taskUrl}/submissions`, {
      token: coach,
      body: { id: randomUUID(), text: 'Reprise.', fileIds: [practice.evidenceId] },
    });
    await call(
      'delete',
      '/api/v1/practice/evidence/{id}',
      `/api/v1/practice/evidence/${String(patchedUpload.headers['upload-evidence-id'])}`,
      { token: coach },
    );

    // A cohort's announcements: the trainer posts, the coach reads (the practice cohort: both are in it).
    const ann = `/api/v1/cohorts/${practice.cohortId}/announcements`;
    const annTemplate = '/api/v1/cohorts/{cohortId}/announcements';
    const posted = await call('post', annTemplate, ann, {
      token: trainer,
      body: { title: { fr: 'Réunion jeudi' }, body: { fr: 'À **10 h**.' }, pinned: true },
    });
    await call('post', annTemplate, ann, { token: trainer, body: { title: { fr: 'Sans texte' }, body: {} } });
    await call('post', annTemplate, ann, {
      token: trainer,
      body: { title: { fr: 'Plus tard' }, body: { fr: 'Bientôt' }, publishAt: '2099-01-01T08:00:00Z' },
    });
    const annId = (posted.body as { id?: string }).id ?? randomUUID();
    const one = `${ann}/${annId}`;
    const oneTemplate = `${annTemplate}/{id}`;
    const firstPage = await call('get', annTemplate, `${ann}?limit=1`, { token: coach });
    await call('get', annTemplate, `${ann}?limit=1&cursor=${String(firstPage.body.nextCursor ?? 'none')}`, {
      token: trainer,
    });
    await call('get', '/api/v1/announcements/unread', '/api/v1/announcements/unread', { token: coach });
    await call('get', oneTemplate, one, { token: coach });
    await call('put', `${oneTemplate}/read`, `${one}/read`, { token: coach });
    // A nudge (an id of no enrolment of the cohort: answered as skipped).
    await call('post', '/api/v1/cohorts/{cohortId}/nudges', `/api/v1/cohorts/${practice.cohortId}/nudges`, {
      token: trainer,
      body: { enrolmentIds: [randomUUID()], message: 'Courage !' },
    });
    await call('patch', oneTemplate, one, { token: trainer, body: { title: { fr: 'Réunion vendredi' } } });
    await call('delete', `${oneTemplate}/pin`, `${one}/pin`, { token: trainer });
    await call('put', `${oneTemplate}/pin`, `${one}/pin`, { token: trainer });
    await call('delete', oneTemplate, one, { token: trainer });
    await call('get', oneTemplate, one, { token: coach });

    // A cohort's threads: the coach asks, the trainer replies and moderates (the practice cohort).
    const thr = `/api/v1/cohorts/${practice.cohortId}/threads`;
    const thrTemplate = '/api/v1/cohorts/{cohortId}/threads';
    const asked = await call('post', thrTemplate, thr, {
      token: coach,
      body: { title: 'Comment joindre une photo ?', body: 'Je **bloque**.' },
    });
    await call('post', thrTemplate, thr, {
      token: coach,
      body: { title: ' ', body: 'x', lessonKey: 'nope' },
    });
    const threadId = (asked.body as { id?: string }).id ?? randomUUID();
    const oneThr = `${thr}/${threadId}`;
    const oneThrTemplate = `${thrTemplate}/{threadId}`;
    await call('get', thrTemplate, `${thr}?limit=1&general=true`, { token: coach });
    await call('get', oneThrTemplate, oneThr, { token: coach });
    const replied = await call('post', `${oneThrTemplate}/posts`, `${oneThr}/posts`, {
      token: trainer,
      body: { body: 'Avec le bouton **Ajouter**.' },
    });
    const postTemplate = `${oneThrTemplate}/posts/{postId}`;
    const onePost = `${oneThr}/posts/${(replied.body as { id?: string }).id ?? randomUUID()}`;
    await call('patch', postTemplate, onePost, { token: trainer, body: { body: 'Avec **Ajouter**.' } });
    await call('post', `${postTemplate}/reports`, `${onePost}/reports`, { token: coach, body: {} });
    await call('put', `${postTemplate}/answer`, `${onePost}/answer`, { token: trainer });
    await call('delete', `${postTemplate}/answer`, `${onePost}/answer`, { token: trainer });
    await call('put', `${postTemplate}/hidden`, `${onePost}/hidden`, {
      token: trainer,
      body: { reason: 'Test' },
    });
    await call('delete', `${postTemplate}/hidden`, `${onePost}/hidden`, { token: trainer });
    await call('put', `${oneThrTemplate}/lock`, `${oneThr}/lock`, { token: trainer, body: {} });
    await call('post', `${oneThrTemplate}/posts`, `${oneThr}/posts`, {
      token: coach,
      body: { body: 'Encore' },
    });
    await call('delete', `${oneThrTemplate}/lock`, `${oneThr}/lock`, { token: trainer });
    await call('delete', postTemplate, onePost, { token: trainer });
    await call('get', '/api/v1/observatory/threads', '/api/v1/observatory/threads', { token: observer });
    // The field log's impact: all time, a window with filters, and the files.
    await call('get', '/api/v1/observatory/impact', '/api/v1/observatory/impact', { token: observer });
    await call(
      'get',
      '/api/v1/observatory/impact',
      '/api/v1/observatory/impact?from=2026-01&to=2026-12&sector=crafts&womenLed=true&lang=ar',
      { token: observer },
    );
    for (const format of ['csv', 'xlsx'])
      await call(
        'get',
        '/api/v1/observatory/impact/export',
        `/api/v1/observatory/impact/export?format=${format}`,
        {
          token: observer,
        },
      );

    // The field log: the coach registers an organisation in Berkane, records its log, shares it; the
    // trainer reads and comments.
    const [berkane] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-BER'`)) as {
      id: string;
    }[];
    const fw = '/api/v1/fieldwork/organisations';
    const fwOne = `${fw}/{id}`;
    const orgId = randomUUID();
    const orgBody = {
      id: orgId,
      name: 'Coopérative OpenAPI',
      kind: 'cooperative',
      sector: 'argan',
      territoryId: berkane?.id,
      members: 12,
      womenMembers: 8,
      womenLed: true,
      youthLed: false,
    };
    await call('put', fwOne, `${fw}/${orgId}`, { token: coach, body: orgBody });
    await call('put', fwOne, `${fw}/${orgId}`, { token: coach, body: { ...orgBody, members: 14 } });
    await call('put', fwOne, `${fw}/${orgId}`, { token: coach, body: { ...orgBody, womenMembers: 40 } });
    await call('get', fw, fw, { token: coach });
    const youngId = randomUUID();
    await call('put', fwOne, `${fw}/${youngId}`, {
      token: coach,
      body: { ...orgBody, id: youngId, name: 'Atelier OpenAPI', kind: 'young-enterprise', consent: true },
    });
    await call('post', `${fwOne}/consent-withdrawal`, `${fw}/${youngId}/consent-withdrawal`, {
      token: coach,
    });
    await call('post', `${fwOne}/consent-withdrawal`, `${fw}/${orgId}/consent-withdrawal`, { token: coach });
    await call('post', `${fwOne}/checks`, `${fw}/${orgId}/checks`, {
      token: coach,
      body: {
        id: randomUUID(),
        takenOn: '2026-03-01',
        answers: Object.fromEntries(MATURITY_ITEMS.map((i) => [i.id, 1])),
      },
    });
    const visitId = randomUUID();
    const fwVisit = `${fwOne}/visits/{visitId}`;
    await call('put', fwVisit, `${fw}/${orgId}/visits/${visitId}`, {
      token: coach,
      body: {
        id: visitId,
        visitedOn: '2026-05-04',
        minutes: 60,
        mode: 'on-site',
        competences: ['3.1'],
        lessons: [],
      },
    });
    await call('put', fwVisit, `${fw}/${orgId}/visits/${visitId}`, {
      token: coach,
      body: {
        id: visitId,
        visitedOn: '2026-05-04',
        minutes: 75,
        mode: 'on-site',
        competences: [],
        lessons: [],
      },
    });
    const milestone = await call('post', `${fwOne}/milestones`, `${fw}/${orgId}/milestones`, {
      token: coach,
      body: { id: randomUUID(), kind: 'website-live', reachedOn: '2026-05-05' },
    });
    await call('post', `${fwOne}/milestones`, `${fw}/${orgId}/milestones`, {
      token: coach,
      body: { id: randomUUID(), kind: 'website-live', reachedOn: '2026-05-05' },
    });
    await call('post', `${fwOne}/comments`, `${fw}/${orgId}/comments`, {
      token: trainer,
      body: { id: randomUUID(), visitId, body: 'Bon travail' },
    });
    await call('get', fwOne, `${fw}/${orgId}`, { token: trainer });
    await call('get', '/api/v1/fieldwork/coaches', '/api/v1/fieldwork/coaches', { token: trainer });
    await call('post', `${fwOne}/share-requests`, `${fw}/${orgId}/share-requests`, { token: coach });
    const peerInvite = await t.request('POST', '/api/v1/users/invitations', {
      token: admin,
      body: {
        email: 'fieldwork.peer@openapi.test',
        displayName: 'Coach pair',
        role: 'coach',
        territoryId: berkane?.id,
        preferredLanguage: 'fr',
      },
    });
    const peer = { id: (peerInvite.body as { user?: { id?: string } }).user?.id ?? randomUUID() };
    await call('post', `${fwOne}/shares`, `${fw}/${orgId}/shares`, {
      token: coach,
      body: { coachId: peer.id },
    });
    await call('delete', `${fwOne}/shares/{coachId}`, `${fw}/${orgId}/shares/${peer.id}`, {
      token: coach,
    });
    await call(
      'delete',
      `${fwOne}/milestones/{milestoneId}`,
      `${fw}/${orgId}/milestones/${(milestone.body as { id?: string }).id ?? randomUUID()}`,
      { token: coach },
    );
    await call('delete', fwVisit, `${fw}/${orgId}/visits/${visitId}`, { token: coach });
    await call('delete', fwOne, `${fw}/${orgId}`, { token: coach });
    await call('get', fwOne, `${fw}/${orgId}`, { token: coach });

    // Routes added beside this spec: the lockout of an account, and any GET without parameters (health
    // probes, the audit log) as an admin.
    await call('get', '/api/v1/audit/export', '/api/v1/audit/export?format=xlsx&locale=ar', { token: admin });
    await call('get', '/api/v1/audit/export', '/api/v1/audit/export?format=csv&actor=nadia', {
      token: admin,
    });
    if (doc.paths['/api/v1/users/{id}/lockout']) {
      await call('get', '/api/v1/users/{id}/lockout', `/api/v1/users/${userId}/lockout`, { token: admin });
      await call('delete', '/api/v1/users/{id}/lockout', `/api/v1/users/${userId}/lockout`, { token: admin });
    }
    for (const op of operationsOf(doc)) {
      if (op.method !== 'get' || op.pathParams.length || seen.has(`get ${op.path}`)) continue;
      await call('get', op.path, op.path, { token: admin });
    }

    // Sign-out last (it ends the coach's session of the sign-in above).
    await call('post', '/api/v1/auth/sign-out', '/api/v1/auth/sign-out', {
      cookie: signIn.refreshCookie ?? '',
    });

    const all = operationsOf(doc).map((op) => `${op.method} ${op.path}`);
    console.log(
      `openapi: ${seen.size}/${all.length} operations answered; ${schemaChecked} bodies checked against a schema; ` +
        `${uncheckedJson.length} JSON success bodies unchecked; ` +
        `${successChecked.size} operations' success bodies checked; ` +
        `${undeclaredBodies.length} answers had a body the document does not describe`,
    );
    expect(problems).toEqual([]);
    // Every JSON 2xx body met a schema (a route without one, e.g. no @ApiContractResponse, is named here).
    expect(uncheckedJson).toEqual([]);
    expect(undeclaredBodies).toEqual([]);
    // Every operation whose document promises a JSON success body answered one, and it met the schema.
    const jsonSuccess = all.filter((op) => {
      const [method, path] = op.split(' ') as [HttpMethod, string];
      return Object.entries(doc.paths[path]?.[method]?.responses ?? {}).some(
        ([status, response]) => /^2/.test(status) && response.content?.['application/json'],
      );
    });
    expect(jsonSuccess.filter((op) => !successChecked.has(op))).toEqual([]);
    // Every operation of the document was called at least once.
    expect(all.filter((op) => !seen.has(op))).toEqual([]);
  });
});
