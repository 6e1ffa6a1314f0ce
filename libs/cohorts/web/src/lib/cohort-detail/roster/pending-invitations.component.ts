import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import type { PendingInvitation, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, formatMoment, problemOf } from '@tc/shared/ui';
import { finalize } from 'rxjs';
import { CohortStore } from '../../data-access/cohort.store';
import { CohortsService } from '../../data-access/cohorts.service';

/**
 * Invitations not accepted yet, beside the roster: each as the address invited (and the name given
 * with it), never as an account; a trainer may take one back.
 */
@Component({
  selector: 'tc-pending-invitations',
  imports: [MatButtonModule, TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (invitations().length) {
      <section class="tc-pending" aria-labelledby="tc-pending-h">
        <h3 id="tc-pending-h">
          {{ 'cohorts.roster.invitations.title' | transloco: { count: invitations().length } }}
        </h3>
        <p class="tc-help">{{ 'cohorts.roster.invitations.help' | transloco }}</p>
        <tc-problem-message [problem]="problem()" />
        <ul>
          @for (i of invitations(); track i.id) {
            <li [class.tc-expired]="i.expired">
              @if (i.name) {
                <strong>{{ i.name }}</strong>
              }
              <span class="tc-email" dir="ltr">{{ i.email }}</span>
              <span class="tc-when">{{
                'cohorts.roster.invitations.invitedOn' | transloco: { moment: moment(i.invitedAt) }
              }}</span>
              @if (i.expired) {
                <span class="tc-note">{{ 'cohorts.roster.invitations.expired' | transloco }}</span>
              }
              <button
                mat-button
                type="button"
                [disabled]="busy()"
                [attr.aria-label]="'cohorts.roster.invitations.withdrawLabel' | transloco: { email: i.email }"
                (click)="withdraw(i)"
              >
                {{ 'cohorts.roster.invitations.withdraw' | transloco }}
              </button>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    .tc-pending {
      margin-block: 1.5rem 0;
    }
    h3 {
      font-size: 1.0625rem;
      margin-block: 0 0.25rem;
    }
    .tc-help {
      margin-block: 0 0.5rem;
      color: var(--mat-sys-on-surface-variant);
    }
    ul {
      list-style: none;
      margin: 0;
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
    .tc-email {
      unicode-bidi: plaintext;
      overflow-wrap: anywhere;
    }
    .tc-when,
    .tc-note {
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-expired .tc-note {
      color: var(--mat-sys-error);
    }
  `,
})
export class PendingInvitationsComponent {
  private readonly store = inject(CohortStore);
  private readonly cohorts = inject(CohortsService);
  private readonly lang = inject(LanguageService).lang;
  readonly invitations = input.required<PendingInvitation[]>();

  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);

  protected moment(iso: string): string {
    return formatMoment(iso, this.lang());
  }

  protected withdraw(invitation: PendingInvitation): void {
    const id = this.store.cohort()?.id;
    if (!id) return;
    this.busy.set(true);
    this.problem.set(null);
    this.cohorts
      .withdrawInvitation(id, invitation.id)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: () => this.store.enrolmentsUpdated(),
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }
}
