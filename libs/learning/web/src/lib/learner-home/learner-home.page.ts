import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type {} from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, textIn, today } from '@tc/shared/ui';
import { continueKey } from '../data-access/course-outline';
import { nextDeadline } from '../data-access/deadlines';
import { LearnerCourseStore } from '../data-access/learner-course.store';
import { injectMyEnrolments } from '../data-access/my-enrolments';
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
  private readonly store = inject(LearnerCourseStore);
  private readonly lang = inject(LanguageService).lang;

  private readonly enrolments = injectMyEnrolments();
  protected readonly list = this.enrolments.list;
  protected readonly problem = this.enrolments.problem;

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
}
