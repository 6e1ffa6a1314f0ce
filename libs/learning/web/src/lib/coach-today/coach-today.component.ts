import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { HomeSectionProgress } from '@tc/identity/web';
import type { LearnerCourse } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, textIn, today } from '@tc/shared/ui';
import { continueKey, lessonsInOrder } from '../data-access/course-outline';
import { type ModuleDeadline, nextDeadline } from '../data-access/deadlines';
import { LearnerCourseStore } from '../data-access/learner-course.store';
import { injectMyEnrolments } from '../data-access/my-enrolments';
import { ProgressSyncService } from '../data-access/progress-sync/progress-sync.service';
import { DeadlineBadgeComponent } from '../ui/deadline-badge.component';
import { ProgressMeterComponent } from '../ui/progress-meter.component';

interface Row {
  id: string;
  cohortName: string;
  title: string;
  withdrawn: boolean;
  done: number;
  total: number;
}

interface Next {
  title: string;
  link: string[];
}

/** The most recent activity recorded in a course (ISO), '' when none. */
function lastActivity(course: LearnerCourse): string {
  let last = '';
  for (const l of Object.values(course.lessons))
    if (l.lastActivityAt && l.lastActivityAt > last) last = l.lastActivityAt;
  return last;
}

/**
 * A coach's home section: what they need now rather than what the role is about. The next lesson
 * (one tap into the player), the next deadline, what waits on this device to be sent, then each
 * enrolment as a link to its course. Offline, the enrolments and courses kept on the device.
 */
@Component({
  selector: 'tc-coach-today',
  imports: [
    RouterLink,
    TranslocoPipe,
    ProblemMessageComponent,
    DeadlineBadgeComponent,
    ProgressMeterComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tc-today" aria-labelledby="tc-today-h">
      <h2 id="tc-today-h">{{ 'learning.today.title' | transloco }}</h2>
      <tc-problem-message [problem]="problem()" />
      @if (settled() && list(); as all) {
        @if (next(); as n) {
          <a class="tc-button tc-continue" [routerLink]="n.link">{{
            'learning.today.continueTo' | transloco: { lesson: n.title }
          }}</a>
        }
        @if (deadline(); as d) {
          <p class="tc-line">
            <tc-deadline-badge [dueOn]="d.dueOn" [status]="d.status" [label]="d.moduleTitle" />
          </p>
        }
        @if (sync.counted()) {
          <p class="tc-line tc-sync" role="status">
            {{
              sync.pending()
                ? ('learning.offline.waiting' | transloco: { count: sync.pending() })
                : ('learning.offline.allSynced' | transloco)
            }}
          </p>
        }
        <h3>{{ 'learning.home.title' | transloco }}</h3>
        @if (all.length) {
          <ul>
            @for (r of rows(); track r.id) {
              <li [class.tc-gone]="r.withdrawn">
                <a [routerLink]="['/learn', r.id]">
                  <span class="tc-cohort">{{ r.cohortName }}</span>
                  <strong>{{ r.title }}</strong>
                </a>
                <tc-progress-meter [done]="r.done" [total]="r.total" [name]="r.title" />
                @if (r.withdrawn) {
                  <span class="tc-badge">{{ 'learning.home.withdrawn' | transloco }}</span>
                }
              </li>
            }
          </ul>
        } @else {
          <p>{{ 'learning.home.empty' | transloco }}</p>
          <p>
            <a routerLink="/join">{{ 'learning.home.join' | transloco }}</a>
          </p>
        }
      } @else if (!problem()) {
        <p role="status">{{ 'common.loading' | transloco }}</p>
      }
    </section>
  `,
  styleUrl: './coach-today.component.scss',
})
export class CoachTodayComponent {
  private readonly store = inject(LearnerCourseStore);
  private readonly lang = inject(LanguageService).lang;
  protected readonly sync = inject(ProgressSyncService);

  private readonly enrolments = injectMyEnrolments();
  protected readonly list = this.enrolments.list;
  protected readonly problem = this.enrolments.problem;

  /**
   * Whether the list and every active course have answered (or failed): the page shows them at once,
   * so the "continue" button and the deadline never push the list down after it was drawn.
   */
  protected readonly settled = computed(() => {
    const list = this.list();
    if (!list) return false;
    const entries = this.store.entries();
    return list.every((e) => {
      if (e.status !== 'active') return true;
      const entry = entries[e.enrolmentId];
      return !!entry && !entry.loading && (!!entry.course || !!entry.problem);
    });
  });

  /** The active courses loaded so far, in the order of the enrolments. */
  private readonly courses = computed(() => {
    const entries = this.store.entries();
    return (this.list() ?? [])
      .filter((e) => e.status === 'active')
      .map((e) => entries[e.enrolmentId]?.course)
      .filter((c): c is LearnerCourse => !!c);
  });

  protected readonly rows = computed((): Row[] => {
    const entries = this.store.entries();
    const lang = this.lang();
    return (this.list() ?? []).map((e) => {
      const course = e.status === 'active' ? (entries[e.enrolmentId]?.course ?? null) : null;
      return {
        id: e.enrolmentId,
        cohortName: e.cohortName,
        title: course?.course.title || textIn(e.courseTitle, lang),
        withdrawn: e.status === 'withdrawn',
        done: course?.lessonsDone ?? e.lessonsDone,
        total: course?.lessonsTotal ?? e.lessonsTotal,
      };
    });
  });

  constructor() {
    // On the home page, the sections below this one wait until it has drawn all it will draw.
    const progress = inject(HomeSectionProgress, { optional: true });
    effect(() => {
      if (this.settled() || this.problem()) progress?.settle();
    });
  }

  /** The lesson to resume: in the unfinished course touched last (else the first one listed). */
  protected readonly next = computed((): Next | null => {
    let best: LearnerCourse | null = null;
    for (const c of this.courses()) {
      if (c.completedAt || !c.nextLessonKey) continue;
      if (!best || lastActivity(c) > lastActivity(best)) best = c;
    }
    const key = best ? continueKey(best) : null;
    const lesson = best && key ? lessonsInOrder(best.course).find((p) => p.lesson.key === key) : null;
    return best && lesson
      ? { title: lesson.lesson.title, link: ['/learn', best.enrolmentId, 'lessons', lesson.lesson.key] }
      : null;
  });

  /** The earliest deadline among the modules not done yet, across the unfinished courses. */
  protected readonly deadline = computed((): ModuleDeadline | null => {
    const day = today();
    let best: ModuleDeadline | null = null;
    for (const c of this.courses()) {
      if (c.completedAt) continue;
      const d = nextDeadline(c, day);
      if (d && (!best || d.dueOn < best.dueOn)) best = d;
    }
    return best;
  });
}
