import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MyEnrolment, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { CohortsService } from '../data-access/cohorts.service';
import { CourseTitlePipe } from '../data-access/course-title.pipe';
import { formatDay } from '../data-access/dates';

interface State {
  list: MyEnrolment[] | null;
  problem: ProblemDetails | null;
}

/** A coach's own enrolments: cohort, course, dates, progress. (The lesson player comes later.) */
@Component({
  selector: 'tc-my-enrolments',
  imports: [TranslocoPipe, CourseTitlePipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tc-mine" aria-labelledby="tc-mine-h">
      <h2 id="tc-mine-h">{{ 'cohorts.mine.title' | transloco }}</h2>
      <tc-problem-message [problem]="state().problem" />
      @if (state().list; as list) {
        @if (list.length) {
          <ul>
            @for (e of list; track e.enrolmentId) {
              <li [class.tc-gone]="e.status === 'withdrawn'">
                <h3>{{ e.cohortName }}</h3>
                <span>{{ e.courseTitle | courseTitle }}</span>
                <span class="tc-dates">{{
                  'cohorts.dates' | transloco: { start: day(e.startsOn), end: day(e.endsOn) }
                }}</span>
                @if (e.status === 'withdrawn') {
                  <span class="tc-badge">{{ 'cohorts.mine.withdrawn' | transloco }}</span>
                }
                <span class="tc-progress">
                  <progress
                    [max]="e.lessonsTotal || 1"
                    [value]="e.lessonsDone"
                    [attr.aria-label]="'cohorts.mine.progressOf' | transloco: { name: e.cohortName }"
                  ></progress>
                  <span>{{
                    'cohorts.roster.lessons' | transloco: { done: e.lessonsDone, total: e.lessonsTotal }
                  }}</span>
                </span>
              </li>
            }
          </ul>
        } @else {
          <p>{{ 'cohorts.mine.empty' | transloco }}</p>
        }
      } @else if (!state().problem) {
        <p role="status">{{ 'common.loading' | transloco }}</p>
      }
    </section>
  `,
  styles: `
    h2 {
      font-size: 1.125rem;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
      gap: 0.75rem;
    }
    li {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      padding: 0.75rem 1rem;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
    }
    h3 {
      font-size: 1.0625rem;
      margin: 0;
    }
    .tc-dates {
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-gone {
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-badge {
      align-self: flex-start;
      font-size: 0.8125rem;
      padding-inline: 0.5rem;
      border-radius: 1rem;
      background: var(--mat-sys-surface-container-highest);
    }
    .tc-progress {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    progress {
      flex: 1 1 auto;
      max-inline-size: 12rem;
      accent-color: var(--mat-sys-primary);
    }
  `,
})
export class MyEnrolmentsComponent {
  private readonly cohorts = inject(CohortsService);
  private readonly lang = inject(LanguageService).lang;
  /** Change it to fetch the list again (after joining). */
  readonly refresh = input(0);

  protected readonly state = toSignal(
    toObservable(this.refresh).pipe(
      switchMap(() =>
        this.cohorts.myEnrolments().pipe(
          map((list): State => ({ list, problem: null })),
          catchError((e: unknown) => of<State>({ list: [], problem: problemOf(e) })),
          startWith<State>({ list: null, problem: null }),
        ),
      ),
    ),
    { initialValue: { list: null, problem: null } as State },
  );

  protected day(value: string): string {
    return formatDay(value, this.lang());
  }
}
