import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { AUDIT_REASON_MAX, type RoleImpact } from '@tc/shared/contracts';
import { type Observable, catchError, of } from 'rxjs';

/** What the admin is about to do, in words (translation keys and what fills them). */
export interface ConfirmAdminActionData {
  title: string;
  message: string;
  params: Record<string, string>;
  confirm: string;
  /** Removing a coach role: how many running enrolments it would leave behind. */
  impact?: Observable<RoleImpact>;
  /** No reason to give (the action's route takes none, e.g. an erasure): the field is left out. */
  withoutReason?: boolean;
}

/** The admin confirmed, with the reason they gave (if any). */
export interface ConfirmAdminActionResult {
  reason?: string;
}

/**
 * Asks before a change that takes something away (a role, access to the account): what will happen,
 * the running enrolments it leaves behind, and an optional reason kept in the audit log.
 */
@Component({
  selector: 'tc-confirm-admin-action-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title | transloco: data.params }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content class="tc-form">
        <p>{{ data.message | transloco: data.params }}</p>
        @if (enrolments(); as count) {
          <p class="tc-warning" role="alert">{{ 'users.confirm.enrolments' | transloco: { count } }}</p>
        }
        @if (!data.withoutReason) {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'users.confirm.reason' | transloco }}</mat-label>
            <textarea matInput rows="3" formControlName="reason" [attr.maxlength]="max"></textarea>
            <mat-hint>{{ 'users.confirm.reasonHint' | transloco }}</mat-hint>
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" class="tc-danger">
          {{ data.confirm | transloco: data.params }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .tc-warning {
      border-inline-start: 4px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
      border-radius: 4px;
    }
    mat-form-field {
      inline-size: 100%;
    }
    .tc-danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmAdminActionDialog {
  protected readonly data = inject<ConfirmAdminActionData>(MAT_DIALOG_DATA);
  private readonly ref =
    inject<MatDialogRef<ConfirmAdminActionDialog, ConfirmAdminActionResult>>(MatDialogRef);
  protected readonly max = AUDIT_REASON_MAX;
  protected readonly form = new FormGroup({
    reason: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(AUDIT_REASON_MAX)] }),
  });
  protected readonly enrolments = signal(0);

  constructor() {
    (this.data.impact ?? of({ activeEnrolments: 0 }))
      .pipe(
        // Not knowing the count does not stop the admin: the dialog still asks.
        catchError(() => of({ activeEnrolments: 0 })),
        takeUntilDestroyed(),
      )
      .subscribe((impact) => this.enrolments.set(impact.activeEnrolments));
  }

  protected confirm(): void {
    const reason = this.form.controls.reason.value.trim();
    this.ref.close(reason ? { reason } : {});
  }
}
