import 'fake-indexeddb/auto';
import { deserialize, serialize } from 'node:v8';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthService, FOR_USER } from '@tc/identity/web';
import type { ThreadPost } from '@tc/shared/contracts';
import {
  CONVERSATION_STORE,
  type ConversationStore,
  IdbConversationStore,
  MemoryConversationStore,
  type PendingPost,
  closeConversationDb,
} from './conversation-store';
import { OUTBOX_RANDOM, PostOutboxService, outboxRetryDelay } from './post-outbox.service';

// jsdom has no structuredClone, which fake-indexeddb uses to store values: Node's own clone.
globalThis.structuredClone ??= <T>(value: T): T => deserialize(serialize(value)) as T;

const THREADS = '/api/v1/cohorts/coh-1/threads';

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
}

function reply(extra: Partial<ThreadPost> = {}): ThreadPost {
  return {
    id: 'p-2',
    threadId: 't-1',
    opening: false,
    state: 'visible',
    authorName: 'Awa',
    authorRole: 'coach',
    mine: true,
    bodyHtml: '<p>Merci</p>',
    body: 'Merci',
    createdAt: new Date().toISOString(),
    editedAt: null,
    editableUntil: null,
    answer: false,
    reportedByMe: false,
    reports: null,
    hiddenReason: null,
    ...extra,
  };
}

describe('the outbox of questions and replies', () => {
  let outbox: PostOutboxService;
  let http: HttpTestingController;
  let store: ConversationStore;
  const me = signal<{ id: string } | null>({ id: 'u-1' });

  beforeEach(() => {
    me.set({ id: 'u-1' });
    store = new MemoryConversationStore();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthService, useValue: { me } },
        { provide: CONVERSATION_STORE, useValue: store },
        { provide: OUTBOX_RANDOM, useValue: () => 0 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    outbox = TestBed.inject(PostOutboxService);
  });

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('sends a question at once online, with its client id and its author', async () => {
    await settle();
    const done = outbox.write({
      cohortId: 'coh-1',
      threadId: null,
      title: 'Q ?',
      lessonKey: 'l-1',
      body: 'Texte',
    });
    await settle();
    const req = http.expectOne(THREADS);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: 'Q ?',
      body: 'Texte',
      lessonKey: 'l-1',
    });
    expect(req.request.context.get(FOR_USER)).toBe('u-1');
    req.flush({ id: 't-9' });
    await expect(done).resolves.toEqual({ kind: 'sent', threadId: 't-9' });
    expect(outbox.waitingCount()).toBe(0);
  });

  it('keeps a reply written offline, says it waits, and sends it when the link returns', async () => {
    await settle();
    const done = outbox.write({
      cohortId: 'coh-1',
      threadId: 't-1',
      title: null,
      lessonKey: null,
      body: 'Merci',
    });
    await settle();
    http.expectOne(`${THREADS}/t-1/posts`).error(new ProgressEvent('error'), { status: 0 });
    await expect(done).resolves.toEqual({ kind: 'queued' });
    expect(outbox.waitingIn('coh-1', 't-1').map((p) => p.body)).toEqual(['Merci']);

    // Back online: the same post again, under the same id (the server takes a second send once).
    const clientId = (await store.pending('u-1'))[0]?.clientId;
    window.dispatchEvent(new Event('online'));
    await settle();
    const again = http.expectOne(`${THREADS}/t-1/posts`);
    expect(again.request.body).toEqual({ id: clientId, body: 'Merci' });
    again.flush(reply());
    await settle();
    expect(outbox.waitingCount()).toBe(0);
  });

  it('sends a reply whose answer was lost again under the same id, and is done when it is taken', async () => {
    await settle();
    const sent: string[] = [];
    outbox.sent.subscribe(({ threadId }) => sent.push(threadId));
    void outbox.write({ cohortId: 'coh-1', threadId: 't-1', title: null, lessonKey: null, body: 'Merci' });
    await settle();
    const first = http.expectOne(`${THREADS}/t-1/posts`);
    const id = first.request.body.id as string;
    first.error(new ProgressEvent('timeout'), { status: 504 });
    await settle();
    void outbox.flush();
    await settle();
    const second = http.expectOne(`${THREADS}/t-1/posts`);
    expect(second.request.body).toEqual({ id, body: 'Merci' });
    second.flush(reply({ id }));
    await settle();
    expect(sent).toEqual(['t-1']);
    expect(outbox.waitingCount()).toBe(0);
  });

  it('drops a post the server refuses, with its reason', async () => {
    await settle();
    const done = outbox.write({
      cohortId: 'coh-1',
      threadId: 't-1',
      title: null,
      lessonKey: null,
      body: 'Tard',
    });
    await settle();
    http
      .expectOne(`${THREADS}/t-1/posts`)
      .flush(
        { code: 'thread-locked', status: 409, title: 'Locked' },
        { status: 409, statusText: 'Conflict' },
      );
    const outcome = await done;
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.problem.code).toBe('thread-locked');
    expect(outbox.waitingCount()).toBe(0);
  });

  it("leaves another person's posts alone", async () => {
    await store.queue(pending('c-1', 'u-2'));
    await settle();
    void outbox.flush();
    await settle();
    http.expectNone(() => true);
    expect(outbox.waitingCount()).toBe(0);
  });

  it('waits longer after each failure, up to a minute', () => {
    expect(outboxRetryDelay(1, 1)).toBe(2_000);
    expect(outboxRetryDelay(3, 1)).toBe(8_000);
    expect(outboxRetryDelay(20, 0)).toBe(30_000);
    expect(outboxRetryDelay(20, 1)).toBe(60_000);
  });
});

function pending(clientId: string, userId: string, queuedAt = '2026-12-06T10:00:00.000Z'): PendingPost {
  return {
    clientId,
    userId,
    cohortId: 'coh-1',
    threadId: 't-1',
    title: null,
    lessonKey: null,
    body: 'Texte',
    queuedAt,
    attempts: 0,
  };
}

describe('the conversation kept in IndexedDB', () => {
  const store = new IdbConversationStore();

  afterAll(async () => {
    await closeConversationDb();
  });

  it('keeps posts in the order written, once per client id, per person', async () => {
    await store.queue(pending('b', 'u-1', '2026-12-06T10:01:00.000Z'));
    await store.queue(pending('a', 'u-1', '2026-12-06T10:00:00.000Z'));
    await store.queue({ ...pending('a', 'u-1'), body: 'Autre' });
    await store.queue(pending('c', 'u-2'));
    const mine = await store.pending('u-1');
    expect(mine.map((p) => [p.clientId, p.body])).toEqual([
      ['a', 'Texte'],
      ['b', 'Texte'],
    ]);
    await store.save({ ...pending('a', 'u-1'), attempts: 2 });
    expect((await store.pending('u-1'))[0]?.attempts).toBe(2);
    await store.unqueue('a');
    expect((await store.pending('u-1')).map((p) => p.clientId)).toEqual(['b']);
  });

  it("keeps each person's copies apart", async () => {
    await store.keep('u-1', 'threads|coh-1|', { items: ['x'] });
    expect((await store.read<{ items: string[] }>('u-1', 'threads|coh-1|'))?.value).toEqual({ items: ['x'] });
    expect(await store.read('u-2', 'threads|coh-1|')).toBeNull();
  });
});
