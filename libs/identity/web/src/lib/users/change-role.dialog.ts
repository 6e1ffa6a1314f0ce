import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  AUDIT_REASON_MAX,
  type ChangeRoleRequest,
  ROLES,
  type Role,
  type RoleAssignment,
} from '@tc/shared/contracts';
import { TerritoryPickerComponent } from '@tc/territories/web';
import { catchError, debounceTime, map, of, startWith, switchMap } from 'rxjs';
import { UsersService } from './users.service';

export interface ChangeRoleData {
  userId: string;
  name: string;
  assignment: RoleAssignment;
  /** The admin's own territories: where the territory picker starts. */
  scope: string[];
}

/**
 * A role changed in one step (its role, its territory, or both), instead of adding one and removing
 * the other: with the running enrolments a coach role would leave behind, and an optional reason.
 */
@Component({
  selector: 'tc-change-role-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    TerritoryPickerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'users.change.title' | transloco: { name: data.name } }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="tc-form">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'users.role' | transloco }}</mat-label>
          <mat-select formControlName="role">
            @for (r of roles; track r) {
              <mat-option [value]="r">{{ 'roles.' + r | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <tc-territory-picker formControlName="territoryId" label="users.territory" [scope]="data.scope" />
        @if (form.controls.territoryId.invalid && form.controls.territoryId.touched) {
          <p class="tc-error">{{ 'users.territoryRequired' | transloco }}</p>
        }
        @if (enrolments(); as count) {
          <p class="tc-warning" role="alert">{{ 'users.confirm.enrolments' | transloco: { count } }}</p>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'users.confirm.reason' | transloco }}</mat-label>
          <textarea matInput rows="2" formControlName="reason" [attr.maxlength]="max"></textarea>
          <mat-hint>{{ 'users.confirm.reasonHint' | transloco }}</mat-hint>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="!changed()">
          {{ 'users.change.submit' | transloco }}
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
  `,
})
export class ChangeRoleDialog {
  protected readonly data = inject<ChangeRoleData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ChangeRoleDialog, ChangeRoleRequest>>(MatDialogRef);
  private readonly users = inject(UsersService);
  protected readonly roles = ROLES;
  protected readonly max = AUDIT_REASON_MAX;
  protected readonly form = new FormGroup({
    role: new FormControl<Role>(this.data.assignment.role, { nonNullable: true }),
    territoryId: new FormControl<string | null>(this.data.assignment.territoryId, Validators.required),
    reason: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(AUDIT_REASON_MAX)] }),
  });
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly changed = computed(() => {
    const { role, territoryId } = this.value();
    return (
      !!territoryId &&
      (role !== this.data.assignment.role || territoryId !== this.data.assignment.territoryId)
    );
  });
  protected readonly enrolments = signal(0);

  constructor() {
    // A coach role: how many running enrolments the change would leave behind, as the admin edits it.
    if (this.data.assignment.role === 'coach') {
      this.form.valueChanges
        .pipe(
          startWith(null),
          debounceTime(200),
          map(() => this.form.getRawValue()),
          switchMap(({ role, territoryId }) =>
            this.users
              .roleImpact(this.data.userId, this.data.assignment.id, {
                role,
                ...(territoryId ? { territoryId } : {}),
              })
              .pipe(catchError(() => of({ activeEnrolments: 0 }))),
          ),
          takeUntilDestroyed(),
        )
        .subscribe((impact) => this.enrolments.set(impact.activeEnrolments));
    }
  }

  protected submit(): void {
    const { role, territoryId, reason } = this.form.getRawValue();
    if (!territoryId || !this.changed()) {
      this.form.markAllAsTouched();
      return;
    }
    const a = this.data.assignment;
    this.ref.close({
      ...(role !== a.role ? { role } : {}),
      ...(territoryId !== a.territoryId ? { territoryId } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
  }
}
