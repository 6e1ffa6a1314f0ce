import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorIntl, MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type ListUsersQuery,
  type ProblemDetails,
  ROLES,
  type Role,
  type UserList,
  type UserStatus,
} from '@tc/shared/contracts';
import { LocalizedNamePipe, ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import {
  BehaviorSubject,
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  merge,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { InviteUserDialog } from './invite-user.dialog';
import { TranslatedPaginatorIntl } from './translated-paginator-intl';
import { UsersService } from './users.service';

export const USER_STATUSES: readonly UserStatus[] = ['active', 'invited', 'disabled'];

/** Admin: search, filter and page through accounts; invite someone. */
@Component({
  selector: 'tc-users-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatPaginatorModule,
    TranslocoPipe,
    LocalizedNamePipe,
    ProblemMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [{ provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl }],
  templateUrl: './users-list.page.html',
  styleUrl: './users-list.page.scss',
})
export class UsersListPage {
  private readonly users = inject(UsersService);
  private readonly dialog = inject(MatDialog);

  protected readonly roles = ROLES;
  protected readonly statuses = USER_STATUSES;
  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 719.98px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );

  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    role: new FormControl<Role | ''>('', { nonNullable: true }),
    status: new FormControl<UserStatus | ''>('', { nonNullable: true }),
  });
  private readonly page = new BehaviorSubject({ page: 1, pageSize: 20 });
  private readonly reload = new BehaviorSubject<void>(undefined);

  protected readonly list = signal<UserList | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);

  constructor() {
    const filters$ = this.filters.valueChanges.pipe(
      debounceTime(300),
      map(() => this.filters.getRawValue()),
      startWith(this.filters.getRawValue()),
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
    );
    // A new filter goes back to page 1.
    filters$.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.page.value.page !== 1) this.page.next({ ...this.page.value, page: 1 });
    });
    merge(filters$, this.page, this.reload)
      .pipe(
        debounceTime(0),
        switchMap(() => {
          const f = this.filters.getRawValue();
          const query: ListUsersQuery = {
            q: f.q.trim() || undefined,
            role: f.role || undefined,
            status: f.status || undefined,
            ...this.page.value,
          };
          return this.users.list(query).pipe(
            map((list) => ({ list, problem: null })),
            catchError((e: unknown) => of({ list: null, problem: problemOf(e) })),
          );
        }),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ list, problem }) => {
        this.list.set(list);
        this.problem.set(problem);
      });
  }

  protected pageChanged(event: PageEvent): void {
    this.page.next({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected invite(): void {
    this.dialog
      .open(InviteUserDialog, { width: '36rem', maxWidth: '100vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe(() => this.reload.next());
  }
}
