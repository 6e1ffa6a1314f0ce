import { BidiModule } from '@angular/cdk/bidi';
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  type Signal,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService, MeService, activeNavPath, navigationFor } from '@tc/identity/web';
import { NotificationBellComponent } from '@tc/notifications/web';
import type { Locale } from '@tc/shared/contracts';
import { LanguageService, formatNumber } from '@tc/shared/ui';
import { filter } from 'rxjs';
import { LanguageSwitchComponent } from './shell/language-switch.component';
import { LearnerSync } from './shell/learner-sync';
import { UpdateBannerComponent } from './shell/update-banner.component';
import { UserMenuComponent } from './shell/user-menu.component';

/** The width from which the navigation stands beside the page (app.scss's breakpoint). */
const WIDE_SCREEN = '(min-width: 720px)';

/**
 * Whether a media query matches, following its changes; `unknown` where the browser cannot tell
 * (no matchMedia).
 */
function mediaSignal(query: string, unknown: boolean): Signal<boolean> {
  const list = inject(DOCUMENT).defaultView?.matchMedia?.(query);
  const matches = signal(list?.matches ?? unknown);
  if (list) {
    const listener = (event: MediaQueryListEvent) => matches.set(event.matches);
    list.addEventListener('change', listener);
    inject(DestroyRef).onDestroy(() => list.removeEventListener('change', listener));
  }
  return matches.asReadonly();
}

/** The shell: top bar (name, language, notifications bell, user menu), the role-based navigation, the page. */
@Component({
  selector: 'tc-root',
  imports: [
    BidiModule,
    RouterOutlet,
    RouterLink,
    TranslocoPipe,
    LanguageSwitchComponent,
    UserMenuComponent,
    UpdateBannerComponent,
    NotificationBellComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly auth = inject(AuthService);
  private readonly me = inject(MeService);
  private readonly language = inject(LanguageService);
  private readonly sync = inject(LearnerSync);

  protected readonly dir = this.language.dir;
  protected readonly lang = this.language.lang;
  protected readonly person = this.auth.me;
  protected readonly navigation = computed(() =>
    this.auth.signedIn() ? navigationFor(this.auth.roles()) : [],
  );
  /** The address shown, as of the last completed navigation. */
  private readonly url = signal('/');
  /** The navigation item marked as the current page (the closest match, one at most). */
  protected readonly activePath = computed(() => activeNavPath(this.navigation(), this.url()));
  protected readonly navOpen = signal(false);
  /**
   * The navigation's links are rendered when they can be seen: always on a wide screen, on a phone
   * once the menu is opened (they are hidden behind the menu button there, and rendering them cost
   * the phone's first paint some 10 ms of script for nothing). A browser that cannot tell its width
   * gets them at once (the stylesheet still hides them behind the menu on a phone), rather than a
   * wide screen whose navigation waits for a menu button it does not show.
   */
  private readonly wide = mediaSignal(WIDE_SCREEN, true);
  protected readonly navShown = computed(() => this.wide() || this.navOpen());
  /** After a sign-out: how many of the person's items stay on this device (null: nothing to say). */
  protected readonly kept = signal<number | null>(null);
  protected readonly keptText = computed(() => {
    const n = this.kept();
    return n === null ? '' : formatNumber(n, this.lang());
  });

  constructor() {
    const title = inject(Title);
    inject(TranslocoService)
      .selectTranslate<string>('app.name')
      .pipe(takeUntilDestroyed())
      .subscribe((name) => title.setTitle(name));
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((e) => {
        this.url.set(e.urlAfterRedirects);
        this.navOpen.set(false);
      });
    // Someone signed in: the notice about the previous person's items is theirs no more.
    effect(() => {
      if (this.auth.signedIn()) this.kept.set(null);
    });
  }

  protected changeLanguage(lang: Locale): void {
    this.me.changeLanguage(lang);
  }

  /**
   * Signs out. What the person has waiting to sync stays on this device, theirs: it is sent when
   * they sign in again (never with someone else's session), and they are told so.
   */
  protected async signOut(): Promise<void> {
    const waiting = await this.sync.waiting();
    this.auth.signOut().subscribe({ error: () => undefined });
    this.kept.set(waiting > 0 ? waiting : null);
  }
}
