import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  INVITATION_STATES,
  type ActionLink,
  type CohortInvitationList,
  type CohortInvitationStatus,
  type ProblemDetails,
} from '@tc/shared/contracts';
import {
  ActionLinkComponent,
  LanguageService,
  ProblemMessageComponent,
  formatMoment,
  problemOf,
  saveBlob,
} from '@tc/shared/ui';
import { catchError, combineLatest, distinctUntilChanged, finalize, map, of, switchMap } from 'rxjs';
import { CohortStore } from '../../data-access/cohort.store';
import { CohortsService } from '../../data-access/cohorts.service';
import { invitationLinksCsv, invitationLinksFilename } from '../../data-access/invitation-links-csv';

/** When each state happened, as the list says it. */
function stateMoment(i: CohortInvitationStatus): string | null {
  switch (i.state) {
    case 'sent':
      return i.sentAt;
    case 'opened':
      return i.openedAt;
    case 'accepted':
      return i.acceptedAt;
    case 'expired':
      return i.expiresAt;
  }
}

/**
 * Every invitation of the cohort, by the address invited (and the name given with it), never as an
 * account, with what became of it: sent, opened, accepted, expired. For one not accepted yet, a new
 * link (e-mailed, or shown to copy without a mail server) or taking it back; for all of them at once,
 * new links exported as a CSV file (or e-mailed). Only a link's hash is stored, so a link is never
 * shown twice: each new one replaces the previous, which stops working, and the trainer is told so.
 */
@Component({
  selector: 'tc-cohort-invitations',
  imports: [MatButtonModule, TranslocoPipe, ProblemMessageComponent, ActionLinkComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (list(); as l) {
      @if (l.invitations.length) {
        <section class="tc-invitations" aria-labelledby="tc-invitations-h">
          <h3 id="tc-invitations-h">
            {{ 'cohorts.invitations.title' | transloco: { count: l.invitations.length } }}
          </h3>
          <p class="tc-counts">
            @for (s of counts(); track s.state; let last = $last) {
              <span>{{ 'cohorts.invitations.count.' + s.state | transloco: { count: s.count } }}</span>
              @if (!last) {
                <span aria-hidden="true"> · </span>
              }
            }
          </p>
          <p class="tc-help">
            {{
              (l.linksMailed ? 'cohorts.invitations.helpMailed' : 'cohorts.invitations.helpLinks') | transloco
            }}
          </p>
          @if (open() > 0) {
            @if (confirmingAll()) {
              <div
                class="tc-confirm"
                role="group"
                [attr.aria-label]="'cohorts.invitations.allTitle' | transloco"
              >
                <p>
                  {{
                    (l.linksMailed
                      ? 'cohorts.invitations.resendAllConfirm'
                      : 'cohorts.invitations.exportConfirm'
                    ) | transloco: { count: open() }
                  }}
                </p>
                <div class="tc-actions">
                  <button
                    mat-flat-button
                    type="button"
                    class="tc-confirm-all"
                    [disabled]="busy()"
                    (click)="resendAll(l.linksMailed)"
                  >
                    {{
                      (l.linksMailed ? 'cohorts.invitations.resendAllYes' : 'cohorts.invitations.exportYes')
                        | transloco: { count: open() }
                    }}
                  </button>
                  <button mat-button type="button" (click)="confirmingAll.set(false)">
                    {{ 'common.cancel' | transloco }}
                  </button>
                </div>
              </div>
            } @else {
              <div class="tc-actions">
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="askAll()">
                  {{
                    (l.linksMailed ? 'cohorts.invitations.resendAll' : 'cohorts.invitations.export')
                      | transloco
                  }}
                </button>
              </div>
            }
          }
          @if (allDone(); as d) {
            <p role="status">{{ d.key | transloco: { count: d.count } }}</p>
          }
          <tc-problem-message [problem]="problem()" />
          <ul>
            @for (i of l.invitations; track i.id) {
              <li [attr.data-invitation]="i.id">
                <div class="tc-who">
                  @if (i.name) {
                    <strong dir="auto">{{ i.name }}</strong>
                  }
                  <span class="tc-email" dir="ltr">{{ i.email }}</span>
                </div>
                <span class="tc-state tc-state-{{ i.state }}">
                  {{ 'cohorts.invitations.state.' + i.state | transloco: { moment: moment(i) } }}
                </span>
                @if (i.state !== 'accepted') {
                  <div class="tc-row-actions">
                    <button
                      mat-button
                      type="button"
                      [disabled]="busy()"
                      [attr.aria-label]="
                        (l.linksMailed
                          ? 'cohorts.invitations.resendLabel'
                          : 'cohorts.invitations.newLinkLabel'
                        ) | transloco: { email: i.email }
                      "
                      (click)="resend(i)"
                    >
                      {{
                        (l.linksMailed ? 'cohorts.invitations.resend' : 'cohorts.invitations.newLink')
                          | transloco
                      }}
                    </button>
                    <button
                      mat-button
                      type="button"
                      [disabled]="busy()"
                      [attr.aria-label]="'cohorts.invitations.withdrawLabel' | transloco: { email: i.email }"
                      (click)="withdraw(i)"
                    >
                      {{ 'cohorts.invitations.withdraw' | transloco }}
                    </button>
                  </div>
                }
                @if (fresh(); as f) {
                  @if (f.id === i.id) {
                    <div class="tc-fresh">
                      <tc-action-link [link]="f.link" label="cohorts.invitations.newLinkField" />
                      <p class="tc-note">{{ 'cohorts.invitations.replaced' | transloco }}</p>
                    </div>
                  }
                }
              </li>
            }
          </ul>
        </section>
      }
    }
  `,
  styles: `
    .tc-invitations {
      margin-block: 1.5rem 0;
    }
    h3 {
      font-size: 1.0625rem;
      margin-block: 0 0.25rem;
    }
    .tc-counts,
    .tc-help {
      margin-block: 0 0.5rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-actions,
    .tc-row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .tc-confirm {
      padding: 0.75rem;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline);
      max-inline-size: 40rem;
    }
    .tc-confirm p {
      margin-block: 0 0.5rem;
    }
    ul {
      list-style: none;
      margin: 0.5rem 0 0;
      padding: 0;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
      padding-block: 0.375rem;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
    }
    .tc-who {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5rem;
      flex: 1 1 14rem;
      min-inline-size: 0;
    }
    .tc-email {
      unicode-bidi: isolate;
      overflow-wrap: anywhere;
    }
    .tc-state {
      font-size: 0.875rem;
      padding-inline: 0.625rem;
      border-radius: 1rem;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .tc-state-opened {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .tc-state-accepted {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface);
    }
    .tc-state-expired {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .tc-fresh {
      flex: 1 1 100%;
    }
    .tc-note {
      margin-block: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CohortInvitationsComponent {
  private readonly store = inject(CohortStore);
  private readonly cohorts = inject(CohortsService);
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly lang = inject(LanguageService).lang;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly list = signal<CohortInvitationList | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly confirmingAll = signal(false);
  /** The new link just issued for one invitation, shown under it (once: only its hash is kept). */
  protected readonly fresh = signal<{ id: string; link: ActionLink } | null>(null);
  /** What the last "all at once" did. */
  protected readonly allDone = signal<{ key: string; count: number } | null>(null);

  /** How many invitations are in each state (the states with none left out). */
  protected readonly counts = computed(() => {
    const invitations = this.list()?.invitations ?? [];
    return INVITATION_STATES.map((state) => ({
      state,
      count: invitations.filter((i) => i.state === state).length,
    })).filter((s) => s.count > 0);
  });
  /** Invitations not accepted yet: those a new link can be issued for. */
  protected readonly open = computed(
    () => (this.list()?.invitations ?? []).filter((i) => i.state !== 'accepted').length,
  );

  constructor() {
    const id$ = toObservable(computed(() => this.store.cohort()?.id ?? null)).pipe(distinctUntilChanged());
    combineLatest([id$, toObservable(this.store.enrolmentsChanged)])
      .pipe(
        switchMap(([id]) =>
          id
            ? this.cohorts.invitations(id).pipe(
                map((list) => ({ list, problem: null })),
                catchError((e: unknown) => of({ list: null, problem: problemOf(e) })),
              )
            : of({ list: null, problem: null }),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ list, problem }) => {
        this.list.set(list);
        if (problem) this.problem.set(problem);
      });
  }

  protected moment(i: CohortInvitationStatus): string {
    return formatMoment(stateMoment(i), this.lang());
  }

  /** A new link for one invitation: e-mailed, or shown under it to copy (the focus goes to it). */
  protected resend(invitation: CohortInvitationStatus): void {
    const id = this.store.cohort()?.id;
    if (!id) return;
    this.start();
    this.cohorts
      .resendInvitation(id, invitation.id)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (r) => {
          this.list.update((l) =>
            l
              ? { ...l, invitations: l.invitations.map((i) => (i.id === r.invitation.id ? r.invitation : i)) }
              : l,
          );
          this.fresh.set({ id: r.invitation.id, link: r.link });
          afterNextRender(
            () =>
              this.host.nativeElement
                .querySelector<HTMLInputElement>(`[data-invitation="${r.invitation.id}"] .tc-fresh input`)
                ?.focus(),
            { injector: this.injector },
          );
        },
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }

  protected askAll(): void {
    this.allDone.set(null);
    this.confirmingAll.set(true);
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLButtonElement>('.tc-confirm-all')?.focus(),
      {
        injector: this.injector,
      },
    );
  }

  /** New links for every open invitation listed: exported as a CSV file, or e-mailed. */
  protected resendAll(mailed: boolean): void {
    const cohort = this.store.cohort();
    const open = (this.list()?.invitations ?? []).filter((i) => i.state !== 'accepted').map((i) => i.id);
    if (!cohort || !open.length) return;
    this.start();
    this.cohorts
      .resendInvitations(cohort.id, open)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: ({ links }) => {
          this.confirmingAll.set(false);
          if (!mailed) {
            const t = (key: string) => this.transloco.translate(`cohorts.invitations.csv.${key}`);
            const csv = invitationLinksCsv(links, {
              name: t('name'),
              email: t('email'),
              link: t('link'),
              expiresAt: t('expiresAt'),
            });
            saveBlob(
              this.document,
              invitationLinksFilename(cohort.name),
              new Blob([csv], { type: 'text/csv;charset=utf-8' }),
            );
          }
          this.allDone.set({
            key: mailed ? 'cohorts.invitations.resentAll' : 'cohorts.invitations.exported',
            count: links.length,
          });
          this.store.enrolmentsChanged.update((n) => n + 1);
        },
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }

  protected withdraw(invitation: CohortInvitationStatus): void {
    const id = this.store.cohort()?.id;
    if (!id) return;
    this.start();
    this.cohorts
      .withdrawInvitation(id, invitation.id)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: () => this.store.enrolmentsUpdated(),
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }

  private start(): void {
    this.busy.set(true);
    this.problem.set(null);
    this.fresh.set(null);
  }
}
