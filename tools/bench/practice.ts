/**
 * Field practice on PostgreSQL (figures, not a test):
 *   npm run bench:practice      # about 20 s; BENCH_CALLS, BENCH_PAIRS, BENCH_LINK_KBPS, BENCH_PHOTO_KB
 *
 * (a) The trainer's queue with 10,000 rounds in one cohort of one territory (the worst case: every
 * round in the cohort asked for): the first page, the page after it and one module's page, BENCH_CALLS
 * calls each over HTTP, p50/p95 in ms, and their ratio to a baseline run in the same process and turns
 * (the cohort's roster page, a cheap authenticated GET of the same trainer): on a busy machine both
 * slow down, the ratio says what the queue costs above an ordinary request.
 *
 * (b) A coach's hand-in of three photos of about BENCH_PHOTO_KB kB with tus-js-client (as the web app
 * sends them: one after another, a photo under its 512 kB chunks in one PATCH) through a TCP proxy
 * throttled to BENCH_LINK_KBPS (a weak mobile link), BENCH_PAIRS times on an uncut link and as many
 * with the link cut twice mid-way (the proxy destroys both sockets in the middle of a PATCH body).
 * Each upload resumes from the offset its HEAD answers. Then the hand-in itself, with the three
 * evidence ids. It shows that the cut hand-in completes, that each photo is stored once (rows and files
 * on disk), how many resumes happened, and the time against the uncut one (ratio).
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { PRACTICE_LESSON as LESSON, taskCohort } from '../../apps/api/src/testing/practice-world';
import { createTestApp } from '../../apps/api/src/testing/test-app';

const CALLS = Number(process.env['BENCH_CALLS'] ?? 200);
const LINK_KBPS = Number(process.env['BENCH_LINK_KBPS'] ?? 8_000);
const PHOTO_KB = Number(process.env['BENCH_PHOTO_KB'] ?? 500);
const PAIRS = Number(process.env['BENCH_PAIRS'] ?? 3);
const ROUNDS = 10_000;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** A JPEG of noise of about PHOTO_KB kB (about half a byte a pixel at this quality), distinct each call. */
async function photo(): Promise<Buffer> {
  const side = Math.round(Math.sqrt((PHOTO_KB * 1024) / 0.52));
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .jpeg({ quality: 70 })
    .toBuffer();
}

/**
 * A TCP proxy to the API throttled to LINK_KBPS upstream; `cutAfter` holds the upstream byte counts
 * (over all connections) at which it destroys the connection carrying them, the link dropping there.
 */
async function link(target: number) {
  const state = { sent: 0, cutAfter: [] as number[], cuts: 0, heads: 0 };
  const server = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      state.heads += (chunk.toString('latin1').match(/^HEAD \/api\/v1\/practice\/uploads\//gm) ?? []).length;
      const cut = state.cutAfter[0];
      if (cut !== undefined && state.sent + chunk.length >= cut) {
        state.cutAfter.shift();
        state.cuts++;
        upstream.write(chunk.subarray(0, cut - state.sent), () => {
          upstream.destroy();
          client.destroy();
        });
        state.sent = cut;
        return;
      }
      state.sent += chunk.length;
      upstream.write(chunk);
      client.pause();
      setTimeout(() => client.resume(), (chunk.length * 8) / LINK_KBPS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { state, port: (server.address() as AddressInfo).port, close: () => server.close() };
}

async function main(): Promise<void> {
  if (process.env['BENCH_DB'] === 'pglite')
    throw new Error('This benchmark measures PostgreSQL; run it with a server at 127.0.0.1:5432.');
  const evidenceDir = mkdtempSync(join(tmpdir(), 'tc-bench-evidence-'));
  const t = await createTestApp({ LOG_LEVEL: 'silent', EVIDENCE_DIR: evidenceDir }, 'postgres');
  try {
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    const coach = (await t.signIn('coach@example.org')).accessToken;
    const courseId = (await t.request('GET', '/api/v1/courses', { token: trainer })).body[0].id as string;
    const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    // A cohort of the demo course plus a module with a task of a text and up to three photos.
    const { cohortId } = await taskCohort(
      t,
      { coach, trainer },
      { courseId, territoryId: String(oriental?.id) },
    );
    const [enrolment] = (await t.dataSource.query(
      `SELECT e.id, e.user_id FROM enrolments e JOIN users u ON u.id = e.user_id
        WHERE e.cohort_id = $1 AND u.email = 'coach@example.org'`,
      [cohortId],
    )) as { id: string; user_id: string }[];
    if (!enrolment) throw new Error('The coach was not enrolled');
    // 10,000 rounds of distinct tasks over ten modules, a third of each status, a minute apart.
    await t.dataSource.query(
      `INSERT INTO practice_submissions (id, enrolment_id, lesson_key, coach_id, cohort_id, module_key, round, status, text, handed_in_at)
       SELECT gen_random_uuid(), $1, 'task-' || g, $2, $3, 'm' || (g % 10), 1,
              (ARRAY['waiting', 'returned', 'passed'])[1 + g % 3], 'Rendu ' || g,
              now() - make_interval(mins => 20000 - g)
         FROM generate_series(1, $4::int) AS g`,
      [enrolment.id, enrolment.user_id, cohortId, ROUNDS],
    );
    await t.dataSource.query('ANALYZE practice_submissions');

    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;

    // (a) The queue against the roster, in turns (one call of each path per turn), after a warm-up.
    const queue = `/api/v1/cohorts/${cohortId}/practice/queue?status=waiting&limit=20`;
    const first = (await (
      await fetch(`${base}${queue}`, { headers: { authorization: `Bearer ${trainer}` } })
    ).json()) as { nextCursor: string };
    const paths = {
      'roster (baseline)': `/api/v1/cohorts/${cohortId}/roster`,
      'queue, first page': queue,
      'queue, next page': `${queue}&cursor=${first.nextCursor}`,
      'queue, one module': `${queue}&moduleKey=m3`,
    };
    const times = Object.fromEntries(Object.keys(paths).map((k) => [k, [] as number[]]));
    for (let i = 0; i < CALLS + 20; i++)
      for (const [name, path] of Object.entries(paths)) {
        const t0 = performance.now();
        const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${trainer}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        if (i >= 20) times[name]?.push(performance.now() - t0);
      }
    const baseline = [...(times['roster (baseline)'] as number[])].sort((a, b) => a - b);
    console.log(
      `(a) trainer's queue, ${ROUNDS.toLocaleString('en')} rounds in the cohort, ${CALLS} calls per path over HTTP (after 20 warm-up), in turns`,
    );
    for (const [name, ms] of Object.entries(times)) {
      const s = [...ms].sort((a, b) => a - b);
      const ratio = name.startsWith('roster')
        ? ''
        : `   ×${(percentile(s, 50) / percentile(baseline, 50)).toFixed(2)} p50, ×${(percentile(s, 95) / percentile(baseline, 95)).toFixed(2)} p95 of the baseline`;
      console.log(
        `  ${name.padEnd(18)} p50 ${percentile(s, 50).toFixed(1).padStart(5)} ms  p95 ${percentile(s, 95).toFixed(1).padStart(5)} ms${ratio}`,
      );
    }

    // (b) Three photos and a hand-in, on an uncut link and on a link cut twice mid-way.
    const load = require as (id: string) => unknown;
    const { Upload } = load('tus-js-client') as typeof import('tus-js-client');
    const proxy = await link(port);
    const taskUrl = `/api/v1/enrolments/${enrolment.id}/tasks/${LESSON}`;
    const uploadOne = (bytes: Buffer, name: string) =>
      new Promise<{ evidenceId: string; retries: number }>((resolve, reject) => {
        let retries = 0;
        let evidenceId = '';
        const upload = new Upload(bytes, {
          endpoint: `http://127.0.0.1:${proxy.port}/api/v1/practice/uploads`,
          headers: { authorization: `Bearer ${coach}` },
          metadata: {
            enrolmentId: enrolment.id,
            lessonKey: LESSON,
            kind: 'photo',
            filename: name,
            filetype: 'image/jpeg',
          },
          // The web app's waits, without their seconds (they would only add the same time to both runs).
          retryDelays: [0, 0, 0, 0],
          storeFingerprintForResuming: false,
          onShouldRetry: () => {
            retries++;
            return true;
          },
          onAfterResponse: (_req, res) => {
            evidenceId = res.getHeader('Upload-Evidence-Id') || evidenceId;
          },
          onSuccess: () => resolve({ evidenceId, retries }),
          onError: reject,
        });
        upload.start();
      });
    const handIn = async (cuts: number) => {
      const photos = await Promise.all([photo(), photo(), photo()]);
      const total = photos.reduce((n, p) => n + p.length, 0);
      proxy.state.sent = 0;
      proxy.state.cuts = 0;
      proxy.state.heads = 0;
      proxy.state.cutAfter = Array.from({ length: cuts }, (_, i) =>
        Math.round((total * (i + 1)) / (cuts + 1)),
      );
      const t0 = performance.now();
      // One after another, as the web app's outbox sends them.
      const done: { evidenceId: string; retries: number }[] = [];
      for (const [i, p] of photos.entries()) done.push(await uploadOne(p, `vitrine-${i}.jpg`));
      const res = await fetch(`http://127.0.0.1:${proxy.port}${taskUrl}/submissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${coach}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          id: randomUUID(),
          text: 'La vitrine de la coopérative.',
          fileIds: done.map((d) => d.evidenceId),
        }),
      });
      const ms = performance.now() - t0;
      const body = (await res.json()) as { id: string; round: number };
      return {
        ms,
        status: res.status,
        body,
        total,
        sent: proxy.state.sent,
        cuts: proxy.state.cuts,
        resumes: proxy.state.heads,
        retries: done.reduce((n, d) => n + d.retries, 0),
        ids: done.map((d) => d.evidenceId),
        photos,
      };
    };
    console.log(
      `(b) a hand-in of 3 photos (tus-js-client, one file after another) over a ${LINK_KBPS / 1000} Mbit/s link`,
    );
    // Each hand-in is withdrawn after it, so that the task takes the next one (a new round).
    const run = async (cuts: number) => {
      const r = await handIn(cuts);
      if (r.status !== 201) throw new Error(`a hand-in over a link cut ${cuts} times answered ${r.status}`);
      await t.request('DELETE', `${taskUrl}/submissions/${r.body.id}`, { token: coach });
      return r;
    };
    await run(0); // warm-up: code loaded and compiled, connections open
    const uncut: Awaited<ReturnType<typeof run>>[] = [];
    const cut: Awaited<ReturnType<typeof run>>[] = [];
    // Pairs in alternating order, so that neither kind of link always goes first.
    for (let i = 0; i < PAIRS; i++)
      for (const cuts of i % 2 ? [2, 0] : [0, 2]) (cuts ? cut : uncut).push(await run(cuts));
    const median = (rs: { ms: number }[]) =>
      [...rs.map((r) => r.ms)].sort((a, b) => a - b)[Math.floor(rs.length / 2)] as number;
    const sum = (
      rs: Record<'cuts' | 'resumes' | 'retries' | 'sent' | 'total', number>[],
      k: 'cuts' | 'resumes' | 'retries' | 'sent' | 'total',
    ) => rs.reduce((n, r) => n + r[k], 0);
    const line = (name: string, rs: typeof cut) =>
      console.log(
        `  ${name}: ${rs.length} hand-ins, all 201; ${(sum(rs, 'total') / rs.length / 1024).toFixed(0)} kB of photos and ${(sum(rs, 'sent') / rs.length / 1024).toFixed(0)} kB sent each; ` +
          `${sum(rs, 'cuts')} cuts, ${sum(rs, 'resumes')} resumes (HEAD), ${sum(rs, 'retries')} retries in all; median ${(median(rs) / 1000).toFixed(2)} s`,
      );
    line('uncut link', uncut);
    line('cut twice ', cut);
    // Stored once: one evidence row and one file on disk per photo handed in, the bytes as sent.
    const files = readdirSync(join(evidenceDir, enrolment.id)).filter((f) => !f.startsWith('.'));
    const [rows] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM practice_evidence_files WHERE enrolment_id = $1`,
      [enrolment.id],
    )) as { n: number }[];
    let intact = 0;
    for (const r of cut)
      for (const [i, id] of r.ids.entries()) {
        const served = await t.request('GET', `/api/v1/practice/evidence/${id}`, { token: coach });
        if (served.raw.equals(r.photos[i] as Buffer)) intact++;
      }
    const photos = 3 * (1 + 2 * PAIRS);
    console.log(
      `  cut / uncut median time: ×${(median(cut) / median(uncut)).toFixed(2)}; stored: ${rows?.n} evidence rows and ${files.length} files on disk ` +
        `for the ${photos} photos handed in (warm-up included); ${intact} of the ${3 * cut.length} photos sent over the cut link served back byte for byte`,
    );
    if (
      rows?.n !== photos ||
      files.length !== photos ||
      intact !== 3 * cut.length ||
      sum(cut, 'cuts') !== 2 * cut.length
    )
      throw new Error('the cut hand-ins did not end as they should (see above)');
    proxy.close();
  } finally {
    await t.close();
    rmSync(evidenceDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
