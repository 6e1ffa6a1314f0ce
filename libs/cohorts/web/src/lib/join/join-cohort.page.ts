import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MyEnrolment, ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { finalize } from 'rxjs';
import { CohortsService } from '../data-access/cohorts.service';
import { CourseTitlePipe } from '../data-access/course-title.pipe';
import { MyEnrolmentsComponent } from '../my-enrolments/my-enrolments.component';
import { JOIN_CODE_LENGTH, isJoinCode, normaliseJoinCode } from './join-code';

/** Join a cohort with the code a trainer gave; then the person's enrolments. */
@Component({
  selector: 'tc-join-cohort-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    CourseTitlePipe,
    ProblemMessageComponent,
    MyEnrolmentsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tc-page">
      <h1>{{ 'cohorts.join.title' | transloco }}</h1>
      <form class="tc-form tc-medium" [formGroup]="form" (ngSubmit)="join()" novalidate>
        <p>{{ 'cohorts.join.explain' | transloco }}</p>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'cohorts.join.code' | transloco }}</mat-label>
          <input
            matInput
            formControlName="code"
            dir="ltr"
            class="tc-code"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            [attr.maxlength]="maxLength"
            required
            [attr.aria-describedby]="codeError() ? 'tc-join-error' : null"
          />
          <mat-hint>{{ 'cohorts.join.hint' | transloco: { length: codeLength } }}</mat-hint>
        </mat-form-field>
        @if (codeError(); as key) {
          <p id="tc-join-error" class="tc-error" role="alert">
            {{ key | transloco: { length: codeLength } }}
          </p>
        }
        @if (problem(); as p) {
          <tc-problem-message [problem]="p" [fields]="['code']" />
        }
        <div class="tc-actions">
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ 'cohorts.join.submit' | transloco }}
          </button>
        </div>
      </form>
      @if (joined(); as j) {
        <div class="tc-joined" role="status">
          <p>
            <strong>{{ 'cohorts.join.done' | transloco: { cohort: j.cohortName } }}</strong>
          </p>
          <p>{{ 'cohorts.join.course' | transloco: { course: (j.courseTitle | courseTitle) } }}</p>
        </div>
      }
      <tc-my-enrolments [refresh]="refresh()" />
    </section>
  `,
  styles: `
    .tc-code {
      font-family: ui-monospace, 'Cascadia Mono', Menlo, Consolas, monospace;
      letter-spacing: 0.1em;
      text-transform: uppercase;
    }
    .tc-joined {
      max-inline-size: 40rem;
      margin-block: 1rem;
      padding: 0.75rem 1rem;
      border-radius: 8px;
      border-inline-start: 4px solid var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-low);
    }
    .tc-joined p {
      margin: 0;
    }
  `,
})
export class JoinCohortPage {
  private readonly cohorts = inject(CohortsService);
  protected readonly codeLength = JOIN_CODE_LENGTH;
  /** Room for spaces or dashes people type when reading a code aloud. */
  protected readonly maxLength = JOIN_CODE_LENGTH + 4;
  protected readonly code = new FormControl('', { nonNullable: true });
  protected readonly form = new FormGroup({ code: this.code });
  protected readonly busy = signal(false);
  /** Translation key of what is wrong with the code. */
  protected readonly codeError = signal<string | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly joined = signal<MyEnrolment | null>(null);
  protected readonly refresh = signal(0);

  protected join(): void {
    const code = normaliseJoinCode(this.code.value);
    this.problem.set(null);
    this.joined.set(null);
    if (!isJoinCode(code)) {
      this.codeError.set(code ? 'cohorts.join.errors.format' : 'common.required');
      return;
    }
    this.codeError.set(null);
    this.busy.set(true);
    this.cohorts
      .join(code)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (enrolment) => {
          this.joined.set(enrolment);
          this.code.reset();
          this.refresh.update((n) => n + 1);
        },
        error: (e: unknown) => {
          const problem = problemOf(e);
          if (problem.status === 404) this.codeError.set('cohorts.join.errors.unknown');
          else if (problem.status === 409) this.codeError.set('cohorts.join.errors.closed');
          else this.problem.set(problem);
        },
      });
  }
}
