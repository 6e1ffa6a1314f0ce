import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ConsentState, MyConsents, OwnConsentPurpose, ProblemDetails } from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, formatMoment, problemOf } from '@tc/shared/ui';
import { WithdrawConsentDialog } from './withdraw-consent.dialog';

export const CONSENTS_API = '/api/v1/me/consents';

/**
 * "My consents" on the profile page: each purpose that rests on the person's consent, when it was
 * given (or withdrawn) and the words they were shown then, in the language shown; a Withdraw button
 * (confirmed in a dialog) that ends what the consent allowed; and the history, newest first.
 */
@Component({
  selector: 'tc-my-consents',
  imports: [MatButtonModule, TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      margin-block-start: 2rem;
      padding-block-start: 0.5rem;
      border-block-start: 1px solid var(--mat-sys-outline-variant);
    }
    ul {
      list-style: none;
      padding-inline-start: 0;
      margin: 0;
      display: flex;
      flex-direction: column;
      gap: 1rem;
    }
    .tc-consent h3 {
      margin-block: 0 0.25rem;
      font-size: 1rem;
    }
    .tc-consent p {
      margin-block: 0.25rem;
    }
    blockquote {
      margin-block: 0.25rem;
      margin-inline: 0;
      padding-inline-start: 0.75rem;
      border-inline-start: 3px solid var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
    .tc-wording-label {
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
    details {
      margin-block-start: 1rem;
    }
    details ol {
      padding-inline-start: 1.25rem;
    }
  `,
  template: `
    <section id="consents" aria-labelledby="consents-title">
      <h2 id="consents-title">{{ 'profile.consents.title' | transloco }}</h2>
      <p>{{ 'profile.consents.intro' | transloco }}</p>
      @if (consents(); as c) {
        <ul>
          @for (s of c.current; track s.purpose) {
            <li class="tc-consent" [attr.data-purpose]="s.purpose">
              <h3>{{ 'consents.purposes.' + s.purpose | transloco }}</h3>
              @if (s.latest; as r) {
                <p class="tc-consent-state">
                  {{
                    (r.given ? 'profile.consents.given' : 'profile.consents.withdrawnOn')
                      | transloco: { date: moment(r.recordedAt) }
                  }}
                </p>
                <p class="tc-wording-label">
                  {{ 'profile.consents.wordingShown' | transloco: { version: r.wordingVersion } }}
                </p>
                <blockquote [attr.lang]="r.language" [attr.dir]="r.language === 'ar' ? 'rtl' : 'ltr'">
                  {{ r.wordingText }}
                </blockquote>
              } @else {
                <p class="tc-consent-state">{{ 'profile.consents.never' | transloco }}</p>
              }
              @if (s.given) {
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="withdraw(s)">
                  {{ 'profile.consents.withdraw' | transloco }}
                </button>
              }
            </li>
          }
        </ul>
        @if (withdrawn()) {
          <p role="status">{{ 'profile.consents.withdrawn' | transloco }}</p>
        }
        @if (c.history.length > 0) {
          <details>
            <summary>{{ 'profile.consents.history' | transloco }}</summary>
            <ol>
              @for (r of c.history; track $index) {
                <li>
                  {{
                    (r.given ? 'profile.consents.historyGiven' : 'profile.consents.historyWithdrawn')
                      | transloco
                        : {
                            date: moment(r.recordedAt),
                            purpose: ('consents.purposes.' + r.purpose | transloco),
                          }
                  }}
                </li>
              }
            </ol>
          </details>
        }
      }
      <tc-problem-message [problem]="problem()" />
    </section>
  `,
})
export class MyConsentsComponent {
  private readonly http = inject(HttpClient);
  private readonly dialog = inject(MatDialog);
  private readonly lang = inject(LanguageService).lang;

  /** A consent was withdrawn: what it allowed is gone (the page may reload the profile). */
  readonly changed = output<OwnConsentPurpose>();

  protected readonly consents = signal<MyConsents | null>(null);
  protected readonly busy = signal(false);
  protected readonly withdrawn = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);

  constructor() {
    this.load();
  }

  /** Reads the consents again (after the profile or the settings gave one). */
  load(): void {
    this.http.get<MyConsents>(CONSENTS_API).subscribe({
      next: (c) => this.consents.set(c),
      error: (e: unknown) => this.problem.set(problemOf(e)),
    });
  }

  protected withdraw(state: ConsentState): void {
    this.dialog
      .open<WithdrawConsentDialog, OwnConsentPurpose, boolean>(WithdrawConsentDialog, {
        data: state.purpose,
        maxWidth: '32rem',
      })
      .afterClosed()
      .subscribe((go) => {
        if (!go) return;
        this.busy.set(true);
        this.withdrawn.set(false);
        this.problem.set(null);
        this.http.delete<MyConsents>(`${CONSENTS_API}/${state.purpose}`).subscribe({
          next: (c) => {
            this.busy.set(false);
            this.consents.set(c);
            this.withdrawn.set(true);
            this.changed.emit(state.purpose);
          },
          error: (e: unknown) => {
            this.busy.set(false);
            this.problem.set(problemOf(e));
          },
        });
      });
  }

  protected moment(iso: string): string {
    return formatMoment(iso, this.lang());
  }
}
