import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type InviteUserResponse,
  LOCALES,
  type Locale,
  type ProblemDetails,
  ROLES,
  type Role,
} from '@tc/shared/contracts';
import {
  ActionLinkComponent,
  LanguageService,
  ProblemMessageComponent,
  ProblemTexts,
  problemOf,
} from '@tc/shared/ui';
import { TerritoryPickerComponent } from '@tc/territories/web';
import { AuthService } from '../auth/auth.service';
import { UsersService } from './users.service';

const FIELDS = ['email', 'displayName', 'role', 'territoryId', 'preferredLanguage'];

/** Invite someone: they receive (or the admin passes on) a link to choose a password. */
@Component({
  selector: 'tc-invite-user-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    ActionLinkComponent,
    ProblemMessageComponent,
    TerritoryPickerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'users.invite.title' | transloco }}</h2>
    @if (result(); as r) {
      <mat-dialog-content>
        <p role="status">
          {{ 'users.invite.done' | transloco: { name: r.user.displayName, email: r.user.email } }}
        </p>
        <tc-action-link [link]="r.link" label="users.invite.linkLabel" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" [mat-dialog-close]="true">
          {{ 'common.close' | transloco }}
        </button>
      </mat-dialog-actions>
    } @else {
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-dialog-content class="tc-form">
          <mat-form-field appearance="outline">
            <mat-label>{{ 'common.email' | transloco }}</mat-label>
            <input matInput type="email" formControlName="email" dir="ltr" required />
            @if (form.controls.email.hasError('required')) {
              <mat-error>{{ 'common.required' | transloco }}</mat-error>
            } @else if (form.controls.email.hasError('email')) {
              <mat-error>{{ 'common.invalidEmail' | transloco }}</mat-error>
            }
            @if (serverError('email'); as m) {
              <mat-hint class="tc-error">{{ m }}</mat-hint>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'users.name' | transloco }}</mat-label>
            <input matInput formControlName="displayName" required />
            @if (form.controls.displayName.invalid) {
              <mat-error>{{ 'common.required' | transloco }}</mat-error>
            }
            @if (serverError('displayName'); as m) {
              <mat-hint class="tc-error">{{ m }}</mat-hint>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'users.role' | transloco }}</mat-label>
            <mat-select formControlName="role">
              @for (r of roles; track r) {
                <mat-option [value]="r">{{ 'roles.' + r | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <tc-territory-picker
            formControlName="territoryId"
            label="users.territory"
            hint="users.territoryHint"
            [scope]="scope()"
          />
          @if (form.controls.territoryId.invalid && form.controls.territoryId.touched) {
            <p class="tc-error">{{ 'users.territoryRequired' | transloco }}</p>
          }
          @if (serverError('territoryId'); as m) {
            <p class="tc-error">{{ m }}</p>
          }
          <mat-form-field appearance="outline">
            <mat-label>{{ 'users.language' | transloco }}</mat-label>
            <mat-select formControlName="preferredLanguage">
              @for (l of locales; track l) {
                <mat-option [value]="l">{{ 'languages.names.' + l | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <tc-problem-message [problem]="problem()" [fields]="fields" />
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ 'users.invite.submit' | transloco }}
          </button>
        </mat-dialog-actions>
      </form>
    }
  `,
  // The whole form in sight on a laptop (Material keeps a dialog's content to 65% of the screen's height,
  // which left the language field cut off below the territory): what the title and actions leave.
  styles: `
    mat-dialog-content.tc-form {
      max-height: calc(100vh - 10rem);
    }
  `,
})
export class InviteUserDialog {
  private readonly users = inject(UsersService);
  private readonly problemTexts = inject(ProblemTexts);
  private readonly dialogRef = inject(MatDialogRef<InviteUserDialog>);
  private readonly auth = inject(AuthService);
  /** The admin's own territories: where the territory choice starts. */
  protected readonly scope = computed(() =>
    (this.auth.me()?.roles ?? []).filter((r) => r.role === 'admin').map((r) => r.territoryId),
  );

  protected readonly roles = ROLES;
  protected readonly locales = LOCALES;
  protected readonly fields = FIELDS;
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly result = signal<InviteUserResponse | null>(null);

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    displayName: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    role: new FormControl<Role>('coach', { nonNullable: true }),
    territoryId: new FormControl<string | null>(null, Validators.required),
    preferredLanguage: new FormControl<Locale>(inject(LanguageService).lang(), { nonNullable: true }),
  });

  protected serverError(field: string): string | null {
    return this.problemTexts.field(this.problem(), field);
  }

  protected submit(): void {
    const v = this.form.getRawValue();
    if (this.form.invalid || !v.territoryId) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.dialogRef.disableClose = true;
    this.users
      .invite({
        email: v.email.trim(),
        displayName: v.displayName.trim(),
        role: v.role,
        territoryId: v.territoryId,
        preferredLanguage: v.preferredLanguage,
      })
      .subscribe({
        next: (result) => {
          this.busy.set(false);
          this.dialogRef.disableClose = false;
          this.result.set(result);
        },
        error: (e: unknown) => {
          this.busy.set(false);
          this.dialogRef.disableClose = false;
          this.problem.set(problemOf(e));
        },
      });
  }
}
