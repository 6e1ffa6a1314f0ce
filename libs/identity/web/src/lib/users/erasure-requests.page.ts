import { NgTemplateOutlet } from '@angular/common';
import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginatorIntl, MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type {
  AdminErasureRequest,
  AdminErasureRequestList,
  ErasureRequestStatus,
  ProblemDetails,
} from '@tc/shared/contracts';
import {
  LanguageService,
  LocalizedNamePipe,
  ProblemMessageComponent,
  formatMoment,
  problemOf,
} from '@tc/shared/ui';
import { BehaviorSubject, catchError, filter, map, of, switchMap } from 'rxjs';
import {
  type ConfirmAdminActionData,
  ConfirmAdminActionDialog,
  type ConfirmAdminActionResult,
} from './confirm-admin-action.dialog';
import { eraseConfirmation } from './erasure-confirmation';
import { ErasureRequestsService } from './erasure-requests.service';
import { TranslatedPaginatorIntl } from './translated-paginator-intl';

/**
 * Admin: the requests to be erased of the people this admin may erase (every role in their
 * territories), pending with when they become automatic, or done; "Erase now" asks first.
 */
@Component({
  selector: 'tc-erasure-requests-page',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatPaginatorModule,
    TranslocoPipe,
    LocalizedNamePipe,
    ProblemMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [{ provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl }],
  templateUrl: './erasure-requests.page.html',
  styleUrl: './erasure-requests.page.scss',
})
export class ErasureRequestsPage {
  private readonly requests = inject(ErasureRequestsService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private readonly lang = inject(LanguageService).lang;

  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 719.98px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  protected readonly status = signal<ErasureRequestStatus>('pending');
  private readonly query = new BehaviorSubject<{
    status: ErasureRequestStatus;
    page: number;
    pageSize: number;
  }>({ status: 'pending', page: 1, pageSize: 20 });

  protected readonly list = signal<AdminErasureRequestList | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  /** The person being erased (their button is disabled meanwhile). */
  protected readonly erasing = signal<string | null>(null);

  constructor() {
    this.query
      .pipe(
        switchMap((query) =>
          this.requests.list(query).pipe(
            map((list) => ({ list, problem: null })),
            catchError((e: unknown) => of({ list: null, problem: problemOf(e) })),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ list, problem }) => {
        this.list.set(list);
        this.problem.set(problem);
      });
  }

  protected show(status: ErasureRequestStatus): void {
    this.status.set(status);
    this.list.set(null);
    this.query.next({ ...this.query.value, status, page: 1 });
  }

  protected pageChanged(event: PageEvent): void {
    this.query.next({ ...this.query.value, page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected when(iso: string | null): string {
    return formatMoment(iso, this.lang());
  }

  /** Asks, naming the person; erases; the row then shows it done (and is found under "Done"). */
  protected erase(row: AdminErasureRequest): void {
    this.dialog
      .open<ConfirmAdminActionDialog, ConfirmAdminActionData, ConfirmAdminActionResult>(
        ConfirmAdminActionDialog,
        {
          data: eraseConfirmation(row.displayName),
          width: '32rem',
          maxWidth: '100vw',
          autoFocus: 'first-tabbable',
        },
      )
      .afterClosed()
      .pipe(filter((result): result is ConfirmAdminActionResult => !!result))
      .subscribe(() => {
        this.erasing.set(row.userId);
        this.problem.set(null);
        this.requests.erase(row.userId).subscribe({
          next: (result) => {
            this.erasing.set(null);
            this.list.update((l) =>
              l
                ? {
                    ...l,
                    items: l.items.map((i) =>
                      i.userId === row.userId ? { ...i, erasedAt: result.erasedAt, erasedByAdmin: true } : i,
                    ),
                  }
                : l,
            );
            this.snackBar.open(
              this.transloco.translate('erasureRequests.erased', { name: row.displayName }),
              undefined,
              { duration: 5_000 },
            );
          },
          error: (e: unknown) => {
            this.erasing.set(null);
            this.problem.set(problemOf(e));
          },
        });
      });
  }
}
