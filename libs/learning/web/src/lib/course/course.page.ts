import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { CoachLesson } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, today } from '@tc/shared/ui';
import { CertificatePanelComponent } from '../certificate/certificate-panel.component';
import { continueKey, isDone } from '../data-access/course-outline';
import { formatDate } from '../data-access/dates';
import { deadlineStatus, moduleDone } from '../data-access/deadlines';
import { type CourseEntry, LearnerCourseStore } from '../data-access/learner-course.store';
import { SelfAssessmentComponent } from '../self-assessment/self-assessment.component';
import { DeadlineBadgeComponent } from '../ui/deadline-badge.component';
import { OfflineToggleComponent } from '../ui/offline-toggle.component';
import { SyncStatusComponent } from '../ui/sync-status.component';
import { LessonStateIconComponent, type ShownState } from '../ui/lesson-state-icon.component';
import { ProgressMeterComponent } from '../ui/progress-meter.component';
import { restAfterPaint } from '../ui/rest-after-paint';

/** `/learn/:enrolmentId`: the modules with their due dates, each lesson with its state. */
@Component({
  selector: 'tc-course-page',
  imports: [
    RouterLink,
    TranslocoPipe,
    ProblemMessageComponent,
    ProgressMeterComponent,
    DeadlineBadgeComponent,
    LessonStateIconComponent,
    SelfAssessmentComponent,
    CertificatePanelComponent,
    OfflineToggleComponent,
    SyncStatusComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './course.page.html',
  styleUrl: './course.page.scss',
})
export class CoursePage {
  private readonly store = inject(LearnerCourseStore);
  private readonly lang = inject(LanguageService).lang;
  private readonly transloco = inject(TranslocoService);
  /** The translations: their arrival or a new language writes the lessons' lines again. */
  private readonly translation = toSignal(this.transloco.selectTranslation());
  /** Route parameter. */
  readonly enrolmentId = input.required<string>();

  protected readonly entry = computed<CourseEntry | null>(
    () => this.store.entries()[this.enrolmentId()] ?? null,
  );
  protected readonly learner = computed(() => this.entry()?.course ?? null);
  protected readonly continueKey = computed(() => {
    const l = this.learner();
    return l ? continueKey(l) : null;
  });
  /** The outline and the self-assessment render once the course's top is on screen. */
  protected readonly rest = restAfterPaint(() => this.learner());
  protected readonly completedOn = computed(() => formatDate(this.learner()?.completedAt, this.lang()));
  /** Whether some lesson is shown in the course's default language. */
  protected readonly fallbackLocale = computed(
    () =>
      this.learner()
        ?.course.modules.flatMap((m) => m.lessons)
        .find((l) => l.fallback)?.locale ?? null,
  );
  protected readonly modules = computed(() => {
    const l = this.learner();
    if (!l) return [];
    this.translation();
    const day = today();
    return l.course.modules.map((m) => {
      const dueOn = l.deadlines[m.key] ?? null;
      const done = moduleDone(l, m.key);
      return {
        key: m.key,
        title: m.title,
        dueOn,
        done,
        status: dueOn ? (done ? 'later' : deadlineStatus(dueOn, day)) : null,
        lessons: m.lessons.map((lesson) => {
          const state = this.stateOf(lesson);
          return { lesson, state, meta: this.metaOf(lesson, state) };
        }),
      };
    });
  });

  constructor() {
    effect(() => this.store.ensure(this.enrolmentId(), this.lang()));
  }

  protected retry(): void {
    this.store.reload(this.enrolmentId());
  }

  /**
   * "Not started · Quiz · 10 min": the lesson's line under its title, one text per lesson rather
   * than a translation pipe for each of its parts (the outline's first render on a phone).
   */
  private metaOf(lesson: CoachLesson, state: ShownState): string {
    const t = (key: string, params?: Record<string, unknown>) => this.transloco.translate(key, params);
    return [
      t(`learning.state.${state}`),
      ...(lesson.kind === 'quiz' ? [t('learning.course.quiz')] : []),
      ...(lesson.estimatedMinutes ? [t('learning.course.minutes', { n: lesson.estimatedMinutes })] : []),
    ].join(' · ');
  }

  private stateOf(lesson: CoachLesson): ShownState {
    const l = this.learner();
    if (!l) return 'not_started';
    if (isDone(l, lesson)) return lesson.kind === 'quiz' ? 'passed' : 'completed';
    if (lesson.kind === 'quiz' && (l.quizzes[lesson.key]?.attempts ?? 0) > 0) return 'failed';
    return l.lessons[lesson.key]?.state ?? 'not_started';
  }
}
