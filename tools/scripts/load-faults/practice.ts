/**
 * Field practice during the load: a share of the coaches (PRACTICE_SHARE) upload 1 to 3 small photos
 * by tus and hand in a round of the course's practical task, as the web app does
 * (libs/practice/web/src/lib/data-access/: tus-js-client for the files, the hand-in outbox for the
 * round), and the cohort's trainer reviews some rounds (pass, or revise and the coach hands in again).
 *
 * - An upload: `POST` creates it, then one `PATCH`, or two for about half of them (the bytes in two
 *   pieces, as a client sending chunks does). After a failed request (no answer, 5xx, 429, 401, a
 *   409 on the offset) the client waits as tus-js-client's `retryDelays` say, then asks `HEAD` where
 *   to resume: from the offset it answers, done when it names the stored file (`Upload-Evidence-Id`:
 *   the last PATCH's answer was lost), or from a new upload when it is gone (404/410: the server spent
 *   it on a failed store). After those delays, the outbox's doubling waits.
 * - A hand-in: `{id, text, fileIds}` with a client id, sent again with the same id until acknowledged
 *   (201 created, 200 replayed), with the outbox's doubling waits.
 * - The coach looks at the task now and then: returned → a new round with new photos, passed → done.
 * - The trainer reviews about REVIEW_SHARE of the rounds a little after they arrive; a review whose
 *   answer was lost (409 not waiting on the retry) is confirmed by reading the task.
 *
 * Everything the clients were told is kept here for checks.ts; the figures for report.ts.
 */
import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { isRetryableStatus, retryDelay } from '@tc/learning/web/sync-policy';
import type { PracticalTask } from '../../../libs/shared/contracts/src/lib/catalog';
import type { ReviewDecision, Submission, TaskState } from '../../../libs/shared/contracts/src/lib/practice';
import { PASSWORD } from './config';
import { http } from './http';
import { sleep } from './processes';

/** About one coach in ten practises. */
export const PRACTICE_SHARE = Number(process.env['LOAD_PRACTICE_SHARE'] ?? 0.1);
/** The share of rounds the trainer reviews, and of reviews that pass. */
const REVIEW_SHARE = 0.75;
const PASS_SHARE = 0.4;
/**
 * The share of uploads whose first PATCH answer, and of hand-ins whose first answer, the client loses
 * (a phone whose link drops just then): the request reached the server, the client resumes by HEAD
 * or sends the hand-in again with its id, whatever the faults of the run did.
 */
const LOST_ANSWER_SHARE = 0.15;
/** When practising coaches start (spread over the load's first part), how often they look at the task. */
const START_SPREAD_MS = 60_000;
const POLL_MS = 10_000;
/** tus-js-client's waits between tries of one request (the web app's RETRY_DELAYS). */
const TUS_RETRY_DELAYS = [0, 1_000, 3_000, 5_000];
const UPLOADS = '/api/v1/practice/uploads';

export interface TaskLesson {
  key: string;
  task: PracticalTask;
}

/** One photo as the coach uploaded it; `evidenceId` once the server named the stored file. */
export interface UploadRecord {
  enrolmentId: string;
  lessonKey: string;
  sha256: string;
  bytes: number;
  /** Every tus upload this photo took (a new one after the server spent one). */
  uploadIds: string[];
  evidenceId: string | null;
  refused: string | null;
}

/** One round as the coach handed it in. */
export interface HandInRecord {
  id: string;
  enrolmentId: string;
  lessonKey: string;
  fileIds: string[];
  acknowledged: boolean;
  attempts: number;
  /** 200: the server answered an earlier attempt that had been stored. */
  replayed: boolean;
  /** The answer named other files, or another id, than the ones handed in. */
  answerDiffers: boolean;
  refused: string | null;
}

export interface ReviewRecord {
  submissionId: string;
  decision: ReviewDecision;
  acknowledged: boolean;
  attempts: number;
  /** The answer was lost; the task read afterwards showed this decision. */
  confirmedByRead: boolean;
  refused: string | null;
}

/** What the practising coaches and the trainer did and were told. */
export const practice = {
  uploads: [] as UploadRecord[],
  handIns: [] as HandInRecord[],
  reviews: [] as ReviewRecord[],
  /** Bytes sent in PATCH bodies (more than the photos' size when a piece was sent again). */
  bytesSent: 0,
  patches: 0,
  splits: 0,
  /** HEAD after a failed request, then on from where the server was. */
  resumes: 0,
  /** A new upload for a photo whose upload the server had spent (a failed store). */
  restarts: 0,
  /** Answers the client lost on purpose (LOST_ANSWER_SHARE): of PATCHes, of hand-ins. */
  lostPatchAnswers: 0,
  lostHandInAnswers: 0,
  /** Practice requests (uploads, hand-ins, task reads, reviews) and their failures by kind. */
  requests: 0,
  errors: new Map<string, number>(),
  practising: 0,
};

function failed(status: number, what: string): void {
  const kind = status === 0 ? `${what}: no answer` : `${what}: HTTP ${status}`;
  practice.errors.set(kind, (practice.errors.get(kind) ?? 0) + 1);
}

/** The wait before try number `failures` + 1 of a tus request: tus-js-client's delays, then the outbox's. */
function tusDelay(failures: number): number {
  return failures <= TUS_RETRY_DELAYS.length
    ? (TUS_RETRY_DELAYS[failures - 1] as number)
    : retryDelay(failures - TUS_RETRY_DELAYS.length, Math.random());
}

/** Seeds of the photos: each one new in the run, so no two photos of a task are alike. */
let nextSeed = 1 + Math.floor(Math.random() * 0x3fffff);

/**
 * A small JPEG (64×48, a few kB of noise), different for every seed below 2^24: the seed's bits are
 * drawn as black and white pixels in the first row (as `jpeg()` of @tc/shared/testing does).
 */
async function photo(seed: number): Promise<Buffer> {
  const width = 64;
  const height = 48;
  const pixels = Buffer.alloc(width * height * 3);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < pixels.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    pixels[i] = s & 0xff;
  }
  for (let bit = 0; bit < 24; bit++) pixels.fill((seed >>> bit) & 1 ? 255 : 0, bit * 3, bit * 3 + 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

interface TusAnswer {
  status: number;
  header(name: string): string | null;
}

/** When the load stops (the drain goes on), and when the drain must give up. */
export interface PracticeClock {
  stopped: boolean;
  /** Resolves when the load stops: waits between rounds end then. */
  stop: Promise<void>;
  deadline: number;
}

/** A wait that ends early when the load stops. */
function pause(ms: number, clock: PracticeClock): Promise<void> {
  return Promise.race([sleep(ms), clock.stop]);
}

/** A session that signs in again on 401 (the web app renews it). */
class Session {
  constructor(
    private readonly base: string,
    private readonly email: string,
    public token: string,
  ) {}

  async renew(): Promise<void> {
    const res = await http<{ accessToken: string }>(this.base, 'POST', '/api/v1/auth/sign-in', {
      body: { email: this.email, password: PASSWORD },
    });
    if (res.status === 200 && res.body) this.token = res.body.accessToken;
  }
}

/** The trainer: reviews about REVIEW_SHARE of the rounds, 5 to 25 s after they arrive. */
export class Reviewer {
  private readonly session: Session;
  /** Reviews being sent (the drain waits for them). */
  inFlight = 0;

  constructor(
    private readonly base: string,
    token: string,
    private readonly task: TaskLesson,
    private readonly clock: PracticeClock,
  ) {
    this.session = new Session(base, 'trainer@example.org', token);
  }

  /** A round just acknowledged: reviewed a little later, or left waiting. */
  consider(handIn: HandInRecord): void {
    if (Math.random() >= REVIEW_SHARE) return;
    setTimeout(
      () => {
        if (!this.clock.stopped) void this.review(handIn);
      },
      5_000 + Math.random() * 20_000,
    );
  }

  private async review(handIn: HandInRecord): Promise<void> {
    this.inFlight++;
    const decision: ReviewDecision = Math.random() < PASS_SHARE ? 'pass' : 'revise';
    const record: ReviewRecord = {
      submissionId: handIn.id,
      decision,
      acknowledged: false,
      attempts: 0,
      confirmedByRead: false,
      refused: null,
    };
    practice.reviews.push(record);
    const scores = this.task.task.criteria.map((c) => {
      const levels = [...c.levels].sort((a, b) => a.points - b.points);
      return { criterionKey: c.key, levelKey: (decision === 'pass' ? levels.at(-1) : levels[0])?.key };
    });
    let failures = 0;
    try {
      while (Date.now() < this.clock.deadline) {
        if (failures) await sleep(retryDelay(failures, Math.random()));
        record.attempts++;
        practice.requests++;
        const res = await http<Submission>(
          this.base,
          'POST',
          `/api/v1/practice/submissions/${handIn.id}/review`,
          {
            token: this.session.token,
            body: {
              decision,
              scores,
              comment: decision === 'pass' ? 'Validé.' : 'À reprendre : une photo plus nette.',
            },
          },
        );
        if (res.status === 200) {
          record.acknowledged = true;
          return;
        }
        failed(res.status, 'review');
        if (res.status === 409 && record.attempts > 1) {
          // Not waiting any more after a try whose answer was lost: the task says whether it was ours.
          const seen = await this.decided(handIn);
          if (seen) {
            record.acknowledged = seen === decision;
            record.confirmedByRead = true;
            if (seen !== decision) record.refused = `the round shows the decision ${seen}`;
            return;
          }
        }
        if (res.status === 401) await this.session.renew();
        if (!isRetryableStatus(res.status)) {
          record.refused = `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
          return;
        }
        failures++;
      }
    } finally {
      this.inFlight--;
    }
  }

  /** The decision the round shows, read as the trainer; null when the read fails. */
  private async decided(handIn: HandInRecord): Promise<ReviewDecision | null> {
    practice.requests++;
    const res = await http<TaskState>(
      this.base,
      'GET',
      `/api/v1/enrolments/${handIn.enrolmentId}/tasks/${handIn.lessonKey}`,
      { token: this.session.token },
    );
    if (res.status !== 200 || !res.body) {
      failed(res.status, 'task read');
      return null;
    }
    return res.body.submissions.find((s) => s.id === handIn.id)?.review?.decision ?? null;
  }
}

/** One practising coach: rounds of the task until it is passed or the load stops. */
export class PracticeCoach {
  private readonly session: Session;
  /** A round (its uploads and hand-in) is going: the drain waits for it. */
  busy = false;

  constructor(
    private readonly base: string,
    email: string,
    token: string,
    readonly enrolmentId: string,
    private readonly task: TaskLesson,
    private readonly reviewer: Reviewer,
    private readonly clock: PracticeClock,
  ) {
    this.session = new Session(base, email, token);
  }

  async run(): Promise<void> {
    await pause(Math.random() * START_SPREAD_MS, this.clock);
    while (!this.clock.stopped) {
      if (!(await this.round())) return;
      // Waiting for the review: the coach looks at the task now and then.
      for (;;) {
        await pause(POLL_MS * (0.5 + Math.random()), this.clock);
        if (this.clock.stopped) return;
        const status = await this.status();
        if (status === 'passed') return;
        if (status === 'returned') break;
      }
      await pause(2_000 + Math.random() * 8_000, this.clock);
    }
  }

  /** 1 to 3 photos (within the task's rule), then the hand-in; false when it gave up. */
  private async round(): Promise<boolean> {
    this.busy = true;
    try {
      const rule = this.task.task.evidence.find((r) => r.kind === 'photo');
      const count = Math.max(rule?.min ?? 0, Math.min(rule?.max ?? 3, 1 + Math.floor(Math.random() * 3)));
      const files: UploadRecord[] = [];
      for (let i = 0; i < count; i++) {
        const file = await this.upload();
        if (!file) return false;
        files.push(file);
      }
      return await this.handIn(files.map((f) => f.evidenceId as string));
    } finally {
      this.busy = false;
    }
  }

  private async tus(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer,
  ): Promise<TusAnswer> {
    practice.requests++;
    try {
      const res = await fetch(`${this.base}${path}`, {
        method,
        headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${this.session.token}`, ...headers },
        body: body ? new Uint8Array(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      if (res.status >= 300) failed(res.status, `tus ${method}`);
      return { status: res.status, header: (name) => res.headers.get(name) };
    } catch {
      failed(0, `tus ${method}`);
      return { status: 0, header: () => null };
    }
  }

  /** One photo by tus, resumed as tus-js-client resumes; the record, or null when it gave up. */
  private async upload(): Promise<UploadRecord | null> {
    const bytes = await photo(nextSeed++);
    const record: UploadRecord = {
      enrolmentId: this.enrolmentId,
      lessonKey: this.task.key,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      uploadIds: [],
      evidenceId: null,
      refused: null,
    };
    practice.uploads.push(record);
    const split = Math.random() < 0.5 ? 1 + Math.floor(Math.random() * (bytes.length - 1)) : null;
    if (split !== null) practice.splits++;
    const metadata = [
      ['enrolmentId', this.enrolmentId],
      ['lessonKey', this.task.key],
      ['kind', 'photo'],
      ['filename', `photo-${record.sha256.slice(0, 8)}.jpg`],
      ['filetype', 'image/jpeg'],
    ]
      .map(([k, v]) => `${k} ${Buffer.from(v as string).toString('base64')}`)
      .join(',');
    let url: string | null = null;
    let offset = 0;
    let failures = 0;
    let resume = false;
    let loseAnswer = Math.random() < LOST_ANSWER_SHARE;
    const refuse = (what: string, status: number) => {
      record.refused = `${what}: ${status}`;
      return null;
    };
    while (Date.now() < this.clock.deadline) {
      if (failures) await sleep(tusDelay(failures));
      if (!url) {
        const res = await this.tus('POST', UPLOADS, {
          'upload-length': String(bytes.length),
          'upload-metadata': metadata,
        });
        const location = res.header('location');
        if (res.status === 201 && location) {
          url = location.startsWith('http') ? new URL(location).pathname : location;
          record.uploadIds.push(url.split('/').at(-1) as string);
          offset = 0;
          failures = 0;
          continue;
        }
        if (res.status === 401) await this.session.renew();
        if (!isRetryableStatus(res.status)) return refuse('create', res.status);
        failures++;
        continue;
      }
      if (resume) {
        const res = await this.tus('HEAD', url, {});
        if (res.status === 200) {
          resume = false;
          practice.resumes++;
          const stored = res.header('upload-evidence-id');
          if (stored) {
            record.evidenceId = stored;
            return record;
          }
          offset = Number(res.header('upload-offset') ?? 0);
          failures = 0;
          continue;
        }
        if (res.status === 404 || res.status === 410) {
          // The server spent this upload (a store that failed): a new one, from the first byte.
          resume = false;
          practice.restarts++;
          url = null;
          continue;
        }
        if (res.status === 401) await this.session.renew();
        if (!isRetryableStatus(res.status)) return refuse('resume', res.status);
        failures++;
        continue;
      }
      const end = split !== null && offset < split ? split : bytes.length;
      practice.patches++;
      practice.bytesSent += end - offset;
      const res = await this.tus(
        'PATCH',
        url,
        { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
        bytes.subarray(offset, end),
      );
      if (loseAnswer) {
        // The link dropped before the answer came: resume from where the server says.
        loseAnswer = false;
        practice.lostPatchAnswers++;
        resume = true;
        continue;
      }
      if (res.status === 204) {
        failures = 0;
        offset = Number(res.header('upload-offset') ?? end);
        const stored = res.header('upload-evidence-id');
        if (stored) {
          record.evidenceId = stored;
          return record;
        }
        // Every byte in and no file named: ask where it stands.
        if (offset >= bytes.length) resume = true;
        continue;
      }
      if (res.status === 401) await this.session.renew();
      // 409: the server has another offset (a piece arrived whose answer was lost).
      if (!isRetryableStatus(res.status) && res.status !== 409) return refuse('upload', res.status);
      failures++;
      resume = true;
    }
    return refuse('gave up at the end of the drain', 0);
  }

  /** The hand-in, sent again with the same id until acknowledged; false when refused or given up. */
  private async handIn(fileIds: string[]): Promise<boolean> {
    const record: HandInRecord = {
      id: randomUUID(),
      enrolmentId: this.enrolmentId,
      lessonKey: this.task.key,
      fileIds,
      acknowledged: false,
      attempts: 0,
      replayed: false,
      answerDiffers: false,
      refused: null,
    };
    practice.handIns.push(record);
    let failures = 0;
    let loseAnswer = Math.random() < LOST_ANSWER_SHARE;
    while (Date.now() < this.clock.deadline) {
      if (failures) await sleep(retryDelay(failures, Math.random()));
      record.attempts++;
      practice.requests++;
      const res = await http<Submission>(
        this.base,
        'POST',
        `/api/v1/enrolments/${this.enrolmentId}/tasks/${this.task.key}/submissions`,
        {
          token: this.session.token,
          body: { id: record.id, text: 'Catalogue fait avec la coopérative.', fileIds },
        },
      );
      if (loseAnswer) {
        // The link dropped before the answer came: the outbox sends the same id again at once.
        loseAnswer = false;
        practice.lostHandInAnswers++;
        continue;
      }
      if ((res.status === 201 || res.status === 200) && res.body) {
        record.acknowledged = true;
        record.replayed = res.status === 200;
        record.answerDiffers =
          res.body.id !== record.id || res.body.files.map((f) => f.id).join() !== fileIds.join();
        this.reviewer.consider(record);
        return true;
      }
      failed(res.status, 'hand-in');
      if (res.status === 401) await this.session.renew();
      if (!isRetryableStatus(res.status)) {
        record.refused = `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        return false;
      }
      failures++;
    }
    record.refused = 'gave up at the end of the drain';
    return false;
  }

  /** The latest round's status, as the coach's task page shows it; null when the read fails. */
  private async status(): Promise<string | null> {
    practice.requests++;
    const res = await http<TaskState>(
      this.base,
      'GET',
      `/api/v1/enrolments/${this.enrolmentId}/tasks/${this.task.key}`,
      { token: this.session.token },
    );
    if (res.status !== 200 || !res.body) {
      failed(res.status, 'task read');
      if (res.status === 401) await this.session.renew();
      return null;
    }
    return res.body.status;
  }
}
