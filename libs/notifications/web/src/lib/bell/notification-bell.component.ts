import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type OnInit,
  computed,
  inject,
  input,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Locale } from '@tc/shared/contracts';
import { formatNumber, intlLocale } from '@tc/shared/ui';
import { filter } from 'rxjs';
import { NotificationsService } from '../data-access/notifications.service';

/** How often the count is asked for while the page is visible. */
export const BELL_POLL_MS = 60_000;
/** Navigations closer together than this ask once. */
const NAVIGATION_GAP_MS = 10_000;

/** The plural categories the i18n files name (`notifications.bell.<category>`), `none` for zero. */
const CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

/**
 * The top bar's bell: a link to `/notifications` saying how many are unread. Rendered for a signed-in
 * person only (the shell's user block): it asks for the count when it appears, every
 * {@link BELL_POLL_MS} while the page is visible, when the page becomes visible again and after a
 * navigation; never while the tab is hidden. Small on purpose: it sits in the main bundle, the list is
 * a lazy route.
 */
@Component({
  selector: 'tc-notification-bell',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a
      class="tc-bell"
      routerLink="/notifications"
      [attr.aria-label]="'notifications.bell.' + category() | transloco: { count: countText() }"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
        <path
          fill="currentColor"
          d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11c0-3.07-1.64-5.64-4.5-6.32V4a1.5 1.5 0 0 0-3 0v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z"
        />
      </svg>
      @if (count() > 0) {
        <span class="tc-bell-count" aria-hidden="true">{{ badge() }}</span>
      }
    </a>
  `,
  styles: `
    .tc-bell {
      position: relative;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-inline-size: 48px;
      min-block-size: 48px;
      color: inherit;
      border-radius: 50%;
    }
    .tc-bell:focus-visible {
      outline: 2px solid currentColor;
      outline-offset: -4px;
    }
    /* Beside the bell's top corner (its inline end), not over the bell. */
    .tc-bell-count {
      position: absolute;
      inset-block-start: 2px;
      inset-inline-end: 0;
      min-inline-size: 1.125rem;
      padding-inline: 0.25rem;
      border-radius: 0.5625rem;
      background: #b3261e;
      color: #fff;
      font-size: 0.6875rem;
      font-weight: 600;
      line-height: 1.125rem;
      text-align: center;
    }
  `,
})
export class NotificationBellComponent implements OnInit {
  private readonly notifications = inject(NotificationsService);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  private readonly router = inject(Router);
  /** The page's language (numbers and plural forms follow it). */
  readonly lang = input.required<Locale>();

  protected readonly count = computed(() => this.notifications.unread() ?? 0);
  /** The count as the page's language writes it (0–999 without Intl's start-up cost). */
  protected readonly countText = computed(() => formatNumber(this.count(), this.lang()));
  protected readonly badge = computed(() =>
    this.count() > 99 ? `${formatNumber(99, this.lang())}+` : this.countText(),
  );
  protected readonly category = computed(() => {
    const n = this.count();
    if (n === 0) return 'none';
    const category = new Intl.PluralRules(intlLocale(this.lang())).select(n);
    return CATEGORIES.has(category) ? category : 'other';
  });
  private lastAsked = 0;

  ngOnInit(): void {
    this.ask();
    const timer = setInterval(() => {
      if (this.visible()) this.ask();
    }, BELL_POLL_MS);
    const onVisibility = () => {
      if (this.visible()) this.ask();
    };
    this.document.addEventListener('visibilitychange', onVisibility);
    this.router.events
      .pipe(
        filter((e) => e instanceof NavigationEnd),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => {
        if (this.visible() && Date.now() - this.lastAsked >= NAVIGATION_GAP_MS) this.ask();
      });
    this.destroyRef.onDestroy(() => {
      clearInterval(timer);
      this.document.removeEventListener('visibilitychange', onVisibility);
      // Signed out: the next person starts from nothing.
      this.notifications.forget();
    });
  }

  private visible(): boolean {
    return this.document.visibilityState !== 'hidden';
  }

  private ask(): void {
    this.lastAsked = Date.now();
    this.notifications.refreshUnread();
  }
}
