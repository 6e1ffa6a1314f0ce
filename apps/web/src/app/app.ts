import { BidiModule } from '@angular/cdk/bidi';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService, MeService, navigationFor } from '@tc/identity/web';
import type { Locale } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { filter } from 'rxjs';
import { LanguageSwitchComponent } from './shell/language-switch.component';
import { UserMenuComponent } from './shell/user-menu.component';

/** The shell: top bar (name, language, user menu), the role-based navigation, the page. */
@Component({
  selector: 'tc-root',
  imports: [
    BidiModule,
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    TranslocoPipe,
    LanguageSwitchComponent,
    UserMenuComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly auth = inject(AuthService);
  private readonly me = inject(MeService);
  private readonly language = inject(LanguageService);

  protected readonly dir = this.language.dir;
  protected readonly lang = this.language.lang;
  protected readonly person = this.auth.me;
  protected readonly navigation = computed(() =>
    this.auth.signedIn() ? navigationFor(this.auth.roles()) : [],
  );
  protected readonly navOpen = signal(false);

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
      .subscribe(() => this.navOpen.set(false));
  }

  protected changeLanguage(lang: Locale): void {
    this.me.changeLanguage(lang);
  }

  protected signOut(): void {
    this.auth.signOut().subscribe({ error: () => undefined });
  }
}
