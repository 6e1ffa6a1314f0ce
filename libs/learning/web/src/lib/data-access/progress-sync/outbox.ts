import { InjectionToken } from '@angular/core';
import type {
  Locale,
  ProblemDetails,
  ProgressEvent,
  ProgressRejection,
  QuizAnswers,
} from '@tc/shared/contracts';
import { IdbAttemptOutbox, IdbProgressOutbox, indexedDbAvailable } from '../offline-db';

/**
 * Where progress events wait until the server has them: in IndexedDB in the browser (they survive
 * a closed tab or a restarted phone), in memory where there is no IndexedDB (tests, old browsers).
 * Each item belongs to the user who recorded it (by user id): it stays on the device when they
 * sign out and is sent only with their own session.
 */
export interface ProgressOutbox {
  /** Every event `userId` has waiting, oldest first. */
  all(userId: string): Promise<ProgressEvent[]>;
  add(userId: string, event: ProgressEvent): Promise<void>;
  /** By event id (a UUID: whoever it belongs to). */
  remove(ids: readonly string[]): Promise<void>;
}

/** A quiz attempt answered but not yet graded: the server grades it when it arrives. */
export interface PendingAttempt {
  /** The client attempt id: the server grades an attempt sent twice once. */
  attemptId: string;
  enrolmentId: string;
  lessonKey: string;
  answers: QuizAnswers;
  answeredAt: string;
  /** The language of the feedback asked for. */
  locale: Locale;
}

/** Quiz attempts waiting to be sent, oldest first, per user; the same shape as the progress outbox. */
export interface AttemptOutbox {
  all(userId: string): Promise<PendingAttempt[]>;
  add(userId: string, attempt: PendingAttempt): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
}

/** What the server did not accept, kept so the coach can be told why. */
export interface SyncRejection {
  kind: 'progress' | 'attempt';
  id: string;
  lessonKey: string;
  /** The server's reason for an event it rejected. */
  code: ProgressRejection | null;
  /** The server's words otherwise (a refused attempt or batch). */
  reason: string;
  problem: ProblemDetails | null;
}

/** A queue of this page's life, per user: items are lost if the tab closes before they are sent. */
class MemoryQueue<T> {
  private items: { userId: string; item: T }[] = [];

  constructor(private readonly idOf: (item: T) => string) {}

  async all(userId: string): Promise<T[]> {
    return this.items.filter((i) => i.userId === userId).map((i) => i.item);
  }

  async add(userId: string, item: T): Promise<void> {
    const id = this.idOf(item);
    if (!this.items.some((i) => this.idOf(i.item) === id)) this.items.push({ userId, item });
  }

  async remove(ids: readonly string[]): Promise<void> {
    const gone = new Set(ids);
    this.items = this.items.filter((i) => !gone.has(this.idOf(i.item)));
  }
}

export class MemoryProgressOutbox implements ProgressOutbox {
  private readonly queue = new MemoryQueue<ProgressEvent>((e) => e.id);
  all = (userId: string) => this.queue.all(userId);
  add = (userId: string, event: ProgressEvent) => this.queue.add(userId, event);
  remove = (ids: readonly string[]) => this.queue.remove(ids);
}

export class MemoryAttemptOutbox implements AttemptOutbox {
  private readonly queue = new MemoryQueue<PendingAttempt>((a) => a.attemptId);
  all = (userId: string) => this.queue.all(userId);
  add = (userId: string, attempt: PendingAttempt) => this.queue.add(userId, attempt);
  remove = (ids: readonly string[]) => this.queue.remove(ids);
}

export const PROGRESS_OUTBOX = new InjectionToken<ProgressOutbox>('PROGRESS_OUTBOX', {
  providedIn: 'root',
  factory: () => (indexedDbAvailable() ? new IdbProgressOutbox() : new MemoryProgressOutbox()),
});

export const ATTEMPT_OUTBOX = new InjectionToken<AttemptOutbox>('ATTEMPT_OUTBOX', {
  providedIn: 'root',
  factory: () => (indexedDbAvailable() ? new IdbAttemptOutbox() : new MemoryAttemptOutbox()),
});
