import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CertificateVerification, ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { CohortsService } from '../data-access/cohorts.service';

/**
 * Re-issuing a coach's certificate (after a name was corrected): by its code; it then states the name,
 * course and territory as they are now, under the same code.
 */
@Component({
  selector: 'tc-certificate-reissue',
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
    <form class="tc-form" [formGroup]="form" (ngSubmit)="reissue()" novalidate>
      <p>{{ 'cohorts.reissue.help' | transloco }}</p>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'cohorts.reissue.code' | transloco }}</mat-label>
        <input matInput formControlName="code" required autocomplete="off" spellcheck="false" />
        <mat-error>{{ 'common.required' | transloco }}</mat-error>
      </mat-form-field>
      <tc-problem-message [problem]="problem()" />
      @if (reissued(); as r) {
        <p role="status">{{ 'cohorts.reissue.done' | transloco: { name: r.holderName, code: r.code } }}</p>
      }
      <div class="tc-actions">
        <button mat-stroked-button type="submit" [disabled]="busy()">
          {{ 'cohorts.reissue.submit' | transloco }}
        </button>
      </div>
    </form>
  `,
})
export class CertificateReissueComponent {
  private readonly cohorts = inject(CohortsService);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly reissued = signal<CertificateVerification | null>(null);
  protected readonly form = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(16)],
    }),
  });

  protected reissue(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.reissued.set(null);
    this.cohorts.reissueCertificate(this.form.getRawValue().code).subscribe({
      next: (result) => {
        this.reissued.set(result);
        this.form.reset();
        this.busy.set(false);
      },
      error: (e: unknown) => {
        this.problem.set(problemOf(e));
        this.busy.set(false);
      },
    });
  }
}
