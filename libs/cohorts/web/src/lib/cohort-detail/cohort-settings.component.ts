import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, ProblemTexts, problemOf } from '@tc/shared/ui';
import { CohortStore } from '../data-access/cohort.store';

const FIELDS = ['name', 'startsOn', 'endsOn'];

function datesInOrder(group: AbstractControl): ValidationErrors | null {
  const { startsOn, endsOn } = group.value as { startsOn?: string; endsOn?: string };
  return startsOn && endsOn && endsOn < startsOn ? { endBeforeStart: true } : null;
}

/** The cohort's name and dates. */
@Component({
  selector: 'tc-cohort-settings',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    ProblemMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="tc-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'cohorts.fields.name' | transloco }}</mat-label>
        <input matInput formControlName="name" required autocomplete="off" />
        <mat-error>{{ 'common.required' | transloco }}</mat-error>
        @if (serverError('name'); as m) {
          <mat-hint class="tc-error">{{ m }}</mat-hint>
        }
      </mat-form-field>
      <div class="tc-dates">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'cohorts.fields.startsOn' | transloco }}</mat-label>
          <input matInput type="date" formControlName="startsOn" required />
          @if (serverError('startsOn'); as m) {
            <mat-hint class="tc-error">{{ m }}</mat-hint>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'cohorts.fields.endsOn' | transloco }}</mat-label>
          <input matInput type="date" formControlName="endsOn" required />
          @if (serverError('endsOn'); as m) {
            <mat-hint class="tc-error">{{ m }}</mat-hint>
          }
        </mat-form-field>
      </div>
      @if (form.hasError('endBeforeStart')) {
        <p class="tc-error" role="alert">{{ 'cohorts.fields.endBeforeStart' | transloco }}</p>
      }
      <tc-problem-message [problem]="problem()" [fields]="fields" />
      @if (saved()) {
        <p role="status">{{ 'cohorts.saved' | transloco }}</p>
      }
      <div class="tc-actions">
        <button mat-stroked-button type="submit" [disabled]="store.busy() || form.pristine">
          {{ 'common.save' | transloco }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .tc-dates {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
    }
    .tc-dates mat-form-field {
      flex: 1 1 11rem;
    }
  `,
})
export class CohortSettingsComponent {
  protected readonly store = inject(CohortStore);
  private readonly problemTexts = inject(ProblemTexts);
  protected readonly fields = FIELDS;
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly saved = signal(false);
  protected readonly form = new FormGroup(
    {
      name: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(160)],
      }),
      startsOn: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
      endsOn: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    },
    { validators: datesInOrder },
  );

  constructor() {
    // The form follows the cohort, unless the trainer is editing it.
    effect(() => {
      const c = this.store.cohort();
      untracked(() => {
        if (c && this.form.pristine)
          this.form.reset({ name: c.name, startsOn: c.startsOn, endsOn: c.endsOn });
      });
    });
  }

  protected serverError(field: string): string | null {
    return this.problemTexts.field(this.problem(), field);
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    this.problem.set(null);
    this.saved.set(false);
    this.store
      .run((c, id) => c.update(id, { name: v.name.trim(), startsOn: v.startsOn, endsOn: v.endsOn }))
      .subscribe({
        next: (cohort) => {
          this.form.reset({ name: cohort.name, startsOn: cohort.startsOn, endsOn: cohort.endsOn });
          this.saved.set(true);
        },
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }
}
