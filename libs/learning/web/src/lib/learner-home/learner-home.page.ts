import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MyEnrolment, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf, textIn, today } from '@tc/shared/ui';
import { continueKey } from '../data-access/course-outline';
import { nextDeadline } from '../data-access/deadlines';
import { LearnerCourseStore } from '../data-access/learner-course.store';
import { LearningService } from '../data-access/learning.service';
import { OfflineLibrary } from '../data-access/offline-library';
import { isUnreachable } from '../data-access/learner-course.store';
import { DeadlineBadgeComponent } from '../ui/deadline-badge.component';
import { OfflineToggleComponent } from '../ui/offline-toggle.component';
import { SyncStatusComponent } from '../ui/sync-status.component';
import { ProgressMeterComponent } from '../ui/progress-meter.component';

/** `/learn`: each enrolment as a card with its progress, the deadline that matters, "Continue". */
@Component({
  selector: 'tc-learner-home-page',
  imports: [
    RouterLink,
    TranslocoPipe,
    ProblemMessageComponent,
    ProgressMeterComponent,
    DeadlineBadgeComponent,
    OfflineToggleComponent,
    SyncStatusComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './learner-home.page.html',
  styleUrl: './learner-home.page.scss',
})
export class LearnerHomePage {
  private readonly api = inject(LearningService);
  private readonly store = inject(LearnerCourseStore);
  private readonly library = inject(OfflineLibrary);
  private readonly lang = inject(LanguageService).lang;

  protected readonly list = signal<MyEnrolment[] | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);

  protected readonly cards = computed(() => {
    const entries = this.store.entries();
    const lang = this.lang();
    const day = today();
    return (this.list() ?? []).map((e) => {
      const course = e.status === 'active' ? (entries[e.enrolmentId]?.course ?? null) : null;
      const next = course ? continueKey(course) : null;
      return {
        id: e.enrolmentId,
        cohortName: e.cohortName,
        title: course?.course.title || textIn(e.courseTitle, lang),
        withdrawn: e.status === 'withdrawn',
        completed: !!course?.completedAt,
        done: course?.lessonsDone ?? e.lessonsDone,
        total: course?.lessonsTotal ?? e.lessonsTotal,
        deadline: course && !course.completedAt ? nextDeadline(course, day) : null,
        continueLink: next ? ['/learn', e.enrolmentId, 'lessons', next] : ['/learn', e.enrolmentId],
        started: (course?.lessonsDone ?? e.lessonsDone) > 0,
      };
    });
  });

  constructor() {
    this.api.myEnrolments().subscribe({
      next: (list) => {
        this.list.set(list);
        void this.library.keepEnrolments(list).catch(() => undefined);
      },
      error: (e: unknown) => void this.offline(e),
    });
    // The active courses, in the interface language: their deadlines and next lesson, and the
    // course page opens at once afterwards.
    effect(() => {
      const lang = this.lang();
      for (const e of this.list() ?? []) if (e.status === 'active') this.store.ensure(e.enrolmentId, lang);
    });
  }

  /** No network: the list as last seen online, if this browser kept one. */
  private async offline(error: unknown): Promise<void> {
    const kept = isUnreachable(error) ? await this.library.enrolments().catch(() => null) : null;
    if (kept) {
      this.list.set(kept);
      return;
    }
    this.problem.set(problemOf(error));
    this.list.set([]);
  }
}
