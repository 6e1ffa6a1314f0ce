import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  isDevMode,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { TranslocoService, provideTransloco } from '@jsverse/transloco';
import { AuthService, authInterceptor } from '@tc/identity/web';
import { DEFAULT_LOCALE, LOCALES } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { firstValueFrom } from 'rxjs';
import { appRoutes } from './app.routes';
import { TranslocoHttpLoader } from './i18n/transloco-http.loader';

/** Start-up: the remembered language, then the session from the refresh cookie (and its language). */
async function startUp(): Promise<void> {
  const language = inject(LanguageService);
  const transloco = inject(TranslocoService);
  const auth = inject(AuthService);
  language.use(language.stored());
  await Promise.all([firstValueFrom(transloco.load(language.lang())).catch(() => undefined), auth.restore()]);
  await firstValueFrom(transloco.load(language.lang())).catch(() => undefined);
}

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // The XMLHttpRequest backend (not withFetch): it reports upload progress, which the CSV import shows.
    provideHttpClient(withInterceptors([authInterceptor])),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    provideTransloco({
      config: {
        availableLangs: [...LOCALES],
        defaultLang: DEFAULT_LOCALE,
        fallbackLang: DEFAULT_LOCALE,
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
        missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode() },
      },
      loader: TranslocoHttpLoader,
    }),
    provideAppInitializer(startUp),
  ],
};
