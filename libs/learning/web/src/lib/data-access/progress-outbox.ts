import { InjectionToken } from '@angular/core';
import type {
  Locale,
  ProblemDetails,
  ProgressEvent,
  ProgressRejection,
  QuizAnswers,
} from '@tc/shared/contracts';
import { IdbAttemptOutbox, IdbProgressOutbox, indexedDbAvailable } from './offline-db';

/**
 * Where progress events wait until the server has them: in IndexedDB in the browser (they survive
 * a closed tab or a restarted phone), in memory where there is no IndexedDB (tests, old browsers).
 */
export interface ProgressOutbox {
  /** Every waiting event, oldest first. */
  all(): Promise<ProgressEvent[]>;
  add(event: ProgressEvent): Promise<void>;
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

/** Quiz attempts waiting to be sent, oldest first; the same shape as the progress outbox. */
export interface AttemptOutbox {
  all(): Promise<PendingAttempt[]>;
  add(attempt: PendingAttempt): Promise<void>;
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

/** The outbox of this page's life: events are lost if the tab closes before they are sent. */
export class MemoryProgressOutbox implements ProgressOutbox {
  private events: ProgressEvent[] = [];

  async all(): Promise<ProgressEvent[]> {
    return [...this.events];
  }

  async add(event: ProgressEvent): Promise<void> {
    if (!this.events.some((e) => e.id === event.id)) this.events.push(event);
  }

  async remove(ids: readonly string[]): Promise<void> {
    const gone = new Set(ids);
    this.events = this.events.filter((e) => !gone.has(e.id));
  }
}

export class MemoryAttemptOutbox implements AttemptOutbox {
  private attempts: PendingAttempt[] = [];

  async all(): Promise<PendingAttempt[]> {
    return [...this.attempts];
  }

  async add(attempt: PendingAttempt): Promise<void> {
    if (!this.attempts.some((a) => a.attemptId === attempt.attemptId)) this.attempts.push(attempt);
  }

  async remove(ids: readonly string[]): Promise<void> {
    const gone = new Set(ids);
    this.attempts = this.attempts.filter((a) => !gone.has(a.attemptId));
  }
}

export const PROGRESS_OUTBOX = new InjectionToken<ProgressOutbox>('PROGRESS_OUTBOX', {
  providedIn: 'root',
  factory: () => (indexedDbAvailable() ? new IdbProgressOutbox() : new MemoryProgressOutbox()),
});

export const ATTEMPT_OUTBOX = new InjectionToken<AttemptOutbox>('ATTEMPT_OUTBOX', {
  providedIn: 'root',
  factory: () => (indexedDbAvailable() ? new IdbAttemptOutbox() : new MemoryAttemptOutbox()),
});
