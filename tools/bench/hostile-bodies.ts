/**
 * The event loop under hostile JSON bodies (figures, not a test):
 *   npm run bench:hostile-bodies            # HOSTILE_REPEAT (default 3) sends of each shape to each route
 *   HOSTILE_ROUTES=sign-in,self,quiz,progress npm run bench:hostile-bodies   # some routes only
 *
 * Starts the API on PostgreSQL (a fresh database, demo data) listening on a port, then sends the worst
 * shapes a body can take within the 4 MB limit (100,000 keys at the top and in a map field, two million
 * array items, deep nesting, a 4 MB string) and the largest shapes the bounds still let through to
 * validation, to a public route, the coach's routes and a trainer's course import, signed in as a coach
 * or a trainer (so validation really runs). Meanwhile `GET /api/health/live` is asked every 5 ms. Prints, per shape
 * and route: status, time to the answer, size of the answer; then the event loop's worst delay over the
 * run (perf_hooks, 1 ms resolution) and the health probes' worst wait. The target is under 50 ms.
 */
import 'reflect-metadata';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { countValues, DEFAULT_JSON_BOUNDS, DOCUMENT_JSON_BOUNDS, type JsonBounds } from '@tc/shared/api';
import { createTestApp } from '../../apps/api/src/testing/test-app';

const REPEAT = Number(process.env['HOSTILE_REPEAT'] ?? 3);
const BODY_LIMIT = 4 * 1024 * 1024;

function keys(n: number, prefix = 'k'): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) out[`${prefix}${i}`] = i;
  return out;
}

/** The biggest text of this shape that still fits under the body limit. */
function fit(make: (n: number) => string, start: number): string {
  let n = start;
  let text = make(n);
  while (text.length > BODY_LIMIT - 64) text = make((n = Math.floor(n * 0.9)));
  return text;
}

/** Objects of unknown keys, as many and as wide as the bounds let through: each key a field at fault. */
function withinBounds(map: string, bounds: JsonBounds): string {
  const width = bounds.maxKeys - 1;
  const count = Math.min(bounds.maxItems, Math.floor((bounds.maxNodes - 2) / (width + 1)));
  return JSON.stringify({ [map]: Array.from({ length: count }, (_, i) => keys(width, `u${i}_`)) });
}

/** Known fields, every one of the wrong type, as many as the bounds let through: the costliest valid shape. */
function wrongTypes(map: string): string | null {
  if (map === 'events') {
    const event = { id: 1, enrolmentId: 1, lessonKey: 1, type: 1, occurredAt: 1 };
    return JSON.stringify({ events: Array.from({ length: 500 }, () => event) });
  }
  if (map === 'modules') {
    const lesson = {
      key: 1,
      kind: 1,
      title: 1,
      competences: 1,
      estimatedMinutes: '',
      body: 1,
      media: 1,
      quiz: 1,
    };
    const module = { key: 1, title: 1, lessons: Array.from({ length: 21 }, () => lesson) };
    return JSON.stringify({ modules: Array.from({ length: 100 }, () => module) });
  }
  return null;
}

interface Row {
  name: string;
  shape: string;
  bytes: number;
  status: number;
  worst: number;
  size: number;
}

/** The client, on its own thread: each case REPEAT times, with a health probe every 5 ms meanwhile. */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { cases, repeat, base } = workerData;
let probing = true, probes = 0, worstProbe = 0;
const prober = (async () => {
  while (probing) {
    const t = performance.now();
    const res = await fetch(base + '/api/health/live');
    await res.arrayBuffer();
    worstProbe = Math.max(worstProbe, performance.now() - t);
    probes++;
    await new Promise((r) => setTimeout(r, 5));
  }
})();
(async () => {
  const rows = [];
  for (const c of cases) {
    let worst = 0, status = 0, size = 0;
    for (let r = 0; r < repeat; r++) {
      const t = performance.now();
      const headers = { 'content-type': 'application/json' };
      if (c.token) headers.authorization = 'Bearer ' + c.token;
      const res = await fetch(c.url, { method: c.method, headers, body: c.body });
      size = (await res.arrayBuffer()).byteLength;
      worst = Math.max(worst, performance.now() - t);
      status = res.status;
    }
    rows.push({ name: c.name, shape: c.shape, bytes: c.body.length, status, worst, size });
  }
  probing = false;
  await prober;
  parentPort.postMessage({ rows, probes, worstProbe });
})();
`;

interface Shape {
  name: string;
  body: string;
  /** Send signed in as this role (validation then runs for what passes the bounds). */
  as?: 'coach' | 'trainer';
}

async function main(): Promise<void> {
  // Errors are logged (to stderr): a 5xx under these shapes is a finding of its own.
  const app = await createTestApp(
    { NODE_ENV: 'development', LOG_LEVEL: 'error' },
    'postgres',
    process.stderr,
  );
  try {
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    const coach = await app.signIn('coach@example.org');
    const trainer = await app.signIn('trainer@example.org');
    const home = await app.request('GET', '/api/v1/me/enrolments', { token: coach.accessToken });
    const enrolmentId = (home.body as { id: string }[])[0]?.id ?? '00000000-0000-4000-8000-000000000000';

    const routes = [
      { name: 'sign-in', method: 'POST', path: '/api/v1/auth/sign-in', map: 'email', as: undefined },
      {
        name: 'self-assessment',
        method: 'PUT',
        path: `/api/v1/enrolments/${enrolmentId}/self-assessment/start`,
        map: 'ratings',
        as: 'coach',
      },
      {
        name: 'quiz attempt',
        method: 'POST',
        path: `/api/v1/enrolments/${enrolmentId}/quizzes/m1-l3/attempts`,
        map: 'answers',
        as: 'coach',
      },
      {
        name: 'progress events',
        method: 'POST',
        path: '/api/v1/progress/events',
        map: 'events',
        as: 'coach',
      },
      {
        name: 'course import',
        method: 'POST',
        path: '/api/v1/courses/import',
        map: 'modules',
        as: 'trainer',
      },
    ];
    // Not hostile: the largest genuine course file the bounds let through, the demo course's modules
    // repeated under a new slug (its validation runs in slices; the import then writes it).
    const courses = await app.request('GET', '/api/v1/courses', { token: trainer.accessToken });
    const demoId = (courses.body as { id: string }[])[0].id;
    const demo = (
      await app.request('GET', `/api/v1/courses/${demoId}/export`, { token: trainer.accessToken })
    ).body as { modules: { key: string; lessons: { key: string }[] }[]; slug: string };
    const copies = Math.min(
      Math.floor(100 / demo.modules.length),
      Math.floor(DOCUMENT_JSON_BOUNDS.maxNodes / countValues(demo, Infinity)),
    );
    const large = {
      ...demo,
      slug: `${demo.slug}-large`,
      modules: Array.from({ length: copies }, (_, c) =>
        demo.modules.map((m) => ({
          ...m,
          key: `${m.key}-${c}`,
          lessons: m.lessons.map((l) => ({ ...l, key: `${l.key}-${c}` })),
        })),
      ).flat(),
    };
    const genuine: Shape = {
      name: `a genuine course, ${countValues(large, Infinity)} values`,
      body: JSON.stringify(large),
      as: 'trainer',
    };

    const shapeFor = (map: string, as: Shape['as']): Shape[] =>
      [
        { name: '100k keys at the top', body: JSON.stringify(keys(100_000)) },
        { name: '100k keys in a field', body: JSON.stringify({ [map]: keys(100_000) }) },
        {
          name: 'items to the limit',
          body: fit((n) => `{"${map}":[${'0,'.repeat(n)}0]}`, 2_100_000),
        },
        { name: 'nesting 100k deep', body: `{"${map}":${'['.repeat(100_000)}${']'.repeat(100_000)}}` },
        { name: 'a 4 MB string', body: fit((n) => JSON.stringify({ [map]: 'x'.repeat(n) }), BODY_LIMIT) },
        {
          name: 'largest within bounds',
          body: withinBounds(map, map === 'modules' ? DOCUMENT_JSON_BOUNDS : DEFAULT_JSON_BOUNDS),
        },
        ...(wrongTypes(map) ? [{ name: 'wrong types within bounds', body: wrongTypes(map) as string }] : []),
      ]
        .map((shape): Shape => ({ ...shape, as }))
        .concat(map === 'modules' ? [genuine] : []);

    // Every body is built before the measuring starts.
    // HOSTILE_ROUTES=sign-in,progress (names' beginnings): only those routes, for the loop's figure of each.
    const only = process.env['HOSTILE_ROUTES']?.split(',').map((r) => r.trim());
    const cases = routes
      .filter((route) => !only || only.some((o) => route.name.startsWith(o)))
      .flatMap((route) =>
        shapeFor(route.map, route.as as Shape['as']).map((shape) => ({
          name: route.name,
          method: route.method,
          url: base + route.path,
          shape: shape.name,
          body: shape.body,
          token: shape.as === 'trainer' ? trainer.accessToken : shape.as ? coach.accessToken : undefined,
        })),
      );
    // The client (requests and health probes) runs on a worker thread: the event loop measured here is
    // the server's alone.
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const report = await new Promise<{ rows: Row[]; probes: number; worstProbe: number }>(
      (resolve, reject) => {
        const worker = new Worker(CLIENT, { eval: true, workerData: { cases, repeat: REPEAT, base } });
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
    loop.disable();
    const rows = report.rows.map(
      (r) =>
        `${r.name.padEnd(16)} ${r.shape.padEnd(36)} ${(r.bytes / 1e6).toFixed(2).padStart(5)} MB  ${r.status}  ${r.worst.toFixed(1).padStart(7)} ms  answer ${r.size} B`,
    );
    console.log(
      `route            shape                                body      status  worst time   answer`,
    );
    for (const row of rows) console.log(row);
    console.log(
      `\nevent loop delay over the run: max ${(loop.max / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, mean ${(loop.mean / 1e6).toFixed(2)} ms (target: max under 50 ms)`,
    );
    console.log(`health probes: ${report.probes}, worst wait ${report.worstProbe.toFixed(1)} ms`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
