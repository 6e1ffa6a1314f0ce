import { effect, inject, type Signal, signal } from '@angular/core';
import type { MyEnrolment, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, problemOf } from '@tc/shared/ui';
import { isUnreachable, LearnerCourseStore } from './learner-course.store';
import { LearningService } from './learning.service';
import { OfflineLibrary } from './offline-library';

export interface MyEnrolments {
  /** The coach's enrolments; offline, the list this browser kept; null while loading. */
  list: Signal<MyEnrolment[] | null>;
  problem: Signal<ProblemDetails | null>;
}

/**
 * The coach's enrolments for a page (call it in the page's constructor): the list from the server, kept
 * on the device for offline starts, else the kept list when the server cannot be reached; and the active
 * courses loaded into the store in the interface language (their next lesson and deadlines).
 */
export function injectMyEnrolments(): MyEnrolments {
  const api = inject(LearningService);
  const store = inject(LearnerCourseStore);
  const library = inject(OfflineLibrary);
  const lang = inject(LanguageService).lang;
  const list = signal<MyEnrolment[] | null>(null);
  const problem = signal<ProblemDetails | null>(null);

  const offline = async (error: unknown): Promise<void> => {
    const kept = isUnreachable(error) ? await library.enrolments().catch(() => null) : null;
    if (kept) {
      list.set(kept);
      return;
    }
    problem.set(problemOf(error));
    list.set([]);
  };
  api.myEnrolments().subscribe({
    next: (enrolments) => {
      list.set(enrolments);
      void library.keepEnrolments(enrolments).catch(() => undefined);
    },
    error: (e: unknown) => void offline(e),
  });
  effect(() => {
    const locale = lang();
    for (const e of list() ?? []) if (e.status === 'active') store.ensure(e.enrolmentId, locale);
  });
  return { list: list.asReadonly(), problem: problem.asReadonly() };
}
