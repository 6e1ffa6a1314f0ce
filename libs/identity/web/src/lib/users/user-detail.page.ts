import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  type ActionLink,
  type AdminErasureRequest,
  type ChangeRoleRequest,
  type LocalizedName,
  type ProblemDetails,
  ROLES,
  type Role,
  type RoleAssignment,
  type SignInLockout,
  type UserSummary,
} from '@tc/shared/contracts';
import {
  ActionLinkComponent,
  LanguageService,
  LocalizedNamePipe,
  ProblemMessageComponent,
  formatMoment,
  problemOf,
} from '@tc/shared/ui';
import { TerritoryPickerComponent } from '@tc/territories/web';
import { type Observable, catchError, filter, forkJoin, of, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { type ChangeRoleData, ChangeRoleDialog } from './change-role.dialog';
import {
  type ConfirmAdminActionData,
  ConfirmAdminActionDialog,
  type ConfirmAdminActionResult,
} from './confirm-admin-action.dialog';
import { ErasureRequestsService } from './erasure-requests.service';
import { eraseConfirmation } from './erasure-confirmation';
import { UsersService } from './users.service';

/** How long the "Undo" of a removal, a change or a disabling stays on offer. */
export const UNDO_MS = 10_000;

/**
 * Admin: one account: its roles (add, change, remove), disable/enable, a password-reset link, its
 * sign-in lockout. What takes something away asks first (with the running enrolments a coach role
 * leaves behind, and an optional reason for the audit log), and can be undone for a few seconds.
 */
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
    .tc-assignments li > span:first-child {
      flex: 1 1 12rem;
    }
    .tc-row-actions {
      display: flex;
      gap: 0.25rem;
      margin-inline-start: auto;
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
    .tc-erasure {
      border-inline-start: 4px solid var(--mat-sys-error);
      padding-inline: 0.75rem;
      padding-block: 0.25rem;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      border-radius: 4px;
    }
    .tc-danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class UserDetailPage {
  private readonly users = inject(UsersService);
  private readonly erasures = inject(ErasureRequestsService);
  private readonly auth = inject(AuthService);
  private readonly lang = inject(LanguageService).lang;
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly roles = ROLES;
  protected readonly user = signal<UserSummary | null>(null);
  protected readonly loadProblem = signal<ProblemDetails | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  protected readonly resetLink = signal<ActionLink | null>(null);
  protected readonly lockout = signal<SignInLockout | null>(null);
  /** Their request to be erased, pending or just carried out here; null: none (or not this admin's). */
  protected readonly erasure = signal<AdminErasureRequest | null>(null);
  /** The admin's own territories: where territory choices start. */
  protected readonly scope = computed(() =>
    (this.auth.me()?.roles ?? []).filter((r) => r.role === 'admin').map((r) => r.territoryId),
  );

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
    // Whether they asked to be erased: a pending request this admin may carry out.
    toObservable(this.id)
      .pipe(
        switchMap((userId) =>
          this.erasures.list({ userId, status: 'pending' }).pipe(catchError(() => of({ items: [] }))),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((list) => this.erasure.set(list.items[0] ?? null));
  }

  /** Asks (naming them, saying it cannot be undone), then erases them. */
  protected erase(request: AdminErasureRequest): void {
    this.confirm(eraseConfirmation(request.displayName)).subscribe(() => {
      this.busy.set(true);
      this.problem.set(null);
      this.erasures.erase(request.userId).subscribe({
        next: (result) => {
          this.busy.set(false);
          this.erasure.set({ ...request, erasedAt: result.erasedAt, erasedByAdmin: true });
          this.users.get(request.userId).subscribe({
            next: (user) => this.user.set(user),
            error: (e: unknown) => this.fail(e),
          });
        },
        error: (e: unknown) => this.fail(e),
      });
    });
  }

  /** A moment in the interface language, the date in words. */
  protected on(iso: string): string {
    return formatMoment(iso, this.lang(), 'long');
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

  /** Asks (with the running enrolments a coach role leaves behind), removes, offers to undo. */
  protected remove(user: UserSummary, a: RoleAssignment): void {
    const params = {
      name: user.displayName,
      role: this.roleName(a.role),
      territory: this.placeName(a.territoryName),
    };
    this.confirm({
      title: 'users.confirm.removeTitle',
      message: 'users.confirm.removeMessage',
      confirm: 'users.confirm.removeSubmit',
      params,
      ...(a.role === 'coach' ? { impact: this.users.roleImpact(user.id, a.id) } : {}),
    }).subscribe((result) =>
      this.run(this.users.removeRole(user.id, a.id, result), () =>
        this.offerUndo('users.undo.removed', params, () =>
          this.users.assignRole(user.id, { role: a.role, territoryId: a.territoryId }),
        ),
      ),
    );
  }

  /** One step: the role, its territory or both; undone by changing it back. */
  protected change(user: UserSummary, a: RoleAssignment): void {
    const data: ChangeRoleData = {
      userId: user.id,
      name: user.displayName,
      assignment: a,
      scope: this.scope(),
    };
    this.dialog
      .open<ChangeRoleDialog, ChangeRoleData, ChangeRoleRequest>(ChangeRoleDialog, {
        data,
        width: '36rem',
        maxWidth: '100vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .pipe(filter((request): request is ChangeRoleRequest => !!request))
      .subscribe((request) =>
        this.run(this.users.changeRole(user.id, a.id, request), () =>
          this.offerUndo('users.undo.changed', { name: user.displayName }, () =>
            this.users.changeRole(user.id, a.id, { role: a.role, territoryId: a.territoryId }),
          ),
        ),
      );
  }

  protected setEnabled(user: UserSummary, enabled: boolean): void {
    if (enabled) {
      this.run(this.users.setEnabled(user.id, true));
      return;
    }
    const params = { name: user.displayName };
    this.confirm({
      title: 'users.confirm.disableTitle',
      message: 'users.confirm.disableMessage',
      confirm: 'users.confirm.disableSubmit',
      params,
    }).subscribe((result) =>
      this.run(this.users.setEnabled(user.id, false, result), () =>
        this.offerUndo('users.undo.disabled', params, () => this.users.setEnabled(user.id, true)),
      ),
    );
  }

  private confirm(data: ConfirmAdminActionData): Observable<ConfirmAdminActionResult> {
    return this.dialog
      .open<ConfirmAdminActionDialog, ConfirmAdminActionData, ConfirmAdminActionResult>(
        ConfirmAdminActionDialog,
        {
          data,
          width: '32rem',
          maxWidth: '100vw',
          autoFocus: 'first-tabbable',
        },
      )
      .afterClosed()
      .pipe(filter((result): result is ConfirmAdminActionResult => !!result));
  }

  /** "Done — Undo" for {@link UNDO_MS}: the undo puts back what was taken away. */
  private offerUndo(
    message: string,
    params: Record<string, string>,
    undo: () => Observable<UserSummary>,
  ): void {
    this.snackBar
      .open(this.transloco.translate(message, params), this.transloco.translate('users.undo.action'), {
        duration: UNDO_MS,
      })
      .onAction()
      .subscribe(() => this.run(undo()));
  }

  private roleName(role: Role): string {
    return this.transloco.translate(`roles.${role}`);
  }

  private placeName(name: LocalizedName): string {
    return name[this.lang()] || name.fr;
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
