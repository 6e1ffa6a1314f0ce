import { HttpContext, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthService, FOR_USER } from '@tc/identity/web';
import type { Submission } from '@tc/shared/contracts';
import { EVIDENCE_UPLOADER, type EvidenceUpload, type UploadCallbacks } from './evidence-uploader';
import { HandInOutboxService } from './hand-in-outbox.service';
import { MemoryTaskDraftStore, TASK_DRAFTS, type TaskDraft, draftKey } from './task-drafts';

const HAND_IN = '/api/v1/enrolments/enr-1/tasks/task-1/submissions';

/** Lets pending promises (IndexedDB stand-in, uploads) settle. */
async function settle(times = 10): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r));
}

function draft(): TaskDraft {
  const file = (localId: string, name: string) => ({
    localId,
    kind: 'photo' as const,
    name,
    type: 'image/jpeg',
    bytes: 100,
    blob: new Blob([new Uint8Array(100)], { type: 'image/jpeg' }),
    durationMs: null,
    uploadUrl: null,
    evidenceId: null,
  });
  return {
    userId: 'coach-1',
    enrolmentId: 'enr-1',
    lessonKey: 'task-1',
    text: 'Visite de la coopérative',
    files: [file('f-1', 'a.jpg'), file('f-2', 'b.jpg')],
    updatedAt: '2026-12-06T10:00:00.000Z',
    handInId: null,
    handInRequestedAt: null,
  };
}

describe('the hand-in outbox: offline, then the link returns', () => {
  let store: MemoryTaskDraftStore;
  let http: HttpTestingController;
  let outbox: HandInOutboxService;
  /** What happened, in order: each upload and the hand-in. */
  let log: string[];
  let online: boolean;
  let uploads: EvidenceUpload[];
  /** A file whose upload the server created, then the link dropped. */
  let dropAfterCreate: string | null;
  /** What every upload fails with, when set. */
  let uploadFailure: Error | null;

  beforeEach(async () => {
    store = new MemoryTaskDraftStore();
    log = [];
    uploads = [];
    online = false;
    dropAfterCreate = null;
    uploadFailure = null;
    const uploader = async (upload: EvidenceUpload, callbacks: UploadCallbacks): Promise<string> => {
      uploads.push(upload);
      if (uploadFailure) throw uploadFailure;
      if (upload.metadata.filename === dropAfterCreate) {
        callbacks.created(`/api/v1/practice/uploads/up-${upload.metadata.filename}`);
        dropAfterCreate = null;
        throw new Error('network');
      }
      if (!online) throw new Error('network');
      callbacks.progress(upload.blob.size, upload.blob.size);
      log.push(`upload ${upload.metadata.filename}`);
      return `ev-${upload.metadata.filename}`;
    };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: TASK_DRAFTS, useValue: store },
        { provide: EVIDENCE_UPLOADER, useValue: uploader },
        { provide: AuthService, useValue: { me: signal({ id: 'coach-1' }) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    outbox = TestBed.inject(HandInOutboxService);
    // The start-up look at what an earlier visit left (nothing here) is over before each case.
    TestBed.tick();
    await settle();
  });

  afterEach(() => http.verify());

  it('keeps the hand-in while offline; back online it uploads the files in order, then hands in with its id', async () => {
    const queued = await outbox.handIn(draft());
    await settle();
    // Offline: nothing reached the server, everything is still on the device.
    http.expectNone(HAND_IN);
    const kept = await store.get(draftKey(queued));
    expect(kept?.handInId).toBe(queued.handInId);
    expect(outbox.waiting().has(draftKey(queued))).toBe(true);

    online = true;
    window.dispatchEvent(new Event('online'));
    await settle();
    const post = http.expectOne(HAND_IN);
    log.push('hand in');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      id: queued.handInId,
      text: 'Visite de la coopérative',
      fileIds: ['ev-a.jpg', 'ev-b.jpg'],
    });
    expect(post.request.context.get(FOR_USER)).toBe('coach-1');
    const sent: string[] = [];
    outbox.sent.subscribe((s) => sent.push(s.submission.id));
    post.flush({ id: 'sub-1', status: 'waiting' } as Submission);
    await settle();

    expect(log).toEqual(['upload a.jpg', 'upload b.jpg', 'hand in']);
    expect(sent).toEqual(['sub-1']);
    expect(await store.get(draftKey(queued))).toBeNull();
    expect(outbox.waitingCount()).toBe(0);
  });

  it('an upload cut after the server created it resumes at its URL; a finished file is not sent again', async () => {
    online = true;
    dropAfterCreate = 'b.jpg';
    const queued = await outbox.handIn(draft());
    await settle();
    http.expectNone(HAND_IN);
    // a.jpg is on the server (its id kept), b.jpg's upload URL is kept (a reload resumes there).
    const kept = await store.get(draftKey(queued));
    expect(kept?.files.map((f) => [f.evidenceId, f.uploadUrl])).toEqual([
      ['ev-a.jpg', null],
      [null, '/api/v1/practice/uploads/up-b.jpg'],
    ]);

    uploads = [];
    await Promise.all([
      outbox.flush(),
      (async () => {
        await settle();
        http.expectOne(HAND_IN).flush({ id: 'sub-1' } as Submission);
      })(),
    ]);
    expect(uploads.map((u) => [u.metadata.filename, u.uploadUrl])).toEqual([
      ['b.jpg', '/api/v1/practice/uploads/up-b.jpg'],
    ]);
  });

  it('a hand-in the server did not answer (503) goes again with the same id, its files not uploaded twice', async () => {
    online = true;
    const queued = await outbox.handIn(draft());
    await settle();
    http.expectOne(HAND_IN).flush(null, { status: 503, statusText: 'Unavailable' });
    await settle();
    expect(await store.get(draftKey(queued))).not.toBeNull();

    uploads = [];
    const run = outbox.flush();
    await settle();
    const again = http.expectOne(HAND_IN);
    expect(again.request.body.id).toBe(queued.handInId);
    again.flush({ id: 'sub-1' } as Submission);
    await run;
    expect(uploads).toEqual([]);
    expect(await store.get(draftKey(queued))).toBeNull();
  });

  it('a refusal (422) gives the draft back, unlocked, with the reason', async () => {
    online = true;
    const refused: string[] = [];
    outbox.refused.subscribe((r) => refused.push(r.problem.title ?? ''));
    const queued = await outbox.handIn(draft());
    await settle();
    http
      .expectOne(HAND_IN)
      .flush(
        { type: 'about:blank', title: 'Too few photos', status: 422 },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await settle();
    const back = await store.get(draftKey(queued));
    expect(back?.handInId).toBeNull();
    expect(back?.files.every((f) => f.evidenceId)).toBe(true);
    expect(refused).toEqual(['Too few photos']);
  });

  it('an upload the server refuses (a kind the task does not take) unlocks the draft with the server’s words', async () => {
    online = true;
    const refused: string[] = [];
    outbox.refused.subscribe((r) => refused.push(`${r.problem.status} ${r.problem.title}`));
    const tusRefusal = Object.assign(new Error('tus: unexpected response'), {
      originalResponse: {
        getStatus: () => 422,
        getBody: () =>
          JSON.stringify({ type: 'about:blank', title: 'Not taken', status: 422, code: 'validation' }),
      },
    });
    uploadFailure = tusRefusal;
    const queued = await outbox.handIn(draft());
    await settle();
    http.expectNone(HAND_IN);
    expect(refused).toEqual(['422 Not taken']);
    expect((await store.get(draftKey(queued)))?.handInId).toBeNull();
  });

  it('another person’s queued hand-in is not sent with this session', async () => {
    online = true;
    await store.put({
      ...draft(),
      userId: 'coach-2',
      handInId: 'h-2',
      handInRequestedAt: '2026-12-06T10:00:00Z',
    });
    await outbox.flush();
    expect(uploads).toEqual([]);
    http.expectNone(HAND_IN);
    expect(new HttpContext().get(FOR_USER)).toBeNull();
  });
});
