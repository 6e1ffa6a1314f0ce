import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { ProgressEvent, ProgressEventType, ProgressResult } from '@tc/shared/contracts';
import { Subject } from 'rxjs';
import { LearningService } from './learning.service';
import { PROGRESS_OUTBOX } from './progress-outbox';

/** The server takes up to 500 events per request. */
export const PROGRESS_BATCH_SIZE = 500;
/** Waits between failed sends: 2 s, 4 s, 8 s … up to a minute. */
export const FIRST_RETRY_MS = 2_000;
export const MAX_RETRY_MS = 60_000;

/** What became of one event. */
export interface ProgressOutcome {
  event: ProgressEvent;
  result: 'accepted' | 'duplicate' | 'rejected';
}

/** Whether a failed send may succeed later (no network, timeout, throttling, server trouble). */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/**
 * Records what the coach does (a lesson started, completed) as events with their own UUID, queues
 * them in the outbox and sends them in batches; a failed send is retried with a growing wait, and
 * at once when the browser comes back online. The id is the server's idempotency key: a resend
 * after a lost answer changes nothing, and each event is created once, so never sent under two ids.
 */
@Injectable({ providedIn: 'root' })
export class ProgressService {
  private readonly api = inject(LearningService);
  private readonly outbox = inject(PROGRESS_OUTBOX);
  private sending = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay = FIRST_RETRY_MS;

  /** Events not yet confirmed by the server. */
  readonly pending = signal(0);
  /** True while the last send failed and a retry is planned. */
  readonly failing = signal(false);
  /** Each event once the server has answered for it. */
  readonly outcomes = new Subject<ProgressOutcome>();

  constructor() {
    const view = typeof window === 'undefined' ? null : window;
    const online = () => this.retryNow();
    view?.addEventListener('online', online);
    inject(DestroyRef).onDestroy(() => {
      view?.removeEventListener('online', online);
      if (this.retryTimer) clearTimeout(this.retryTimer);
    });
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
    await this.outbox.add(event);
    await this.flush();
    return event;
  }

  /** Sends what waits in the outbox, one batch at a time (never two requests at once). */
  async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    let batch: ProgressEvent[];
    try {
      const all = await this.outbox.all();
      this.pending.set(all.length);
      batch = all.slice(0, PROGRESS_BATCH_SIZE);
    } catch {
      this.sending = false;
      return;
    }
    if (!batch.length) {
      this.sending = false;
      this.failing.set(false);
      return;
    }
    this.api.sendProgress({ events: batch }).subscribe({
      next: (result) => void this.settle(batch, result),
      error: (error: unknown) => void this.failed(batch, error),
    });
  }

  private async settle(batch: ProgressEvent[], result: ProgressResult): Promise<void> {
    const answered = new Map<string, ProgressOutcome['result']>([
      ...result.accepted.map((id) => [id, 'accepted'] as const),
      ...result.duplicates.map((id) => [id, 'duplicate'] as const),
      ...result.rejected.map((r) => [r.id, 'rejected'] as const),
    ]);
    await this.outbox.remove([...answered.keys()]);
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.retryDelay = FIRST_RETRY_MS;
    this.failing.set(false);
    this.sending = false;
    for (const event of batch) {
      const outcome = answered.get(event.id);
      if (outcome) this.outcomes.next({ event, result: outcome });
    }
    const left = await this.outbox.all();
    this.pending.set(left.length);
    // Events queued meanwhile (and any the server did not mention) go in the next batch.
    const sent = new Set(batch.map((e) => e.id));
    if (left.some((e) => !sent.has(e.id))) await this.flush();
  }

  private async failed(batch: ProgressEvent[], error: unknown): Promise<void> {
    this.sending = false;
    if (!isRetryable(error)) {
      // The server refuses the batch as such (e.g. 400): resending it would fail the same way.
      await this.outbox.remove(batch.map((e) => e.id));
      for (const event of batch) this.outcomes.next({ event, result: 'rejected' });
      this.pending.set((await this.outbox.all()).length);
      return;
    }
    this.failing.set(true);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delay);
  }

  private retryNow(): void {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    void this.flush();
  }
}
