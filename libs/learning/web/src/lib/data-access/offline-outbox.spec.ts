import 'fake-indexeddb/auto';
import { deserialize, serialize } from 'node:v8';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ProgressBatch, ProgressEvent, QuizAttemptResult } from '@tc/shared/contracts';
import type { MyEnrolment } from '@tc/shared/contracts';
import {
  IdbAttemptOutbox,
  IdbProgressOutbox,
  OFFLINE_DB_NAME,
  closeLearningDb,
  learningDb,
} from './offline-db';
import { OfflineLibrary } from './offline-library';
import { ATTEMPT_OUTBOX, PROGRESS_OUTBOX, type PendingAttempt } from './progress-sync/outbox';
import { ProgressSyncService } from './progress-sync/progress-sync.service';
import { FIRST_RETRY_MS, MAX_RETRY_MS, PROGRESS_BATCH_SIZE } from './progress-sync/sync-policy';
import { SYNC_RANDOM, SYNC_USER } from './progress-sync/sync-tokens';

// jsdom has no structuredClone, which fake-indexeddb uses to store values: Node's own clone.
globalThis.structuredClone ??= <T>(value: T): T => deserialize(serialize(value)) as T;

const URL = '/api/v1/progress/events';
const ATTEMPTS = '/api/v1/enrolments/enr-1/quizzes/quiz/attempts?locale=fr';

function event(n: number): ProgressEvent {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    enrolmentId: 'enr-1',
    lessonKey: `l${n}`,
    type: 'started',
    occurredAt: new Date(Date.UTC(2026, 10, 1, 8, 0, n)).toISOString(),
  };
}

function graded(attemptId: string): QuizAttemptResult {
  return {
    attemptId,
    attemptNumber: 1,
    score: 1,
    maxScore: 1,
    percent: 100,
    passed: true,
    passMark: 70,
    attemptsLeft: 2,
    bestPercent: 100,
    questions: [{ key: 'q1', correct: true }],
  };
}

async function deleteDb(): Promise<void> {
  await closeLearningDb();
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(OFFLINE_DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

/** The real timer, kept before the specs fake them. */
const realSetTimeout = globalThis.setTimeout.bind(globalThis);

/**
 * One turn of the real event loop: fake-indexeddb runs its requests with Node's setImmediate,
 * which comes before a real timer.
 */
function turn(): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, 0));
}

/**
 * Lets IndexedDB and the HTTP mocks settle: each round moves the fake clock and yields one real
 * event-loop turn, so progress depends on the number of rounds, not on how busy the machine is.
 */
async function settle(ms = 0, rounds = 40): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await jest.advanceTimersByTimeAsync(i === 0 ? ms : 0);
    await turn();
  }
}

describe('IndexedDB outboxes', () => {
  afterEach(deleteDb);

  it('keep events in the order they were added, each id once, across connections', async () => {
    const outbox = new IdbProgressOutbox();
    for (const n of [3, 1, 2]) await outbox.add('u-1', event(n));
    await outbox.add('u-1', event(1));
    // Another page (a reload) sees the same queue.
    await closeLearningDb();
    const again = new IdbProgressOutbox();
    expect((await again.all('u-1')).map((e) => e.lessonKey)).toEqual(['l3', 'l1', 'l2']);
    await again.remove([event(1).id, 'not-there']);
    expect((await again.all('u-1')).map((e) => e.lessonKey)).toEqual(['l3', 'l2']);
  });

  it('keep quiz attempts apart from events', async () => {
    const attempts = new IdbAttemptOutbox();
    await attempts.add('u-1', attempt('a-1'));
    expect((await attempts.all('u-1')).map((a) => a.attemptId)).toEqual(['a-1']);
    expect(await new IdbProgressOutbox().all('u-1')).toEqual([]);
  });

  it("keep each person's items apart, each in its own order", async () => {
    const outbox = new IdbProgressOutbox();
    await outbox.add('u-1', event(1));
    await outbox.add('u-2', event(2));
    await outbox.add('u-1', event(3));
    // The same event id is one item, whoever adds it again.
    await outbox.add('u-2', event(1));
    expect((await outbox.all('u-1')).map((e) => e.lessonKey)).toEqual(['l1', 'l3']);
    expect((await outbox.all('u-2')).map((e) => e.lessonKey)).toEqual(['l2']);
    expect(await outbox.all('u-3')).toEqual([]);
  });

  it('give the items of the version-1 database (no owner) to the coach the app remembers', async () => {
    await legacyDb({ remembered: 'u-9' });
    expect((await new IdbProgressOutbox().all('u-9')).map((e) => e.lessonKey)).toEqual(['l1', 'l2']);
    expect((await new IdbAttemptOutbox().all('u-9')).map((a) => a.attemptId)).toEqual(['a-1']);
    // The enrolment list of version 1 had no owner: gone (it is fetched again online).
    expect(await (await learningDb()).getAllKeys('enrolments')).toEqual([]);
  });

  it('keep version-1 items unsent by anyone when no coach is remembered', async () => {
    await legacyDb({ remembered: null });
    expect(await new IdbProgressOutbox().all('u-1')).toEqual([]);
    expect(await (await learningDb()).count('progress')).toBe(2);
  });
});

function attempt(attemptId: string, enrolmentId = 'enr-1'): PendingAttempt {
  return {
    attemptId,
    enrolmentId,
    lessonKey: 'quiz',
    answers: { q1: 'a' },
    answeredAt: '2026-11-01T08:00:00.000Z',
    locale: 'fr',
  };
}

/** The database as version 1 of the app left it: two events, an attempt, a list, no owners. */
async function legacyDb({ remembered }: { remembered: string | null }): Promise<void> {
  await deleteDb();
  localStorage.clear();
  if (remembered) localStorage.setItem('tc.offline.me', JSON.stringify({ id: remembered }));
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(OFFLINE_DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const name of ['progress', 'attempts']) {
        db.createObjectStore(name, { keyPath: 'seq', autoIncrement: true }).createIndex('byId', 'id', {
          unique: true,
        });
      }
      db.createObjectStore('courses', { keyPath: 'enrolmentId' });
      db.createObjectStore('enrolments');
      const tx = req.transaction!;
      tx.objectStore('progress').add({ id: event(1).id, value: event(1) });
      tx.objectStore('progress').add({ id: event(2).id, value: event(2) });
      tx.objectStore('attempts').add({ id: 'a-1', value: attempt('a-1') });
      tx.objectStore('enrolments').put([], 'mine');
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
}

describe('ProgressSyncService on the IndexedDB outbox', () => {
  let http: HttpTestingController;
  let random: number;
  /** Who is signed in (what the app's session says). */
  const user = signal<string | null>('u-1');

  /** Someone signs in or out; the service follows at once (its effect runs). */
  function signedIn(id: string | null): void {
    user.set(id);
    TestBed.tick();
  }

  function start(): ProgressSyncService {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: PROGRESS_OUTBOX, useFactory: () => new IdbProgressOutbox() },
        { provide: ATTEMPT_OUTBOX, useFactory: () => new IdbAttemptOutbox() },
        { provide: SYNC_RANDOM, useValue: () => random },
        { provide: SYNC_USER, useValue: user },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const service = TestBed.inject(ProgressSyncService);
    TestBed.tick();
    return service;
  }

  beforeEach(() => {
    user.set('u-1');
    random = 1;
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'setImmediate', 'nextTick'] });
    localStorage.clear();
  });

  afterEach(async () => {
    http.verify();
    jest.useRealTimers();
    TestBed.resetTestingModule();
    await deleteDb();
  });

  it('sends what an earlier page left, in order, in batches of at most 500', async () => {
    const outbox = new IdbProgressOutbox();
    for (let n = 1; n <= PROGRESS_BATCH_SIZE + 2; n++) await outbox.add('u-1', event(n));
    const service = start();
    await settle();
    const first = http.expectOne(URL);
    const body = first.request.body as ProgressBatch;
    expect(body.events.length).toBe(PROGRESS_BATCH_SIZE);
    expect(body.events[0].lessonKey).toBe('l1');
    expect(body.events[PROGRESS_BATCH_SIZE - 1].lessonKey).toBe(`l${PROGRESS_BATCH_SIZE}`);
    first.flush({ accepted: body.events.map((e) => e.id), duplicates: [], rejected: [] });
    for (let i = 0; i < 200 && (await outbox.all('u-1')).length > 2; i++) await settle(0, 5);
    await settle();
    const second = http.expectOne(URL);
    expect((second.request.body as ProgressBatch).events.map((e) => e.lessonKey)).toEqual([
      `l${PROGRESS_BATCH_SIZE + 1}`,
      `l${PROGRESS_BATCH_SIZE + 2}`,
    ]);
    second.flush({
      accepted: [],
      duplicates: (second.request.body as ProgressBatch).events.map((e) => e.id),
      rejected: [],
    });
    await settle();
    expect(await outbox.all('u-1')).toEqual([]);
    expect(service.pending()).toBe(0);
    expect(service.lastSyncedAt()).not.toBeNull();
  }, 20_000);

  it('keeps events through 5xx and lost connections, retrying after growing jittered waits', async () => {
    random = 0;
    const service = start();
    await settle();
    const recorded = await service.record('enr-1', 'l1', 'completed');
    http.expectOne(URL).flush(null, { status: 503, statusText: 'Service Unavailable' });
    await settle();
    expect(service.failing()).toBe(true);
    expect(service.pending()).toBe(1);
    // random 0: half of each step — 1 s, then 2 s, then 4 s.
    await settle(999);
    http.expectNone(URL);
    await settle(1);
    http.expectOne(URL).error(new ProgressEvent('offline'), { status: 0 });
    await settle(1_999);
    http.expectNone(URL);
    await settle(1);
    http.expectOne(URL).flush(null, { status: 429, statusText: 'Too Many Requests' });
    await settle(4_000);
    const last = http.expectOne(URL);
    expect((last.request.body as ProgressBatch).events).toEqual([recorded]);
    last.flush({ accepted: [recorded.id], duplicates: [], rejected: [] });
    await settle();
    expect(service.failing()).toBe(false);
    expect(service.pending()).toBe(0);
    await settle(10 * FIRST_RETRY_MS);
    http.expectNone(URL);
  });

  it('drops only what the server answered for; rejected events are counted with their reason', async () => {
    const service = start();
    await settle();
    const outbox = TestBed.inject(PROGRESS_OUTBOX);
    await outbox.add('u-1', event(1));
    await outbox.add('u-1', event(2));
    await outbox.add('u-1', event(3));
    void service.flush();
    await settle();
    const req = http.expectOne(URL);
    // The server answers for two of three (e.g. a proxy cut the batch): the third stays and goes again.
    req.flush({
      accepted: [event(1).id],
      duplicates: [],
      rejected: [{ id: event(2).id, reason: 'unknown_lesson' }],
    });
    await settle();
    expect((await outbox.all('u-1')).map((e) => e.id)).toEqual([event(3).id]);
    expect(service.rejections()).toEqual([
      expect.objectContaining({ kind: 'progress', id: event(2).id, lessonKey: 'l2', code: 'unknown_lesson' }),
    ]);
    await settle(FIRST_RETRY_MS);
    const again = http.expectOne(URL);
    expect((again.request.body as ProgressBatch).events.map((e) => e.id)).toEqual([event(3).id]);
    again.flush({ accepted: [], duplicates: [event(3).id], rejected: [] });
    await settle();
    expect(service.pending()).toBe(0);
  });

  it('sends at once when the browser comes back online', async () => {
    const service = start();
    await settle();
    await service.record('enr-1', 'l1', 'started');
    http.expectOne(URL).error(new ProgressEvent('offline'), { status: 0 });
    await settle();
    window.dispatchEvent(new Event('offline'));
    expect(service.online()).toBe(false);
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(service.online()).toBe(true);
    const req = http.expectOne(URL);
    req.flush({
      accepted: (req.request.body as ProgressBatch).events.map((e) => e.id),
      duplicates: [],
      rejected: [],
    });
    await settle();
  });

  it('grades a quiz attempt at once when online, after the events queued before it', async () => {
    const service = start();
    await settle();
    const started = service.record('enr-1', 'quiz', 'started');
    await settle();
    const answer = service.submitAttempt('enr-1', 'quiz', 'a-1', { q1: 'a' }, 'fr');
    await started;
    const events = http.expectOne(URL);
    http.expectNone(ATTEMPTS);
    events.flush({
      accepted: (events.request.body as ProgressBatch).events.map((e) => e.id),
      duplicates: [],
      rejected: [],
    });
    await settle();
    const post = http.expectOne(ATTEMPTS);
    expect(post.request.body).toEqual(expect.objectContaining({ attemptId: 'a-1', answers: { q1: 'a' } }));
    post.flush(graded('a-1'));
    await expect(answer).resolves.toEqual(graded('a-1'));
    expect(service.pending()).toBe(0);
  });

  it('keeps an attempt answered offline, then grades it once (same attempt id) when the link returns', async () => {
    const service = start();
    await settle();
    const outcomes: string[] = [];
    service.graded.subscribe((o) => outcomes.push(o.result.attemptId));
    const answer = service.submitAttempt('enr-1', 'quiz', 'a-2', { q1: 'b' }, 'fr');
    await settle();
    http.expectOne(ATTEMPTS).error(new ProgressEvent('offline'), { status: 0 });
    await expect(answer).resolves.toBeNull();
    expect(service.pendingAttempts().map((a) => a.attemptId)).toEqual(['a-2']);
    // A reload: a new page finds it in IndexedDB and sends it.
    await closeLearningDb();
    const next = start();
    next.graded.subscribe((o) => outcomes.push(o.result.attemptId));
    await settle();
    const post = http.expectOne(ATTEMPTS);
    expect((post.request.body as { attemptId: string }).attemptId).toBe('a-2');
    post.flush(graded('a-2'));
    await settle();
    expect(outcomes).toEqual(['a-2']);
    expect(next.pendingAttempts()).toEqual([]);
    expect(service).not.toBe(next);
  });

  it('drops an attempt the server refuses (no attempt left) and says why', async () => {
    const service = start();
    await settle();
    const answer = service.submitAttempt('enr-1', 'quiz', 'a-3', { q1: 'a' }, 'fr');
    await settle();
    http
      .expectOne(ATTEMPTS)
      .flush(
        { type: 'about:blank', title: 'No attempt left', status: 422 },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await expect(answer).rejects.toBeTruthy();
    expect(service.pending()).toBe(0);
    expect(service.rejections()).toEqual([
      expect.objectContaining({ kind: 'attempt', id: 'a-3', reason: 'No attempt left' }),
    ]);
  });

  it('keeps what is waiting on the device at sign-out and sends it with no one else', async () => {
    const service = start();
    await settle();
    // Offline: the event, then a quiz attempt, wait in the outbox.
    const mine = await service.record('enr-1', 'l1', 'completed');
    http.expectOne(URL).error(new ProgressEvent('offline'), { status: 0 });
    await settle();
    const answer = service.submitAttempt('enr-1', 'quiz', 'a-9', { q1: 'a' }, 'fr');
    await settle();
    http.expectOne(URL).error(new ProgressEvent('offline'), { status: 0 });
    await settle();
    await expect(answer).resolves.toBeNull();
    expect(await service.waiting()).toBe(2);

    signedIn(null);
    await settle(MAX_RETRY_MS * 2);
    http.expectNone(URL);
    expect(service.pending()).toBe(0);
    expect(await service.waiting()).toBe(0);
    await expect(service.record('enr-1', 'l2', 'started')).rejects.toThrow();

    // Someone else signs in on the same phone: only their own items go, with their session.
    signedIn('u-2');
    await settle();
    expect(service.counted()).toBe(true);
    expect(service.pending()).toBe(0);
    const theirs = await service.record('enr-7', 'x1', 'started');
    const req = http.expectOne(URL);
    expect((req.request.body as ProgressBatch).events).toEqual([theirs]);
    req.flush({ accepted: [theirs.id], duplicates: [], rejected: [] });
    await settle(MAX_RETRY_MS * 2);
    http.expectNone(URL);
    http.expectNone(ATTEMPTS);

    // The first coach signs in again: their event, then their attempt, go now.
    signedIn('u-1');
    await settle();
    const back = http.expectOne(URL);
    expect((back.request.body as ProgressBatch).events).toEqual([mine]);
    back.flush({ accepted: [mine.id], duplicates: [], rejected: [] });
    await settle();
    http.expectOne(ATTEMPTS).flush(graded('a-9'));
    await settle();
    expect(service.pending()).toBe(0);
    expect(await new IdbProgressOutbox().all('u-1')).toEqual([]);
  });

  it("stops between batches when the person signs out, and sends the next person's items then", async () => {
    const outbox = new IdbProgressOutbox();
    for (let n = 1; n <= PROGRESS_BATCH_SIZE + 1; n++) await outbox.add('u-1', event(n));
    await outbox.add('u-2', event(9_999));
    start();
    await settle();
    const first = http.expectOne(URL);
    // The answer arrives after u-1 signed out and u-2 signed in.
    signedIn('u-2');
    first.flush({
      accepted: (first.request.body as ProgressBatch).events.map((e) => e.id),
      duplicates: [],
      rejected: [],
    });
    for (let i = 0; i < 200 && (await outbox.all('u-1')).length > 1; i++) await settle(0, 5);
    await settle();
    const next = http.expectOne(URL);
    expect((next.request.body as ProgressBatch).events.map((e) => e.lessonKey)).toEqual(['l9999']);
    next.flush({ accepted: [event(9_999).id], duplicates: [], rejected: [] });
    await settle();
    http.expectNone(URL);
    expect((await outbox.all('u-1')).map((e) => e.lessonKey)).toEqual([`l${PROGRESS_BATCH_SIZE + 1}`]);
  }, 20_000);

  it('shows each person only their own enrolment list kept for offline use', async () => {
    start();
    const library = TestBed.inject(OfflineLibrary);
    const list = [{ enrolmentId: 'enr-1' } as MyEnrolment];
    await library.keepEnrolments(list);
    expect(await library.enrolments()).toEqual(list);
    signedIn('u-2');
    expect(await library.enrolments()).toBeNull();
    await library.keepEnrolments([]);
    signedIn(null);
    expect(await library.enrolments()).toBeNull();
    signedIn('u-1');
    expect(await library.enrolments()).toEqual(list);
  });
});
