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
  type SignInLockout,
  type UserSummary,
} from '@tc/shared/contracts';
import {
  ActionLinkComponent,
  LanguageService,
  LocalizedNamePipe,
  ProblemMessageComponent,
  problemOf,
} from '@tc/shared/ui';
import { TerritoryPickerComponent } from '@tc/territories/web';
import { type Observable, catchError, forkJoin, of, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { UsersService } from './users.service';

/** Admin: one account: its roles (add, remove), disable/enable, a password-reset link, its sign-in lockout. */
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
  private readonly lang = inject(LanguageService).lang;
  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly roles = ROLES;
  protected readonly user = signal<UserSummary | null>(null);
  protected readonly loadProblem = signal<ProblemDetails | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  protected readonly resetLink = signal<ActionLink | null>(null);
  protected readonly lockout = signal<SignInLockout | null>(null);

  protected readonly assignForm = new FormGroup({
    role: new FormControl<Role>('coach', { nonNullable: true }),
    territoryId: new FormControl<string | null>(null, Validators.required),
  });

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) =>
          forkJoin({ user: this.users.get(id), lockout: this.users.lockout(id) }).pipe(
            catchError((e: unknown) => {
              this.loadProblem.set(problemOf(e));
              return of({ user: null, lockout: null });
            }),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ user, lockout }) => {
        this.user.set(user);
        this.lockout.set(lockout);
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

  /** Lifts the sign-in lockout and forgets the failed passwords. */
  protected clearLockout(): void {
    this.busy.set(true);
    this.problem.set(null);
    this.users.clearLockout(this.id()).subscribe({
      next: (lockout) => {
        this.busy.set(false);
        this.lockout.set(lockout);
      },
      error: (e: unknown) => this.fail(e),
    });
  }

  /** An instant in the interface language (Intl: no Angular locale data to register). */
  protected when(iso: string): string {
    const lang = this.lang();
    return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-MA' : lang, {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));
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
