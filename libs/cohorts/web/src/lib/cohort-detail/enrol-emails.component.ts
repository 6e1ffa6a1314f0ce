import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { type EnrolmentResult, LOCALES, type Locale, type ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, ProblemTexts, problemOf } from '@tc/shared/ui';
import { finalize } from 'rxjs';
import { CohortStore } from '../data-access/cohort.store';
import { CohortsService } from '../data-access/cohorts.service';
import { splitEmails } from '../data-access/email-list';
import { EnrolmentResultComponent } from './enrolment-result.component';

/**
 * Enrol people by pasting their addresses; new ones are invited. Shows what happened to each. The
 * fields' hints take the lines they need (they wrap on a phone) instead of running into the next field.
 */
@Component({
  selector: 'tc-enrol-emails',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    EnrolmentResultComponent,
    ProblemMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="tc-form tc-enrol" [formGroup]="form" (ngSubmit)="enrol()" novalidate>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'cohorts.enrol.emails' | transloco }}</mat-label>
        <textarea
          matInput
          formControlName="text"
          rows="6"
          dir="ltr"
          autocomplete="off"
          spellcheck="false"
        ></textarea>
        <mat-hint>{{ 'cohorts.enrol.hint' | transloco: { count: emails().length } }}</mat-hint>
        @if (serverError('emails'); as m) {
          <mat-hint class="tc-error">{{ m }}</mat-hint>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'cohorts.enrol.language' | transloco }}</mat-label>
        <mat-select formControlName="language">
          @for (l of locales; track l) {
            <mat-option [value]="l">{{ 'languages.names.' + l | transloco }}</mat-option>
          }
        </mat-select>
        <mat-hint>{{ 'cohorts.enrol.languageHint' | transloco }}</mat-hint>
      </mat-form-field>
      <tc-problem-message [problem]="problem()" [fields]="['emails']" />
      <div class="tc-actions">
        <button mat-flat-button type="submit" [disabled]="busy() || !emails().length">
          {{ 'cohorts.enrol.submit' | transloco: { count: emails().length } }}
        </button>
      </div>
    </form>

    @if (result(); as r) {
      <tc-enrolment-result [result]="r" />
    }
  `,
  styles: `
    .tc-enrol {
      max-inline-size: 40rem;
      margin-block: 1rem;
      gap: 1rem;
    }
  `,
})
export class EnrolEmailsComponent {
  private readonly store = inject(CohortStore);
  private readonly problemTexts = inject(ProblemTexts);
  private readonly cohorts = inject(CohortsService);
  protected readonly locales = LOCALES;
  protected readonly text = new FormControl('', { nonNullable: true });
  protected readonly language = new FormControl<Locale>('fr', { nonNullable: true });
  protected readonly form = new FormGroup({ text: this.text, language: this.language });
  private readonly textValue = toSignal(this.text.valueChanges, { initialValue: '' });
  protected readonly emails = computed(() => splitEmails(this.textValue()));
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly result = signal<EnrolmentResult | null>(null);

  protected serverError(field: string): string | null {
    return this.problemTexts.field(this.problem(), field);
  }

  protected enrol(): void {
    const id = this.store.cohort()?.id;
    const emails = this.emails();
    if (!id || !emails.length) return;
    this.busy.set(true);
    this.problem.set(null);
    this.result.set(null);
    this.cohorts
      .enrol(id, { emails, preferredLanguage: this.language.value })
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (result) => {
          this.result.set(result);
          // What was not an address stays in the box, to correct.
          this.text.setValue(result.invalid.join('\n'));
          this.store.enrolmentsUpdated();
        },
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }
}
