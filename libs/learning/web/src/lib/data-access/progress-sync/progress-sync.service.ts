import { HttpContext } from '@angular/common/http';
import { DestroyRef, Injectable, effect, inject, signal, untracked } from '@angular/core';
import { FOR_USER } from '@tc/identity/web';
import type {
  Locale,
  ProgressEvent,
  ProgressEventType,
  ProgressResult,
  QuizAnswers,
  QuizAttemptResult,
} from '@tc/shared/contracts';
import { type Observable, Subject, firstValueFrom } from 'rxjs';
import { LearningService } from '../learning.service';
import { readLastSynced, writeLastSynced } from './last-synced';
import { ATTEMPT_OUTBOX, PROGRESS_OUTBOX, type PendingAttempt, type SyncRejection } from './outbox';
import {
  type AttemptOutcome,
  type ProgressOutcome,
  answeredEvents,
  isRetryable,
  refusedItems,
  rejectedEvents,
} from './server-answers';
import { PROGRESS_BATCH_SIZE, retryDelay } from './sync-policy';
import { NotSignedInError, SYNC_RANDOM, SYNC_USER } from './sync-tokens';
import { SYNC_LOCK, webLock } from './web-lock';

/**
 * The offline-first sync of what the coach does. Progress events (a lesson started, completed),
 * each with its own UUID, and quiz attempts, each with a client attempt id, wait in persistent
 * outboxes and are sent in order: events in batches of up to 500, then attempts one by one (the
 * server grades them). A failed send (no network, 5xx, 429) is retried with a growing, jittered
 * wait, and at once when the browser comes back online. Items leave the outbox only once the
 * server has answered for them (accepted, duplicate or rejected): the ids make a resend harmless.
 * One tab sends at a time (a Web Lock); the others hear of it on a BroadcastChannel.
 *
 * Items belong to the person who recorded them. Only the signed-in person's items are counted and
 * sent, each request marked `FOR_USER` so that it never leaves with another session's token; when
 * they sign out their items stay on the device, and they go when that person signs in again. The
 * service starts with the app (apps/web loads it for learners), not only with a learner page.
 */
@Injectable({ providedIn: 'root' })
export class ProgressSyncService {
  private readonly api = inject(LearningService);
  private readonly outbox = inject(PROGRESS_OUTBOX);
  private readonly attemptOutbox = inject(ATTEMPT_OUTBOX);
  private readonly random = inject(SYNC_RANDOM);
  private readonly currentUser = inject(SYNC_USER);
  /** Whose outbox this service is handling now (follows `SYNC_USER`). */
  private user: string | null = null;
  private readonly lock = webLock();
  private readonly channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SYNC_LOCK);
  private run: Promise<void> | null = null;
  /** Something was queued while a send was finishing: look once more. */
  private again = false;
  private inFlight = false;
  /** The person changed during a send: start over for the new one when it ends. */
  private restart = false;
  private waiters: (() => void)[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  /** Items (events and attempts) not yet confirmed by the server. */
  readonly pending = signal(0);
  /** False until the outboxes were read once (the count is not known before). */
  readonly counted = signal(false);
  /** Quiz attempts among them (graded once they arrive). */
  readonly pendingAttempts = signal<PendingAttempt[]>([]);
  /** True while the last send failed and a retry is planned. */
  readonly failing = signal(false);
  /** What the browser says of its connection. */
  readonly online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** When the server last answered a send for this person (ISO), kept across reloads. */
  readonly lastSyncedAt = signal<string | null>(null);
  /** What the server refused since the page opened, with its reason. */
  readonly rejections = signal<SyncRejection[]>([]);
  /** Each event once the server has answered for it. */
  readonly outcomes = new Subject<ProgressOutcome>();
  /** Each queued quiz attempt once graded. */
  readonly graded = new Subject<AttemptOutcome>();

  constructor() {
    const view = typeof window === 'undefined' ? null : window;
    const online = () => {
      this.online.set(true);
      this.retryNow();
    };
    const offline = () => this.online.set(false);
    view?.addEventListener('online', online);
    view?.addEventListener('offline', offline);
    if (this.channel) this.channel.onmessage = () => void this.count();
    inject(DestroyRef).onDestroy(() => {
      view?.removeEventListener('online', online);
      view?.removeEventListener('offline', offline);
      this.channel?.close();
      this.clearTimer();
    });
    // Whatever an earlier visit left in this person's outbox goes now, and again whenever
    // someone signs in (their own items only).
    effect(() => {
      const user = this.currentUser();
      untracked(() => this.switchUser(user));
    });
  }

  /** How many items the signed-in person has waiting, counted again now. */
  async waiting(): Promise<number> {
    return this.count();
  }

  /** What the signed-in person has waiting: shown on top of a course until the server has it. */
  async queued(): Promise<{ events: ProgressEvent[]; attempts: PendingAttempt[] }> {
    const user = this.user;
    if (user === null) return { events: [], attempts: [] };
    const [events, attempts] = await Promise.all([this.outbox.all(user), this.attemptOutbox.all(user)]);
    return { events, attempts };
  }

  private switchUser(user: string | null): void {
    if (user === this.user) return;
    this.user = user;
    this.clearTimer();
    this.failures = 0;
    this.failing.set(false);
    this.rejections.set([]);
    this.pending.set(0);
    this.pendingAttempts.set([]);
    this.counted.set(false);
    this.lastSyncedAt.set(readLastSynced(user));
    if (user !== null) void this.count().then((n) => (n && this.user === user ? this.flush() : undefined));
  }

  private signedInUser(): string {
    if (this.user === null) throw new NotSignedInError();
    return this.user;
  }

  /** Queues one event and starts sending; resolves once it is queued and a send has begun. */
  async record(enrolmentId: string, lessonKey: string, type: ProgressEventType): Promise<ProgressEvent> {
    const event: ProgressEvent = {
      id: crypto.randomUUID(),
      enrolmentId,
      lessonKey,
      type,
      occurredAt: new Date().toISOString(),
    };
    await this.outbox.add(this.signedInUser(), event);
    await this.kick();
    return event;
  }

  /**
   * Queues a quiz attempt and tries to send it. Resolves with the graded result when the server
   * answered, `null` when it waits in the outbox (offline: graded later); rejects with the
   * server's error when it refused the attempt (e.g. no attempt left).
   */
  async submitAttempt(
    enrolmentId: string,
    lessonKey: string,
    attemptId: string,
    answers: QuizAnswers,
    locale: Locale,
  ): Promise<QuizAttemptResult | null> {
    const attempt: PendingAttempt = {
      attemptId,
      enrolmentId,
      lessonKey,
      answers,
      answeredAt: new Date().toISOString(),
      locale,
    };
    let outcome: QuizAttemptResult | null = null;
    let refusal: unknown = null;
    const graded = this.graded.subscribe((o) => {
      if (o.attempt.attemptId === attemptId) outcome = o.result;
    });
    const refused = this.refused.subscribe((r) => {
      if (r.attempt.attemptId === attemptId) refusal = r.error;
    });
    try {
      await this.attemptOutbox.add(this.signedInUser(), attempt);
      await this.count();
      await this.flush();
    } finally {
      graded.unsubscribe();
      refused.unsubscribe();
    }
    if (refusal) throw refusal;
    return outcome;
  }

  /**
   * Sends everything the signed-in person has waiting, in order; resolves when their outboxes are
   * empty, a send failed, or they signed out meanwhile.
   */
  flush(): Promise<void> {
    this.clearTimer();
    if (this.user === null) {
      this.wake();
      return this.run ?? Promise.resolve();
    }
    if (this.run) {
      this.again = true;
      return this.run;
    }
    this.run = this.sendAll().finally(() => {
      this.run = null;
      this.inFlight = false;
      this.wake();
      if (this.restart) {
        this.restart = false;
        if (this.user !== null) void this.flush();
      }
    });
    return this.run;
  }

  private readonly refused = new Subject<{ attempt: PendingAttempt; error: unknown }>();

  /** Starts a send; resolves as soon as a request is on its way (or there is nothing to send). */
  private kick(): Promise<void> {
    const started = this.inFlight
      ? Promise.resolve()
      : new Promise<void>((resolve) => this.waiters.push(resolve));
    void this.flush();
    return started;
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }

  private async sendAll(): Promise<void> {
    const owner = this.user;
    if (owner === null) return;
    let ok = true;
    const held = await this.lock(async () => {
      do {
        this.again = false;
        ok = (await this.sendProgress(owner)) && (await this.sendAttempts(owner));
      } while (ok && this.again && this.user === owner);
    }).catch(() => false);
    // Signed out (or someone else signed in) meanwhile: what is left waits for its owner, and the
    // new person's own items go next.
    if (this.user !== owner) {
      this.restart = true;
      return;
    }
    const left = await this.count();
    if (!held) {
      // Another tab is sending: look again a little later (it may have been closed meanwhile).
      if (left) this.scheduleRetry(false);
      return;
    }
    if (ok) {
      this.failures = 0;
      this.failing.set(false);
    } else {
      this.failing.set(true);
      this.scheduleRetry(true);
    }
    this.channel?.postMessage('synced');
  }

  /** Batches of `owner`'s events until none is left; false when a send failed or must wait. */
  private async sendProgress(owner: string): Promise<boolean> {
    for (;;) {
      if (this.user !== owner) return false;
      const batch = (await this.outbox.all(owner)).slice(0, PROGRESS_BATCH_SIZE);
      if (!batch.length) return true;
      let result: ProgressResult;
      try {
        result = await this.request(owner, (context) => this.api.sendProgress({ events: batch }, context));
      } catch (error: unknown) {
        if (isRetryable(error)) return false;
        // The server refuses the batch as such (e.g. 400): resending it would fail the same way.
        await this.outbox.remove(batch.map((e) => e.id));
        this.reject(
          batch.map((e) => ({ kind: 'progress' as const, id: e.id, lessonKey: e.lessonKey })),
          error,
        );
        for (const event of batch) this.outcomes.next({ event, result: 'rejected' });
        continue;
      }
      this.synced(owner);
      const answered = answeredEvents(result);
      await this.outbox.remove([...answered.keys()]);
      const rejected = rejectedEvents(batch, result);
      this.rejections.update((all) => [...all, ...rejected]);
      for (const event of batch) {
        const outcome = answered.get(event.id);
        if (outcome) this.outcomes.next({ event, result: outcome });
      }
      if (this.user === owner) await this.count();
      // An event the server did not mention stays and goes again; stop rather than loop on it.
      if (batch.some((e) => !answered.has(e.id))) return false;
    }
  }

  /** `owner`'s quiz attempts one by one, oldest first; false when a send failed or must wait. */
  private async sendAttempts(owner: string): Promise<boolean> {
    for (;;) {
      if (this.user !== owner) return false;
      const [attempt] = await this.attemptOutbox.all(owner);
      if (!attempt) return true;
      try {
        const result = await this.request(owner, (context) =>
          this.api.attempt(
            attempt.enrolmentId,
            attempt.lessonKey,
            attempt.attemptId,
            attempt.answers,
            attempt.locale,
            attempt.answeredAt,
            context,
          ),
        );
        this.synced(owner);
        await this.attemptOutbox.remove([attempt.attemptId]);
        this.graded.next({ attempt, result });
      } catch (error: unknown) {
        if (isRetryable(error)) return false;
        await this.attemptOutbox.remove([attempt.attemptId]);
        this.reject([{ kind: 'attempt', id: attempt.attemptId, lessonKey: attempt.lessonKey }], error);
        this.refused.next({ attempt, error });
      }
      if (this.user === owner) await this.count();
    }
  }

  /** One request for `owner`: the auth interceptor refuses to send it with anyone else's token. */
  private async request<T>(owner: string, send: (context: HttpContext) => Observable<T>): Promise<T> {
    this.inFlight = true;
    this.wake();
    try {
      return await firstValueFrom(send(new HttpContext().set(FOR_USER, owner)));
    } finally {
      this.inFlight = false;
    }
  }

  private reject(items: Omit<SyncRejection, 'code' | 'reason' | 'problem'>[], error: unknown): void {
    const refused = refusedItems(items, error);
    this.rejections.update((all) => [...all, ...refused]);
  }

  private synced(owner: string): void {
    const now = new Date().toISOString();
    if (this.user === owner) this.lastSyncedAt.set(now);
    writeLastSynced(owner, now);
  }

  /** Counts what the signed-in person has waiting (also what other tabs queued or sent). */
  private async count(): Promise<number> {
    const user = this.user;
    if (user === null) return 0;
    try {
      const [events, attempts] = await Promise.all([this.outbox.all(user), this.attemptOutbox.all(user)]);
      // Someone else signed in while counting: their own count follows.
      if (this.user !== user) return 0;
      this.pending.set(events.length + attempts.length);
      this.pendingAttempts.set(attempts);
      this.counted.set(true);
      this.lastSyncedAt.set(readLastSynced(user) ?? this.lastSyncedAt());
      return events.length + attempts.length;
    } catch {
      return this.pending();
    }
  }

  private scheduleRetry(failed: boolean): void {
    if (this.retryTimer) return;
    if (failed) this.failures++;
    const delay = retryDelay(Math.max(1, this.failures), this.random());
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delay);
  }

  private clearTimer(): void {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  private retryNow(): void {
    void this.flush();
  }
}
