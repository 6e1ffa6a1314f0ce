import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { EnrolmentResult } from '@tc/shared/contracts';
import { ActionLinkComponent } from '@tc/shared/ui';

let nextId = 0;

/**
 * What an enrolment did: enrolled (coaches of the cohort's territory), invited (every other address,
 * with their links when not e-mailed, whether it has an account or not), already there, invalid.
 */
@Component({
  selector: 'tc-enrolment-result',
  imports: [TranslocoPipe, ActionLinkComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let r = result();
    <section class="tc-result" role="status" [attr.aria-labelledby]="headingId">
      <h3 [id]="headingId">{{ 'cohorts.enrol.resultTitle' | transloco }}</h3>
      <ul class="tc-counts">
        <li>{{ 'cohorts.enrol.enrolled' | transloco: { count: r.enrolled.length } }}</li>
        <li>{{ 'cohorts.enrol.invited' | transloco: { count: r.invited.length } }}</li>
        <li>{{ 'cohorts.enrol.alreadyEnrolled' | transloco: { count: r.alreadyEnrolled.length } }}</li>
        <li>{{ 'cohorts.enrol.alreadyInvited' | transloco: { count: r.alreadyInvited.length } }}</li>
        <li [class.tc-error]="r.invalid.length">
          {{ 'cohorts.enrol.invalid' | transloco: { count: r.invalid.length } }}
        </li>
      </ul>
      <p class="tc-rule">{{ 'cohorts.enrol.rule' | transloco }}</p>
      @if (r.invalid.length) {
        <h4>{{ 'cohorts.enrol.invalidTitle' | transloco }}</h4>
        <ul class="tc-emails" dir="ltr">
          @for (e of r.invalid; track e) {
            <li>{{ e }}</li>
          }
        </ul>
      }
      @if (r.enrolled.length) {
        <h4>{{ 'cohorts.enrol.enrolledTitle' | transloco }}</h4>
        <ul class="tc-emails" dir="ltr">
          @for (e of r.enrolled; track e) {
            <li>{{ e }}</li>
          }
        </ul>
      }
      @if (r.alreadyEnrolled.length) {
        <h4>{{ 'cohorts.enrol.alreadyTitle' | transloco }}</h4>
        <ul class="tc-emails" dir="ltr">
          @for (e of r.alreadyEnrolled; track e) {
            <li>{{ e }}</li>
          }
        </ul>
      }
      @if (r.alreadyInvited.length) {
        <h4>{{ 'cohorts.enrol.alreadyInvitedTitle' | transloco }}</h4>
        <ul class="tc-emails" dir="ltr">
          @for (e of r.alreadyInvited; track e) {
            <li>{{ e }}</li>
          }
        </ul>
      }
      @if (r.invited.length) {
        <h4>{{ 'cohorts.enrol.invitedTitle' | transloco }}</h4>
        <ul class="tc-invited">
          @for (i of r.invited; track i.email) {
            <li>
              <span class="tc-email" dir="ltr">{{ i.email }}</span>
              <tc-action-link [link]="i" label="cohorts.enrol.invitationLink" />
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .tc-result {
      max-inline-size: 48rem;
    }
    h3 {
      font-size: 1.0625rem;
      margin-block: 1rem 0.5rem;
    }
    h4 {
      font-size: 1rem;
      margin-block: 0.75rem 0.25rem;
    }
    .tc-counts {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .tc-rule {
      margin-block: 0.5rem 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-emails {
      margin: 0;
      text-align: start;
      padding-inline-start: 1.25rem;
    }
    .tc-invited {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .tc-invited li {
      padding: 0.5rem 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
    }
    .tc-email {
      font-weight: 500;
      unicode-bidi: plaintext;
    }
  `,
})
export class EnrolmentResultComponent {
  readonly result = input.required<EnrolmentResult>();
  protected readonly headingId = `tc-enrolment-result-${nextId++}`;
}
