/**
 * One simulated coach: what it does between two pauses, and its outbox, sent as the web app sends it
 * (libs/learning/web/src/lib/data-access/progress-sync/, whose batch size and retry rules come from
 * `@tc/learning/web/sync-policy`): events with client ids in small batches, the same ids again on
 * retry, a doubling jittered wait after a network error, a 5xx, a 429 or a 401, and at once when
 * there is something new to send.
 */
import { randomUUID } from 'node:crypto';
import { PROGRESS_BATCH_SIZE, isRetryableStatus, retryDelay } from '@tc/learning/web/sync-policy';
import type { ProgressEvent, ProgressResult } from '../../../libs/shared/contracts/src/lib/learning';
import { PASSWORD } from './config';
import { http } from './http';

export interface Lesson {
  key: string;
  kind: string;
}

export class Coach {
  private outbox: ProgressEvent[] = [];
  private run: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  readonly generated: string[] = [];
  readonly acknowledged = new Set<string>();
  /** Events the server answered as duplicates: sent again after an answer that never came back. */
  duplicates = 0;
  readonly rejected: { id: string; why: string }[] = [];
  /** The coach's place in the course, and whether that lesson is open (started, not completed). */
  private next = 0;
  private opened = false;

  constructor(
    private readonly base: string,
    readonly email: string,
    private token: string,
    readonly enrolmentId: string,
    private readonly lessons: Lesson[],
  ) {}

  get pending(): number {
    return this.outbox.length;
  }

  /** The coach's access token (the practice client of the same coach uses it). */
  get accessToken(): string {
    return this.token;
  }

  /**
   * What a coach does between two pauses (1 to 3 events): mostly opens again a lesson already seen
   * (`started`), sometimes takes the next step of the course: opens the next lesson, or completes the
   * one open (quizzes are completed by grading, so they are only opened). About 3 minutes to the end.
   */
  act(): void {
    const count = 1 + Math.floor(Math.random() * 3);
    for (let i = 0; i < count; i++) {
      const current = this.lessons[this.next];
      if (!current || (this.next > 0 && Math.random() < 0.85)) {
        const seen = this.lessons[
          Math.floor(Math.random() * Math.min(this.next + 1, this.lessons.length))
        ] as Lesson;
        this.record(seen.key, 'started');
      } else if (!this.opened) {
        this.record(current.key, 'started');
        // Quizzes are completed by grading and practical tasks by a trainer's pass: only opened here.
        const graded = current.kind === 'quiz' || current.kind === 'task';
        this.opened = !graded;
        if (graded) this.next++;
      } else {
        this.record(current.key, 'completed');
        this.opened = false;
        this.next++;
      }
    }
  }

  private record(lessonKey: string, type: 'started' | 'completed'): void {
    const event: ProgressEvent = {
      id: randomUUID(),
      enrolmentId: this.enrolmentId,
      lessonKey,
      type,
      occurredAt: new Date().toISOString(),
    };
    this.generated.push(event.id);
    this.outbox.push(event);
    void this.flush();
  }

  /** Sends everything waiting; a send in progress is asked to look once more. */
  flush(): Promise<void> {
    this.clearTimer();
    if (this.run) {
      this.again = true;
      return this.run;
    }
    this.run = this.sendAll().finally(() => {
      this.run = null;
    });
    return this.run;
  }

  stop(): void {
    this.clearTimer();
  }

  private async sendAll(): Promise<void> {
    let ok = true;
    do {
      this.again = false;
      ok = await this.sendProgress();
    } while (ok && this.again);
    if (ok) this.failures = 0;
    else this.scheduleRetry();
  }

  private async sendProgress(): Promise<boolean> {
    for (;;) {
      const batch = this.outbox.slice(0, PROGRESS_BATCH_SIZE);
      if (!batch.length) return true;
      const res = await http<ProgressResult>(this.base, 'POST', '/api/v1/progress/events', {
        token: this.token,
        body: { events: batch },
        measure: true,
      });
      if (res.status < 200 || res.status > 299 || !res.body) {
        if (res.status === 401) await this.signInAgain();
        if (isRetryableStatus(res.status)) return false;
        for (const e of batch) this.rejected.push({ id: e.id, why: `batch refused with ${res.status}` });
        this.remove(batch.map((e) => e.id));
        continue;
      }
      const answered = new Set<string>();
      this.duplicates += res.body.duplicates.length;
      for (const id of [...res.body.accepted, ...res.body.duplicates]) {
        answered.add(id);
        this.acknowledged.add(id);
      }
      for (const r of res.body.rejected) {
        answered.add(r.id);
        this.rejected.push({ id: r.id, why: r.reason });
      }
      this.remove([...answered]);
      if (batch.some((e) => !answered.has(e.id))) return false;
    }
  }

  private remove(ids: string[]): void {
    const gone = new Set(ids);
    this.outbox = this.outbox.filter((e) => !gone.has(e.id));
  }

  /** The web app renews its session on 401 (refresh cookie); here the coach signs in again. */
  private async signInAgain(): Promise<void> {
    const res = await http<{ accessToken: string }>(this.base, 'POST', '/api/v1/auth/sign-in', {
      body: { email: this.email, password: PASSWORD },
    });
    if (res.status === 200 && res.body) this.token = res.body.accessToken;
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.failures++;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        void this.flush();
      },
      retryDelay(this.failures, Math.random()),
    );
  }

  private clearTimer(): void {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }
}
