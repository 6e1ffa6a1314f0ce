import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ProgressBatch, ProgressResult } from '@tc/shared/contracts';
import { ProgressSyncService } from './progress-sync.service';
import type { ProgressOutcome } from './server-answers';
import { FIRST_RETRY_MS } from './sync-policy';
import { SYNC_RANDOM, SYNC_USER } from './sync-tokens';

const URL = '/api/v1/progress/events';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function ok(batch: ProgressBatch): ProgressResult {
  return { accepted: batch.events.map((e) => e.id), duplicates: [], rejected: [] };
}

describe('ProgressSyncService', () => {
  let service: ProgressSyncService;
  let http: HttpTestingController;
  let outcomes: ProgressOutcome[];

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      // No jitter here: the waits are exactly 2 s, 4 s … (the jitter has its own spec).
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SYNC_RANDOM, useValue: () => 1 },
        { provide: SYNC_USER, useValue: signal('u-1') },
      ],
    });
    service = TestBed.inject(ProgressSyncService);
    // The service follows the signed-in person through an effect.
    TestBed.tick();
    http = TestBed.inject(HttpTestingController);
    outcomes = [];
    service.outcomes.subscribe((o) => outcomes.push(o));
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('sends a started event with a fresh UUID, the enrolment, the lesson and the time', async () => {
    const event = await service.record('enr-1', 'm1-l1', 'started');
    const req = http.expectOne(URL);
    expect(req.request.method).toBe('POST');
    const body = req.request.body as ProgressBatch;
    expect(body.events).toEqual([event]);
    expect(event).toMatchObject({ enrolmentId: 'enr-1', lessonKey: 'm1-l1', type: 'started' });
    expect(event.id).toMatch(UUID);
    expect(Number.isNaN(Date.parse(event.occurredAt))).toBe(false);
    req.flush(ok(body));
    await jest.advanceTimersByTimeAsync(0);
    expect(outcomes).toEqual([{ event, result: 'accepted' }]);
    expect(service.pending()).toBe(0);
  });

  it('gives every event its own id (completed after started)', async () => {
    const started = await service.record('enr-1', 'm1-l1', 'started');
    const first = http.expectOne(URL);
    const completed = await service.record('enr-1', 'm1-l1', 'completed');
    // Only one request at a time: the second event waits for the first answer.
    http.expectNone(URL);
    first.flush(ok(first.request.body as ProgressBatch));
    await jest.advanceTimersByTimeAsync(0);
    const second = http.expectOne(URL);
    expect((second.request.body as ProgressBatch).events).toEqual([completed]);
    expect(completed.type).toBe('completed');
    expect(completed.id).not.toBe(started.id);
    second.flush(ok(second.request.body as ProgressBatch));
    await jest.advanceTimersByTimeAsync(0);
    expect(outcomes.map((o) => o.event.id)).toEqual([started.id, completed.id]);
  });

  it('keeps failed events and resends them, same ids, until the server answers', async () => {
    const event = await service.record('enr-1', 'm1-l1', 'completed');
    http.expectOne(URL).error(new ProgressEvent('offline'), { status: 0 });
    await jest.advanceTimersByTimeAsync(0);
    expect(service.failing()).toBe(true);
    expect(service.pending()).toBe(1);

    await jest.advanceTimersByTimeAsync(FIRST_RETRY_MS);
    http
      .expectOne(URL)
      .flush({ title: 'Bad gateway', status: 502 }, { status: 502, statusText: 'Bad Gateway' });
    await jest.advanceTimersByTimeAsync(0);
    // The wait doubles: nothing yet after the first delay again.
    await jest.advanceTimersByTimeAsync(FIRST_RETRY_MS);
    http.expectNone(URL);
    await jest.advanceTimersByTimeAsync(FIRST_RETRY_MS);
    const retry = http.expectOne(URL);
    expect((retry.request.body as ProgressBatch).events).toEqual([event]);
    retry.flush(ok(retry.request.body as ProgressBatch));
    await jest.advanceTimersByTimeAsync(0);
    expect(outcomes).toEqual([{ event, result: 'accepted' }]);
    expect(service.failing()).toBe(false);
    expect(service.pending()).toBe(0);
    // Nothing is sent again once the server has it.
    await jest.advanceTimersByTimeAsync(10 * FIRST_RETRY_MS);
    http.expectNone(URL);
  });

  it('sends what was recorded during an outage with the next send, each id once', async () => {
    const a = await service.record('enr-1', 'm1-l1', 'started');
    http.expectOne(URL).error(new ProgressEvent('offline'), { status: 0 });
    await jest.advanceTimersByTimeAsync(0);
    const b = await service.record('enr-1', 'm1-l1', 'completed');
    // Recording while nothing is in flight sends at once, the failed event included.
    const first = http.expectOne(URL);
    expect((first.request.body as ProgressBatch).events.map((e) => e.id)).toEqual([a.id, b.id]);
    const c = await service.record('enr-1', 'm1-l2', 'started');
    first.flush({ accepted: [b.id], duplicates: [a.id], rejected: [] });
    await jest.advanceTimersByTimeAsync(0);
    const second = http.expectOne(URL);
    expect((second.request.body as ProgressBatch).events.map((e) => e.id)).toEqual([c.id]);
    second.flush(ok(second.request.body as ProgressBatch));
    await jest.advanceTimersByTimeAsync(FIRST_RETRY_MS * 4);
    http.expectNone(URL);
    const sent = outcomes.map((o) => o.event.id);
    expect(sent).toEqual([a.id, b.id, c.id]);
    expect(new Set(sent).size).toBe(3);
    expect(outcomes.map((o) => o.result)).toEqual(['duplicate', 'accepted', 'accepted']);
  });

  it('drops events the server rejects, and a batch it refuses as invalid, without retrying', async () => {
    const a = await service.record('enr-1', 'nope', 'started');
    const first = http.expectOne(URL);
    first.flush({ accepted: [], duplicates: [], rejected: [{ id: a.id, reason: 'unknown_lesson' }] });
    await jest.advanceTimersByTimeAsync(0);
    const b = await service.record('enr-1', 'm1-l1', 'started');
    http.expectOne(URL).flush({ title: 'Invalid', status: 400 }, { status: 400, statusText: 'Bad Request' });
    await jest.advanceTimersByTimeAsync(FIRST_RETRY_MS * 4);
    http.expectNone(URL);
    expect(outcomes).toEqual([
      { event: a, result: 'rejected' },
      { event: b, result: 'rejected' },
    ]);
    expect(service.pending()).toBe(0);
  });

  it('retries at once when the browser comes back online', async () => {
    const event = await service.record('enr-1', 'm1-l1', 'started');
    http.expectOne(URL).error(new ProgressEvent('offline'), { status: 0 });
    await jest.advanceTimersByTimeAsync(0);
    window.dispatchEvent(new Event('online'));
    await jest.advanceTimersByTimeAsync(0);
    const req = http.expectOne(URL);
    expect((req.request.body as ProgressBatch).events).toEqual([event]);
    req.flush(ok(req.request.body as ProgressBatch));
    await jest.advanceTimersByTimeAsync(0);
  });
});
