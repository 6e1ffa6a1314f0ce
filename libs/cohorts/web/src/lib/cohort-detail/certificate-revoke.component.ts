import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CertificateVerification, ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { CohortsService } from '../data-access/cohorts.service';

/** Revoking a coach's certificate (fraud, mistake): its code and a reason the public page will show. */
@Component({
  selector: 'tc-certificate-revoke',
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
    <form class="tc-form" [formGroup]="form" (ngSubmit)="revoke()" novalidate>
      <p>{{ 'cohorts.revoke.help' | transloco }}</p>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'cohorts.revoke.code' | transloco }}</mat-label>
        <input matInput formControlName="code" required autocomplete="off" spellcheck="false" />
        <mat-error>{{ 'common.required' | transloco }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'cohorts.revoke.reason' | transloco }}</mat-label>
        <textarea matInput formControlName="reason" required rows="2"></textarea>
        <mat-error>{{ 'common.required' | transloco }}</mat-error>
      </mat-form-field>
      <tc-problem-message [problem]="problem()" />
      @if (revoked(); as r) {
        <p role="status">{{ 'cohorts.revoke.done' | transloco: { name: r.holderName, code: r.code } }}</p>
      }
      <div class="tc-actions">
        <button mat-stroked-button type="submit" [disabled]="busy()">
          {{ 'cohorts.revoke.submit' | transloco }}
        </button>
      </div>
    </form>
  `,
})
export class CertificateRevokeComponent {
  private readonly cohorts = inject(CohortsService);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly revoked = signal<CertificateVerification | null>(null);
  protected readonly form = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(16)],
    }),
    reason: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(500)],
    }),
  });

  protected revoke(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { code, reason } = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    this.revoked.set(null);
    this.cohorts.revokeCertificate(code, reason.trim()).subscribe({
      next: (result) => {
        this.revoked.set(result);
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
