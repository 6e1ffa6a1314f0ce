import { HttpClient, HttpParams } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CourseSummary, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, formatCalendarDay, problemOf, today } from '@tc/shared/ui';
import { catchError, combineLatest, map, of } from 'rxjs';
import { COHORTS_API } from '../data-access/cohorts.service';
import { CourseTitlePipe } from '../data-access/course-title.pipe';
import { type TrainerHome, trainerHome } from './trainer-home';
import type { CohortSummary } from '@tc/shared/contracts';

const COURSES_API = '/api/v1/courses';

interface State {
  home: TrainerHome | null;
  problem: ProblemDetails | null;
}

/**
 * A trainer's home section: their cohorts with counts, their unpublished drafts and what waits this
 * week (a cohort starting or ending, one nobody joined yet), each a link to where it is handled.
 */
@Component({
  selector: 'tc-trainer-home',
  imports: [RouterLink, TranslocoPipe, ProblemMessageComponent, CourseTitlePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tc-trainer" aria-labelledby="tc-trainer-h">
      <h2 id="tc-trainer-h">{{ 'cohorts.home.title' | transloco }}</h2>
      <tc-problem-message [problem]="state()?.problem ?? null" />
      @if (state()?.home; as h) {
        <div class="tc-actions">
          <a class="tc-button" routerLink="/cohorts" [queryParams]="{ create: '' }">{{
            'cohorts.create.open' | transloco
          }}</a>
          <a class="tc-button" routerLink="/cohorts">{{ 'cohorts.home.allCohorts' | transloco }}</a>
          <a class="tc-button" routerLink="/courses">{{ 'cohorts.home.allCourses' | transloco }}</a>
        </div>

        <h3 id="tc-waiting-h">{{ 'cohorts.home.waiting' | transloco }}</h3>
        @if (h.waiting.length) {
          <ul class="tc-list" aria-labelledby="tc-waiting-h">
            @for (w of h.waiting; track w.kind + w.cohort.id) {
              <li>
                <a [routerLink]="['/cohorts', w.cohort.id]"
                  ><bdi>{{ w.cohort.name }}</bdi></a
                >
                <span>{{ 'cohorts.home.wait.' + w.kind | transloco: { date: day(w.on) } }}</span>
              </li>
            }
          </ul>
        } @else {
          <p class="tc-none">{{ 'cohorts.home.nothingWaits' | transloco }}</p>
        }

        <h3 id="tc-mine-h">{{ 'cohorts.home.cohorts' | transloco }}</h3>
        <p class="tc-counts">
          {{
            'cohorts.home.counts'
              | transloco: { running: h.counts.running, planned: h.counts.planned, closed: h.counts.closed }
          }}
        </p>
        @if (h.cohorts.length) {
          <ul class="tc-list" aria-labelledby="tc-mine-h">
            @for (c of h.cohorts; track c.id) {
              <li>
                <a [routerLink]="['/cohorts', c.id]"
                  ><bdi>{{ c.name }}</bdi></a
                >
                <span class="tc-status tc-status-{{ c.status }}">{{
                  'cohorts.status.' + c.status | transloco
                }}</span>
                <span>{{ 'cohorts.enrolledCount' | transloco: { count: c.enrolledCount } }}</span>
              </li>
            }
          </ul>
        } @else {
          <p class="tc-none">{{ 'cohorts.home.noCohort' | transloco }}</p>
        }

        <h3 id="tc-drafts-h">{{ 'cohorts.home.drafts' | transloco }}</h3>
        @if (h.drafts.length) {
          <ul class="tc-list" aria-labelledby="tc-drafts-h">
            @for (d of h.drafts; track d.id) {
              <li>
                <a [routerLink]="['/courses', d.id]"
                  ><bdi>{{ d.title | courseTitle }}</bdi></a
                >
                <span>{{
                  (d.latestVersion === null
                    ? 'cohorts.home.neverPublished'
                    : 'cohorts.home.unpublishedChanges'
                  ) | transloco: { version: d.latestVersion }
                }}</span>
              </li>
            }
          </ul>
        } @else {
          <p class="tc-none">{{ 'cohorts.home.noDraft' | transloco }}</p>
        }
      } @else if (!state()?.problem) {
        <p role="status">{{ 'common.loading' | transloco }}</p>
      }
    </section>
  `,
  styles: `
    .tc-trainer {
      margin-block: 1.5rem;
    }
    h2 {
      font-size: 1.125rem;
    }
    h3 {
      font-size: 1rem;
      margin-block: 1.25rem 0.5rem;
    }
    .tc-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .tc-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .tc-list li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      align-items: baseline;
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
    }
    .tc-list a {
      font-weight: 500;
      min-block-size: 1.5rem;
    }
    .tc-none,
    .tc-counts {
      color: var(--mat-sys-on-surface-variant);
      margin-block: 0.25rem;
    }
    .tc-status {
      font-size: 0.8125rem;
      padding-inline: 0.5rem;
      border-radius: 1rem;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .tc-status-running {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
})
export class TrainerHomeComponent {
  private readonly http = inject(HttpClient);
  private readonly lang = inject(LanguageService).lang;

  protected readonly state = toSignal(
    combineLatest([
      this.http.get<CohortSummary[]>(COHORTS_API),
      this.http.get<CourseSummary[]>(COURSES_API, { params: new HttpParams().set('scope', 'mine') }),
    ]).pipe(
      map(([cohorts, courses]): State => ({ home: trainerHome(cohorts, courses, today()), problem: null })),
      catchError((e: unknown) => of<State>({ home: null, problem: problemOf(e) })),
    ),
  );

  protected day(value: string): string {
    return formatCalendarDay(value, this.lang());
  }
}
