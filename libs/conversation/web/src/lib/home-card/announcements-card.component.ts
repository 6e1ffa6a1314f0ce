import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { UnreadAnnouncements } from '@tc/shared/contracts';
import { LanguageService, TextDirDirective } from '@tc/shared/ui';
import { firstValueFrom } from 'rxjs';
import { AnnouncementsService } from '../data-access/announcements.service';
import { shownLocale } from '../data-access/shown-text';

/**
 * The coach's home page: the newest unread announcement of each of their cohorts, linking to the
 * cohort's list (where opening reads them). Nothing at all when everything is read, or offline.
 */
@Component({
  selector: 'tc-announcements-card',
  imports: [RouterLink, TranslocoPipe, TextDirDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (items().length) {
      <section class="tc-card" aria-labelledby="tc-announcements-card">
        <h2 id="tc-announcements-card">{{ 'conversation.card.title' | transloco }}</h2>
        <ul>
          @for (item of items(); track item.cohortId) {
            <li>
              <a [routerLink]="['/cohorts', item.cohortId, 'announcements']">
                <strong [tcText]="locale(item)">{{ item.latest.title[locale(item)] }}</strong>
                <span class="tc-cohort">
                  <bdi>{{ item.cohortName }}</bdi> ·
                  {{ 'conversation.card.unread' | transloco: { count: item.unread } }}
                </span>
              </a>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    .tc-card {
      margin-block: 1rem;
    }
    h2 {
      font-size: 1.125rem;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    a {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      min-block-size: 48px;
      justify-content: center;
      padding-block: 0.5rem;
      padding-inline: 1rem;
      border-radius: 8px;
      border-inline-start: 4px solid var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-low);
      color: inherit;
      text-decoration: none;
      overflow-wrap: anywhere;
    }
    .tc-cohort {
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AnnouncementsCardComponent {
  private readonly api = inject(AnnouncementsService);
  private readonly lang = inject(LanguageService).lang;
  protected readonly items = signal<UnreadAnnouncements[]>([]);

  constructor() {
    void firstValueFrom(this.api.unread()).then(
      (r) => this.items.set(r.items),
      () => this.items.set([]),
    );
  }

  protected locale(item: UnreadAnnouncements) {
    return shownLocale(item.latest, this.lang());
  }
}
