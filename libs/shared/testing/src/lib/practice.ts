import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { PracticalTask } from '@tc/shared/contracts';
import type { TestApp, TestResponse } from './test-app';

/**
 * A small JPEG, different for every `seed` below 2^24 (no EXIF). The seed's bits are drawn as black and
 * white pixels: near colours could quantise to the same bytes, full-contrast pixels do not.
 */
export function jpeg(seed: number): Promise<Buffer> {
  const pixels = Buffer.alloc(8 * 8 * 3, 128);
  for (let bit = 0; bit < 24; bit++) pixels.fill((seed >>> bit) & 1 ? 255 : 0, bit * 3, bit * 3 + 3);
  return sharp(pixels, { raw: { width: 8, height: 8, channels: 3 } })
    .jpeg()
    .toBuffer();
}

/** `Upload-Metadata` of a tus creation. */
export function uploadMetadata(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');
}

/** Uploads a small photo for a task by tus (create, then one PATCH); answers the evidence file's id. */
export async function uploadPhoto(
  t: Pick<TestApp, 'request'>,
  coachToken: string,
  enrolmentId: string,
  lessonKey: string,
  seed: number,
): Promise<string> {
  const ok = (res: TestResponse, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const bytes = await jpeg(seed);
  const created = ok(
    await t.request('POST', '/api/v1/practice/uploads', {
      token: coachToken,
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes.length),
        'upload-metadata': uploadMetadata({ enrolmentId, lessonKey, kind: 'photo' }),
      },
    }),
    'create upload',
  );
  const patched = ok(
    await t.request('PATCH', String(created.headers['location']), {
      token: coachToken,
      body: bytes,
      headers: {
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
    }),
    'upload',
  );
  return String(patched.headers['upload-evidence-id']);
}

/** Seeds of `passTask`'s photos: each one new in this process, so no two of its photos are alike. */
let nextSeed = 1 + Math.floor(Math.random() * 0x7fffff);

/**
 * Passes a practical task for `coachToken`'s enrolment as the cohort's trainer would: uploads the
 * photos and the text the task's rules ask for at least (one photo when it takes photos but asks for
 * none), hands them in and passes the round with each criterion's highest level. For specs that need a
 * course with required tasks completed. Answers the round's id.
 */
export async function passTask(
  t: Pick<TestApp, 'request'>,
  tokens: { coach: string; trainer: string },
  enrolmentId: string,
  lesson: { key: string; task?: PracticalTask | null },
): Promise<string | null> {
  const task = lesson.task;
  if (!task) return null;
  const ok = (res: TestResponse, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const rule = (kind: string) => task.evidence.find((r) => r.kind === kind);
  const photos = rule('photo') ? Math.max(1, rule('photo')?.min ?? 0) : 0;
  const fileIds: string[] = [];
  for (let i = 0; i < photos; i++) {
    fileIds.push(await uploadPhoto(t, tokens.coach, enrolmentId, lesson.key, nextSeed++));
  }
  const handedIn = ok(
    await t.request('POST', `/api/v1/enrolments/${enrolmentId}/tasks/${lesson.key}/submissions`, {
      token: tokens.coach,
      body: { id: randomUUID(), text: rule('text') ? 'Fait avec la coopérative.' : null, fileIds },
    }),
    'hand in',
  );
  const id = String(handedIn.body.id);
  ok(
    await t.request('POST', `/api/v1/practice/submissions/${id}/review`, {
      token: tokens.trainer,
      body: {
        decision: 'pass',
        scores: task.criteria.map((c) => ({
          criterionKey: c.key,
          levelKey: [...c.levels].sort((a, b) => b.points - a.points)[0]?.key,
        })),
        comment: 'Validé.',
      },
    }),
    'pass',
  );
  return id;
}
