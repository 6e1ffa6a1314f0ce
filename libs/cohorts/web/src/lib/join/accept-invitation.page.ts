import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CohortInvitation, MyEnrolment, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { catchError, finalize, map, of, switchMap } from 'rxjs';
import { CohortsService } from '../data-access/cohorts.service';
import { CourseTitlePipe } from '../data-access/course-title.pipe';
import { formatDay } from '../data-access/dates';
import { MyEnrolmentsComponent } from '../my-enrolments/my-enrolments.component';

type Failure = 'otherAccount' | 'notFound' | 'expired' | 'closed';
type State = { invitation: CohortInvitation } | { failure: Failure | null; problem: ProblemDetails };

/** What a refusal means to the invitee (null: shown as the problem itself). */
export function invitationFailure(problem: ProblemDetails): Failure | null {
  if (problem.status === 403) return 'otherAccount';
  if (problem.status === 404) return 'notFound';
  if (problem.status === 410) return 'expired';
  if (problem.status === 409) return 'closed';
  return null;
}

/**
 * `/join/invitation/:token`: a signed-in person invited into a cohort (the e-mailed link leads here
 * through `/links/:token`, and through sign-in first) sees the cohort and accepts; then their courses.
 */
@Component({
  selector: 'tc-accept-invitation-page',
  imports: [
    RouterLink,
    MatButtonModule,
    TranslocoPipe,
    CourseTitlePipe,
    ProblemMessageComponent,
    MyEnrolmentsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tc-page">
      <h1>{{ 'cohorts.invitation.title' | transloco }}</h1>
      @if (joined(); as j) {
        <div class="tc-joined" role="status">
          <p>
            <strong>{{ 'cohorts.join.done' | transloco: { cohort: j.cohortName } }}</strong>
          </p>
          <p>{{ 'cohorts.join.course' | transloco: { course: (j.courseTitle | courseTitle) } }}</p>
        </div>
        <tc-my-enrolments />
      } @else if (state(); as s) {
        @if ('invitation' in s) {
          <div class="tc-invitation">
            <p>{{ 'cohorts.invitation.intro' | transloco: { cohort: s.invitation.cohortName } }}</p>
            <p>
              {{ 'cohorts.join.course' | transloco: { course: (s.invitation.courseTitle | courseTitle) } }}
            </p>
            <p>
              {{
                'cohorts.dates'
                  | transloco: { start: day(s.invitation.startsOn), end: day(s.invitation.endsOn) }
              }}
            </p>
            <p>
              {{ 'cohorts.invitation.sentTo' | transloco }}
              <span class="tc-email" dir="ltr">{{ s.invitation.email }}</span>
            </p>
            <p>{{ 'cohorts.invitation.explain' | transloco }}</p>
          </div>
          @if (failure(); as f) {
            <p class="tc-error" role="alert">{{ 'cohorts.invitation.errors.' + f | transloco }}</p>
          }
          <tc-problem-message [problem]="problem()" />
          <div class="tc-actions">
            <button mat-flat-button type="button" [disabled]="busy()" (click)="accept()">
              {{ 'cohorts.invitation.accept' | transloco }}
            </button>
          </div>
        } @else {
          @if (s.failure) {
            <p class="tc-error" role="alert">{{ 'cohorts.invitation.errors.' + s.failure | transloco }}</p>
          } @else {
            <tc-problem-message [problem]="s.problem" />
          }
          <p>
            <a routerLink="/join">{{ 'cohorts.invitation.myCourses' | transloco }}</a>
          </p>
        }
      } @else {
        <p role="status">{{ 'common.loading' | transloco }}</p>
      }
    </section>
  `,
  styles: `
    .tc-invitation,
    .tc-joined {
      max-inline-size: 40rem;
      margin-block: 1rem;
      padding: 0.75rem 1rem;
      border-radius: 8px;
      border-inline-start: 4px solid var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-low);
    }
    .tc-invitation p,
    .tc-joined p {
      margin-block: 0 0.5rem;
    }
    .tc-email {
      font-weight: 500;
      unicode-bidi: plaintext;
      overflow-wrap: anywhere;
    }
  `,
})
export class AcceptInvitationPage {
  private readonly cohorts = inject(CohortsService);
  private readonly lang = inject(LanguageService).lang;
  /** Route parameter `:token`. */
  readonly token = input.required<string>();

  protected readonly state = signal<State | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly joined = signal<MyEnrolment | null>(null);

  constructor() {
    toObservable(this.token)
      .pipe(
        switchMap((token) =>
          this.cohorts.invitation(token).pipe(
            map((invitation): State => ({ invitation })),
            catchError((e: unknown) => {
              const problem = problemOf(e);
              return of<State>({ failure: invitationFailure(problem), problem });
            }),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected day(value: string): string {
    return formatDay(value, this.lang());
  }

  protected accept(): void {
    this.busy.set(true);
    this.failure.set(null);
    this.problem.set(null);
    this.cohorts
      .acceptInvitation(this.token())
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (enrolment) => this.joined.set(enrolment),
        error: (e: unknown) => {
          const problem = problemOf(e);
          const failure = invitationFailure(problem);
          if (failure) this.failure.set(failure);
          else this.problem.set(problem);
        },
      });
  }
}
