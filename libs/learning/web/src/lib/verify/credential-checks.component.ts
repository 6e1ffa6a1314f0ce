import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CredentialCheck, CredentialVerification } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { formatDate } from '../data-access/dates';

/**
 * The reasons a verifier gives (`CredentialCheck.code`), each worded under `verify.credential.codes.*`.
 * A code outside this list (a newer server) is shown by its outcome alone.
 */
export const CREDENTIAL_CODES = [
  'ok',
  'not-json',
  'not-a-credential',
  'schema-invalid',
  'no-proof',
  'signature-invalid',
  'issuer-unresolved',
  'issuer-mismatch',
  'revoked',
  'status-unreachable',
  'no-status',
  'not-yet-valid',
  'expired',
  'earlier-check-failed',
] as const;
const KNOWN = new Set<string>(CREDENTIAL_CODES);

/**
 * An Open Badges 3.0 credential's verification: the verdict, then each check with its outcome as an
 * icon and a word (never colour alone) and what it found in words; with `summary`, what the credential
 * says (issuer, achievement, recipient, dates).
 */
@Component({
  selector: 'tc-credential-checks',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let v = verification();
    <div class="tc-verdict" [class.tc-valid]="v.verified" [class.tc-invalid]="!v.verified">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28">
        <circle cx="12" cy="12" r="11" fill="currentColor" />
        @if (v.verified) {
          <path d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" stroke="#fff" stroke-width="2.6" />
        } @else {
          <path d="M7.5 7.5l9 9M16.5 7.5l-9 9" fill="none" stroke="#fff" stroke-width="2.6" />
        }
      </svg>
      <p>
        <strong>{{
          (v.verified ? 'verify.credential.verified' : 'verify.credential.notVerified') | transloco
        }}</strong>
      </p>
    </div>
    <ul class="tc-checks">
      @for (c of v.checks; track c.check) {
        <li class="tc-check" [class]="'tc-' + c.outcome">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
            @switch (c.outcome) {
              @case ('passed') {
                <circle cx="12" cy="12" r="11" fill="currentColor" />
                <path d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" stroke="#fff" stroke-width="2.6" />
              }
              @case ('failed') {
                <circle cx="12" cy="12" r="11" fill="currentColor" />
                <path d="M7.5 7.5l9 9M16.5 7.5l-9 9" fill="none" stroke="#fff" stroke-width="2.6" />
              }
              @default {
                <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" />
                <path d="M7 12h10" fill="none" stroke="currentColor" stroke-width="2.6" />
              }
            }
          </svg>
          <div>
            <p class="tc-check-name">
              <strong>{{ 'verify.credential.checks.' + c.check | transloco }}</strong>
              <!-- Read aloud as "Signature: passed", shown as a name and a tag. -->
              <span class="tc-visually-hidden">: </span>
              <span class="tc-outcome">{{ 'verify.credential.outcomes.' + c.outcome | transloco }}</span>
            </p>
            @if (found(c); as key) {
              <p class="tc-found">{{ key | transloco }}</p>
            }
          </div>
        </li>
      }
    </ul>
    @if (summary()) {
      @let s = v.summary;
      <dl>
        <dt>{{ 'verify.credential.summary.issuer' | transloco }}</dt>
        <dd>
          {{ s.issuerName ?? ('verify.credential.summary.none' | transloco) }}
          @if (s.issuerId) {
            <br /><code dir="ltr">{{ s.issuerId }}</code>
          }
        </dd>
        <dt>{{ 'verify.credential.summary.achievement' | transloco }}</dt>
        <dd>{{ s.achievementName ?? ('verify.credential.summary.none' | transloco) }}</dd>
        <dt>{{ 'verify.credential.summary.recipient' | transloco }}</dt>
        <dd>{{ s.recipientName ?? ('verify.credential.summary.none' | transloco) }}</dd>
        <dt>{{ 'verify.credential.summary.validFrom' | transloco }}</dt>
        <dd>{{ validFrom() || ('verify.credential.summary.none' | transloco) }}</dd>
        <dt>{{ 'verify.credential.summary.validUntil' | transloco }}</dt>
        <dd>{{ validUntil() || ('verify.credential.summary.noEnd' | transloco) }}</dd>
      </dl>
    }
  `,
  styleUrl: './credential-checks.component.scss',
})
export class CredentialChecksComponent {
  private readonly lang = inject(LanguageService).lang;
  readonly verification = input.required<CredentialVerification>();
  /** Whether to list what the credential says (the check page; the certificate page shows its own). */
  readonly summary = input(false);

  protected readonly validFrom = computed(() =>
    formatDate(this.verification().summary.validFrom, this.lang()),
  );
  protected readonly validUntil = computed(() =>
    formatDate(this.verification().summary.validUntil, this.lang()),
  );

  /** The i18n key of what a check found: a passed check's own sentence, else its code's. */
  protected found(c: CredentialCheck): string | null {
    if (c.code === 'ok') return `verify.credential.ok.${c.check}`;
    return KNOWN.has(c.code) ? `verify.credential.codes.${c.code}` : null;
  }
}
