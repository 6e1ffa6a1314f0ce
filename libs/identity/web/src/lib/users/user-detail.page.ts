import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type ActionLink,
  type ProblemDetails,
  ROLES,
  type Role,
  type UserSummary,
} from '@tc/shared/contracts';
import { ActionLinkComponent, LocalizedNamePipe, ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { TerritoryPickerComponent } from '@tc/territories/web';
import { type Observable, catchError, of, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { UsersService } from './users.service';

/** Admin: one account: its roles (add, remove), disable/enable, a password-reset link. */
@Component({
  selector: 'tc-user-detail-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslocoPipe,
    LocalizedNamePipe,
    ActionLinkComponent,
    ProblemMessageComponent,
    TerritoryPickerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-detail.page.html',
  styles: `
    .tc-assignments {
      list-style: none;
      margin: 0 0 1rem;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .tc-assignments li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      padding-block: 0.25rem;
      padding-inline: 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
    }
    .tc-assignments li span {
      flex: 1 1 12rem;
    }
    .tc-block {
      margin-block: 1.5rem;
      max-inline-size: 40rem;
    }
    h2 {
      font-size: 1.125rem;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1rem;
      margin: 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
    }
  `,
})
export class UserDetailPage {
  private readonly users = inject(UsersService);
  private readonly auth = inject(AuthService);
  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly roles = ROLES;
  protected readonly user = signal<UserSummary | null>(null);
  protected readonly loadProblem = signal<ProblemDetails | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  protected readonly resetLink = signal<ActionLink | null>(null);

  protected readonly assignForm = new FormGroup({
    role: new FormControl<Role>('coach', { nonNullable: true }),
    territoryId: new FormControl<string | null>(null, Validators.required),
  });

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) =>
          this.users.get(id).pipe(
            catchError((e: unknown) => {
              this.loadProblem.set(problemOf(e));
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((user) => {
        this.user.set(user);
        this.resetLink.set(null);
      });
  }

  protected isSelf(user: UserSummary): boolean {
    return this.auth.me()?.id === user.id;
  }

  protected assign(): void {
    const { role, territoryId } = this.assignForm.getRawValue();
    if (!territoryId) {
      this.assignForm.markAllAsTouched();
      return;
    }
    this.run(this.users.assignRole(this.id(), { role, territoryId }), () =>
      this.assignForm.reset({ role: 'coach', territoryId: null }),
    );
  }

  protected remove(assignmentId: string): void {
    this.run(this.users.removeRole(this.id(), assignmentId));
  }

  protected setEnabled(enabled: boolean): void {
    this.run(this.users.setEnabled(this.id(), enabled));
  }

  protected passwordReset(): void {
    this.busy.set(true);
    this.problem.set(null);
    this.users.passwordResetLink(this.id()).subscribe({
      next: (link) => {
        this.busy.set(false);
        this.resetLink.set(link);
      },
      error: (e: unknown) => this.fail(e),
    });
  }

  private run(request: Observable<UserSummary>, after?: () => void): void {
    this.busy.set(true);
    this.problem.set(null);
    request.subscribe({
      next: (user) => {
        this.busy.set(false);
        this.user.set(user);
        after?.();
      },
      error: (e: unknown) => this.fail(e),
    });
  }

  private fail(e: unknown): void {
    this.busy.set(false);
    this.problem.set(problemOf(e));
  }
}
