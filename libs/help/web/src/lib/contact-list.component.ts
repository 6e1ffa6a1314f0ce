import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * The operator's contact as the help and privacy pages list it: an e-mail and a phone link, each kept
 * left to right inside a right-to-left page. The page says what the list is for and what to show when
 * there is no contact.
 */
@Component({
  selector: 'tc-contact-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <ul>
      @if (email(); as email) {
        <li>
          {{ 'help.contact.email' | transloco }}
          <a [href]="'mailto:' + email" dir="ltr">{{ email }}</a>
        </li>
      }
      @if (phone(); as phone) {
        <li>
          {{ 'help.contact.phone' | transloco }}
          <a [href]="'tel:' + dialable(phone)" dir="ltr">{{ phone }}</a>
        </li>
      }
    </ul>
  `,
  // A long address breaks anywhere rather than widen a phone's page.
  styles: `
    ul,
    a {
      overflow-wrap: anywhere;
    }
  `,
})
export class ContactListComponent {
  readonly email = input<string | null | undefined>(null);
  readonly phone = input<string | null | undefined>(null);

  /** A phone number as a `tel:` link wants it: digits and a leading +. */
  protected dialable(phone: string): string {
    return phone.replace(/[^\d+]/g, '');
  }
}
