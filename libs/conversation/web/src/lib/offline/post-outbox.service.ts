import { HttpContext, HttpErrorResponse } from '@angular/common/http';
import {
  DestroyRef,
  Injectable,
  InjectionToken,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { AuthService, FOR_USER } from '@tc/identity/web';
import type { ProblemDetails } from '@tc/shared/contracts';
import { OutboxPasses, problemOf } from '@tc/shared/ui';
import { Subject, firstValueFrom } from 'rxjs';
import { ThreadsService } from '../threads/data-access/threads.service';
import { CONVERSATION_STORE, type PendingPost } from './conversation-store';

/** What a question or reply written on this device became. */
export type PostOutcome =
  { kind: 'sent'; threadId: string } | { kind: 'queued' } | { kind: 'refused'; problem: ProblemDetails };

/** A question or reply to write: the outbox adds its client id, its author and the time. */
export type PostDraft = Pick<PendingPost, 'cohortId' | 'threadId' | 'title' | 'lessonKey' | 'body'>;

/** The wait before retry number `failures` (1 for the first): 2 s doubling up to a minute, jittered. */
export function outboxRetryDelay(failures: number, random: number): number {
  const base = Math.min(2_000 * 2 ** Math.max(0, failures - 1), 60_000);
  return Math.round(base / 2 + (base / 2) * random);
}

/**
 * Whether a failed send may succeed later: no answer (offline, timeout, another person's session),
 * the service worker's 504, throttling, server trouble, or a session to renew. Anything else, the
 * server would refuse again (a locked thread, a text too long, a cohort left).
 */
export function mayRetry(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse)) return true;
  const s = error.status;
  return s === 0 || s === 401 || s === 408 || s === 429 || s >= 500;
}

/** For specs: the jitter of the retry waits. */
export const OUTBOX_RANDOM = new InjectionToken<() => number>('OUTBOX_RANDOM', {
  providedIn: 'root',
  factory: () => Math.random,
});

/**
 * Questions and replies written on this device, sent in the order they were written. Each waits in
 * IndexedDB with a client id until the server has it: a post written offline, or whose send failed
 * in a way that may pass, stays there ("waiting to send"), is tried again after a growing wait, at
 * once when the browser is back online, and when its author next opens the app (marked `FOR_USER`
 * so it never leaves with another session's token). A refusal drops it with the server's reason.
 *
 * A send whose answer was lost may have reached the server: the post's client id goes as its `id`,
 * and the server answers a second send of the same id with the same post, so a retry never posts twice.
 */
@Injectable({ providedIn: 'root' })
export class PostOutboxService {
  private readonly api = inject(ThreadsService);
  private readonly store = inject(CONVERSATION_STORE);
  private readonly auth = inject(AuthService);
  private readonly random = inject(OUTBOX_RANDOM);
  private readonly passes = new OutboxPasses(() => this.sendAll());
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly outcomes = new Map<string, PostOutcome>();

  /** What the browser says of its connection. */
  readonly online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** The signed-in person's posts waiting to be sent, oldest first. */
  readonly waiting = signal<readonly PendingPost[]>([]);
  readonly waitingCount = computed(() => this.waiting().length);
  /** Each post once the server has it (pages reload what they show). */
  readonly sent = new Subject<{ post: PendingPost; threadId: string }>();
  readonly refused = new Subject<{ post: PendingPost; problem: ProblemDetails }>();

  constructor() {
    const view = typeof window === 'undefined' ? null : window;
    const online = () => {
      this.online.set(true);
      void this.flush();
    };
    const offline = () => this.online.set(false);
    view?.addEventListener('online', online);
    view?.addEventListener('offline', offline);
    inject(DestroyRef).onDestroy(() => {
      view?.removeEventListener('online', online);
      view?.removeEventListener('offline', offline);
      this.clearTimer();
    });
    // What an earlier visit left waiting goes as soon as its author is signed in.
    effect(() => {
      if (this.auth.me()) untracked(() => void this.count().then(() => this.flush()));
    });
  }

  /** The posts waiting in one thread (replies), or new questions of a cohort (`threadId` null). */
  waitingIn(cohortId: string, threadId: string | null): PendingPost[] {
    return this.waiting().filter((p) => p.cohortId === cohortId && p.threadId === threadId);
  }

  /**
   * Queues a post and tries to send it at once: `sent` when the server has it, `queued` when it
   * waits (offline, server trouble), `refused` with the server's reason (the post is dropped: the
   * caller keeps the text in its form).
   */
  async write(draft: PostDraft): Promise<PostOutcome> {
    const userId = this.auth.me()?.id;
    if (!userId) return { kind: 'queued' };
    const post: PendingPost = {
      ...draft,
      clientId: crypto.randomUUID(),
      userId,
      queuedAt: new Date().toISOString(),
      attempts: 0,
    };
    await this.store.queue(post);
    await this.count();
    await this.flush();
    const outcome = this.outcomes.get(post.clientId) ?? { kind: 'queued' };
    this.outcomes.delete(post.clientId);
    return outcome;
  }

  /** Gives up a waiting post (its text goes back to the caller). */
  async cancel(clientId: string): Promise<void> {
    await this.store.unqueue(clientId);
    await this.count();
  }

  /** Sends what the signed-in person has waiting; resolves when done or when a send must wait. */
  flush(): Promise<void> {
    this.clearTimer();
    return this.passes.start();
  }

  async count(): Promise<void> {
    const user = this.auth.me()?.id;
    this.waiting.set(user ? await this.store.pending(user).catch(() => []) : []);
  }

  /** False when a send must wait (the retry is planned). */
  private async sendAll(): Promise<boolean> {
    const user = this.auth.me()?.id;
    if (!user) return true;
    for (const post of await this.store.pending(user)) {
      try {
        const threadId = await this.send(post);
        await this.store.unqueue(post.clientId);
        this.outcomes.set(post.clientId, { kind: 'sent', threadId });
        this.sent.next({ post, threadId });
      } catch (error: unknown) {
        if (mayRetry(error)) {
          this.failures++;
          this.timer = setTimeout(() => void this.flush(), outboxRetryDelay(this.failures, this.random()));
          await this.count();
          return false;
        }
        await this.store.unqueue(post.clientId);
        const problem = problemOf(error);
        this.outcomes.set(post.clientId, { kind: 'refused', problem });
        this.refused.next({ post, problem });
      }
    }
    this.failures = 0;
    await this.count();
    return true;
  }

  /** One post (its client id as its id): its thread's id once the server has it. */
  private async send(post: PendingPost): Promise<string> {
    const options = { context: new HttpContext().set(FOR_USER, post.userId) };
    await this.store.save({ ...post, attempts: post.attempts + 1 });
    if (post.threadId === null) {
      const thread = await firstValueFrom(
        this.api.create(
          post.cohortId,
          { id: post.clientId, title: post.title ?? '', body: post.body, lessonKey: post.lessonKey },
          options,
        ),
      );
      return thread.id;
    }
    await firstValueFrom(
      this.api.reply(post.cohortId, post.threadId, { id: post.clientId, body: post.body }, options),
    );
    return post.threadId;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
