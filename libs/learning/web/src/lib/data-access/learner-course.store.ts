import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type {
  LearnerCourse,
  Locale,
  ProblemDetails,
  ProgressEvent,
  QuizAttemptResult,
} from '@tc/shared/contracts';
import { problemOf } from '@tc/shared/ui';
import { filter } from 'rxjs';
import { firstNotDone, isDone, lessonsInOrder } from './course-outline';
import { LearningService } from './learning.service';
import { OfflineLibrary } from './offline-library';
import type { PendingAttempt } from './progress-sync/outbox';
import { ProgressSyncService } from './progress-sync/progress-sync.service';

export interface CourseEntry {
  course: LearnerCourse | null;
  locale: Locale;
  loading: boolean;
  problem: ProblemDetails | null;
  /** Shown from the copy kept for offline use (the network failed). */
  offline?: boolean;
}

/** A failure the network explains (no connection, the service worker's 504, server trouble). */
export function isUnreachable(error: unknown): boolean {
  return !(error instanceof HttpErrorResponse) || error.status === 0 || error.status >= 500;
}

/**
 * The course with what waits in the outboxes applied on top: the server does not know it yet,
 * the coach does (a lesson read offline stays read after a reload).
 */
export function withPending(
  c: LearnerCourse,
  events: readonly ProgressEvent[],
  attempts: readonly PendingAttempt[],
): LearnerCourse {
  const lessons = { ...c.lessons };
  const touch = (key: string, at: string, completed: boolean) => {
    const l = lessons[key];
    if (!l || l.state === 'completed') return;
    lessons[key] = { state: completed ? 'completed' : 'started', lastActivityAt: at };
  };
  let changed = false;
  for (const e of events) {
    if (e.enrolmentId !== c.enrolmentId) continue;
    touch(e.lessonKey, e.occurredAt, e.type === 'completed');
    changed = true;
  }
  for (const a of attempts) {
    if (a.enrolmentId !== c.enrolmentId) continue;
    touch(a.lessonKey, a.answeredAt, false);
    changed = true;
  }
  return changed ? recount({ ...c, lessons }) : c;
}

/** The course with the lesson counts and next lesson worked out again from the states. */
function recount(c: LearnerCourse): LearnerCourse {
  const all = lessonsInOrder(c.course);
  return {
    ...c,
    lessonsDone: all.filter((p) => isDone(c, p.lesson)).length,
    nextLessonKey: firstNotDone(c),
  };
}

/**
 * The courses the coach follows, one entry per enrolment, in the language asked for. Shared by the
 * learner's pages (the home page loads them, the course page and the player reuse them). What the
 * coach does is applied here at once and sent by `ProgressSyncService`; once the last lesson is done the
 * course is loaded again for the server's completion date.
 */
@Injectable({ providedIn: 'root' })
export class LearnerCourseStore {
  private readonly api = inject(LearningService);
  private readonly progress = inject(ProgressSyncService);
  private readonly library = inject(OfflineLibrary);
  private readonly state = signal<Record<string, CourseEntry>>({});

  readonly entries = this.state.asReadonly();

  constructor() {
    const destroyed = inject(DestroyRef);
    this.progress.outcomes
      .pipe(
        filter((o) => o.result !== 'rejected' && o.event.type === 'completed'),
        takeUntilDestroyed(destroyed),
      )
      .subscribe((o) => this.reloadIfFinished(o.event.enrolmentId));
    // A quiz answered offline, graded now that it reached the server.
    this.progress.graded
      .pipe(takeUntilDestroyed(destroyed))
      .subscribe((o) => this.applyAttempt(o.attempt.enrolmentId, o.attempt.lessonKey, o.result));
  }

  /**
   * Loads the course unless it is here (or on its way) in this language. Pages call it from effects
   * on their route and language; the store is read untracked, or an effect would also follow the
   * entry and, after a failed load (404, 5xx, offline without a kept copy), ask again at once, then
   * again at each answer — a request loop at network speed. After a failure, a new visit of the page
   * or its retry button (`reload`) asks again.
   */
  ensure(enrolmentId: string, locale: Locale): void {
    const e = untracked(this.state)[enrolmentId];
    if (e && e.locale === locale && (e.course || e.loading)) return;
    this.load(enrolmentId, locale);
  }

  reload(enrolmentId: string): void {
    const e = this.state()[enrolmentId];
    if (e) this.load(enrolmentId, e.locale);
  }

  /** The coach opened a lesson: recorded unless it is already done. */
  start(enrolmentId: string, lessonKey: string): void {
    const c = this.state()[enrolmentId]?.course;
    const l = c?.lessons[lessonKey];
    if (!c || !l || l.state === 'completed') return;
    if (l.state === 'not_started') {
      this.patch(enrolmentId, (x) => ({
        ...x,
        lessons: { ...x.lessons, [lessonKey]: { ...l, state: 'started' } },
      }));
    }
    void this.progress.record(enrolmentId, lessonKey, 'started');
  }

  /** The coach marked a text or media lesson as done. */
  complete(enrolmentId: string, lessonKey: string): void {
    const c = this.state()[enrolmentId]?.course;
    const l = c?.lessons[lessonKey];
    if (!c || !l || l.state === 'completed') return;
    this.patch(enrolmentId, (x) =>
      recount({
        ...x,
        lessons: {
          ...x.lessons,
          [lessonKey]: { state: 'completed', lastActivityAt: new Date().toISOString() },
        },
      }),
    );
    void this.progress.record(enrolmentId, lessonKey, 'completed');
  }

  /** A graded quiz attempt: its counts, and the lesson done once passed. */
  applyAttempt(enrolmentId: string, lessonKey: string, result: QuizAttemptResult): void {
    this.patch(enrolmentId, (x) => {
      const before = x.quizzes[lessonKey];
      const passed = !!before?.passed || result.passed;
      return recount({
        ...x,
        quizzes: {
          ...x.quizzes,
          [lessonKey]: {
            attempts: result.attemptNumber,
            bestPercent: result.bestPercent,
            passed,
            attemptsLeft: result.attemptsLeft,
          },
        },
        lessons: {
          ...x.lessons,
          [lessonKey]: {
            state: passed ? 'completed' : 'started',
            lastActivityAt: new Date().toISOString(),
          },
        },
      });
    });
    if (result.passed) this.reloadIfFinished(enrolmentId);
  }

  private reloadIfFinished(enrolmentId: string): void {
    const c = this.state()[enrolmentId]?.course;
    if (c && !c.completedAt && c.nextLessonKey === null) this.reload(enrolmentId);
  }

  private patch(enrolmentId: string, change: (c: LearnerCourse) => LearnerCourse): void {
    this.state.update((all) => {
      const e = all[enrolmentId];
      return e?.course ? { ...all, [enrolmentId]: { ...e, course: change(e.course) } } : all;
    });
  }

  private load(enrolmentId: string, locale: Locale): void {
    this.state.update((all) => ({
      ...all,
      [enrolmentId]: {
        // The course already shown stays on screen while its new language loads.
        course: all[enrolmentId]?.course ?? null,
        locale,
        loading: true,
        problem: null,
      },
    }));
    this.api.course(enrolmentId, locale).subscribe({
      next: (course) => {
        void this.library.update(course, locale).catch(() => undefined);
        void this.pendingOn(course).then((c) =>
          this.set(enrolmentId, locale, { course: c, locale, loading: false, problem: null }),
        );
      },
      error: (e: unknown) => void this.fallBack(enrolmentId, locale, e),
    });
  }

  /** The network failed: the copy kept for offline use, else what is on screen and the problem. */
  private async fallBack(enrolmentId: string, locale: Locale, error: unknown): Promise<void> {
    const kept = isUnreachable(error) ? await this.library.course(enrolmentId).catch(() => null) : null;
    if (kept) {
      const course = await this.pendingOn(kept);
      this.set(enrolmentId, locale, { course, locale, loading: false, problem: null, offline: true });
      return;
    }
    this.set(enrolmentId, locale, {
      course: this.state()[enrolmentId]?.course ?? null,
      locale,
      loading: false,
      problem: problemOf(error),
    });
  }

  private async pendingOn(course: LearnerCourse): Promise<LearnerCourse> {
    try {
      const { events, attempts } = await this.progress.queued();
      return withPending(course, events, attempts);
    } catch {
      return course;
    }
  }

  /** Stores an answer unless a later request (another language) has replaced the entry. */
  private set(enrolmentId: string, locale: Locale, entry: CourseEntry): void {
    this.state.update((all) =>
      all[enrolmentId]?.locale === locale ? { ...all, [enrolmentId]: entry } : all,
    );
  }
}
