import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Cohort, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { map } from 'rxjs';
import { CohortStore } from '../data-access/cohort.store';
import { CourseTitlePipe } from '../data-access/course-title.pipe';
import { formatDay } from '../data-access/dates';
import { type DeadlineLine, type DeadlineMode, deadlineLines, deadlinesOf, dueOnOf } from './deadlines';

type LineGroup = FormGroup<{
  moduleKey: FormControl<string>;
  mode: FormControl<DeadlineMode>;
  dueOn: FormControl<string>;
  days: FormControl<number | null>;
}>;

function lineGroup(line: DeadlineLine): LineGroup {
  return new FormGroup({
    moduleKey: new FormControl(line.moduleKey, { nonNullable: true }),
    mode: new FormControl<DeadlineMode>(line.mode, { nonNullable: true }),
    dueOn: new FormControl(line.dueOn, { nonNullable: true }),
    days: new FormControl<number | null>(line.days, [Validators.min(0), Validators.max(3650)]),
  });
}

/** A deadline per module of the pinned version: none, a date, or a number of days after the start. */
@Component({
  selector: 'tc-deadlines-editor',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    CourseTitlePipe,
    ProblemMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.cohort(); as c) {
      @if (c.modules.length) {
        <form [formGroup]="form" (ngSubmit)="save()" novalidate>
          <ol class="tc-modules" formArrayName="lines">
            @for (line of form.controls.lines.controls; track line.controls.moduleKey.value; let i = $index) {
              @let m = c.modules[i];
              <li [formGroupName]="i">
                <h3 [id]="'tc-dl-' + i">{{ m.title | courseTitle }}</h3>
                <div class="tc-row" role="group" [attr.aria-labelledby]="'tc-dl-' + i">
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>{{ 'cohorts.deadlines.mode' | transloco }}</mat-label>
                    <mat-select formControlName="mode">
                      @for (mode of modes; track mode) {
                        <mat-option [value]="mode">{{
                          'cohorts.deadlines.modes.' + mode | transloco
                        }}</mat-option>
                      }
                    </mat-select>
                  </mat-form-field>
                  @if (line.controls.mode.value === 'date') {
                    <mat-form-field appearance="outline" subscriptSizing="dynamic">
                      <mat-label>{{ 'cohorts.deadlines.dueOn' | transloco }}</mat-label>
                      <input matInput type="date" formControlName="dueOn" required />
                    </mat-form-field>
                  } @else if (line.controls.mode.value === 'days') {
                    <mat-form-field appearance="outline" subscriptSizing="dynamic">
                      <mat-label>{{ 'cohorts.deadlines.days' | transloco }}</mat-label>
                      <input
                        matInput
                        type="number"
                        min="0"
                        max="3650"
                        inputmode="numeric"
                        formControlName="days"
                      />
                    </mat-form-field>
                  }
                </div>
                <p class="tc-due">
                  @if (due()[i]; as d) {
                    {{ 'cohorts.deadlines.resolved' | transloco: { date: day(d.on) } }}
                    @if (d.days !== null) {
                      ({{ 'cohorts.deadlines.afterStart' | transloco: { days: d.days } }})
                    }
                  } @else {
                    {{ 'cohorts.deadlines.noDeadline' | transloco }}
                  }
                </p>
              </li>
            }
          </ol>
          <tc-problem-message [problem]="problem()" />
          @if (saved()) {
            <p role="status">{{ 'cohorts.deadlines.saved' | transloco }}</p>
          }
          <button mat-stroked-button type="submit" [disabled]="store.busy() || !dirty()">
            {{ 'cohorts.deadlines.save' | transloco }}
          </button>
        </form>
      } @else {
        <p>{{ 'cohorts.deadlines.noModules' | transloco }}</p>
      }
    }
  `,
  styles: `
    .tc-modules {
      list-style: none;
      margin: 0 0 0.75rem;
      padding: 0;
      display: grid;
      gap: 0.75rem;
    }
    h3 {
      font-size: 1rem;
      font-weight: 500;
      margin-block: 0 0.25rem;
    }
    .tc-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .tc-row mat-form-field {
      flex: 1 1 10rem;
    }
    .tc-due {
      margin-block: 0.25rem 0;
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class DeadlinesEditorComponent {
  protected readonly store = inject(CohortStore);
  private readonly lang = inject(LanguageService).lang;
  protected readonly modes: DeadlineMode[] = ['none', 'date', 'days'];
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly saved = signal(false);
  protected readonly form = new FormGroup({ lines: new FormArray<LineGroup>([]) });
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  /**
   * Each module's date as the lines read now, saved or not: a number of days after the start shows
   * its date while it is typed (with the number of days it was given as).
   */
  protected readonly due = computed(() => {
    const startsOn = this.store.cohort()?.startsOn;
    return this.value().lines.map((line) => {
      const on = startsOn ? dueOnOf(line, startsOn) : null;
      return on ? { on, days: line.mode === 'days' ? line.days : null } : null;
    });
  });
  /** Whether what is on screen differs from the cohort's deadlines. */
  protected readonly dirty = computed(() => {
    const c = this.store.cohort();
    if (!c) return false;
    return JSON.stringify(deadlinesOf(this.value().lines)) !== JSON.stringify(deadlinesOf(deadlineLines(c)));
  });

  constructor() {
    effect(() => {
      const c = this.store.cohort();
      untracked(() => {
        if (c) this.reset(c);
      });
    });
  }

  protected day(value: string): string {
    return formatDay(value, this.lang());
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.problem.set(null);
    this.saved.set(false);
    const deadlines = deadlinesOf(this.form.getRawValue().lines);
    this.store
      .run((c, id) => c.update(id, { deadlines }))
      .subscribe({
        next: () => this.saved.set(true),
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }

  /** One line per module of the cohort (a failed save keeps the trainer's input: no reset). */
  private reset(cohort: Cohort): void {
    const lines = this.form.controls.lines;
    lines.clear({ emitEvent: false });
    for (const line of deadlineLines(cohort)) lines.push(lineGroup(line), { emitEvent: false });
    this.form.updateValueAndValidity();
  }
}
