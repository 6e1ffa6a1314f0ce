import {
  HttpErrorResponse,
  type HttpInterceptorFn,
  HttpResponse,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  APP_BOOTSTRAP_LISTENER,
  type ApplicationConfig,
  inject,
  isDevMode,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideEnvironmentInitializer,
} from '@angular/core';
import {
  provideRouter,
  withComponentInputBinding,
  withDisabledInitialNavigation,
  withInMemoryScrolling,
} from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
import { TranslocoService, provideTransloco } from '@jsverse/transloco';
import { AUTH_API, AuthService, authInterceptor } from '@tc/identity/web';
import { DEFAULT_LOCALE, LOCALES, type Me, type Session } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { catchError, firstValueFrom, of, tap, throwError } from 'rxjs';
import { appRoutes } from './app.routes';
import { earlyRefreshInterceptor } from './early-refresh';
import { TranslocoHttpLoader } from './i18n/transloco-http.loader';
import { navigateAfterShell } from './first-navigation';
import { yieldToMain } from './yield';
import { LearnerSync } from './shell/learner-sync';

/** Start-up: the remembered language, then the session from the refresh cookie (and its language). */
async function startUp(): Promise<void> {
  const language = inject(LanguageService);
  const transloco = inject(TranslocoService);
  const auth = inject(AuthService);
  language.use(language.stored());
  await Promise.all([firstValueFrom(transloco.load(language.lang())).catch(() => undefined), auth.restore()]);
  await firstValueFrom(transloco.load(language.lang())).catch(() => undefined);
  // The texts and the session are in: the shell renders in a task of its own.
  await yieldToMain();
}

const OFFLINE_ME = 'tc.offline.me';

function rememberedCoach(): Me | null {
  try {
    const raw = localStorage.getItem(OFFLINE_ME);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

function remember(session: Session | null): void {
  try {
    if (session?.me.roles.some((r) => r.role === 'coach')) {
      localStorage.setItem(OFFLINE_ME, JSON.stringify(session.me));
    } else localStorage.removeItem(OFFLINE_ME);
  } catch {
    // No storage: the app simply does not open offline.
  }
}

/**
 * Offline start for coaches: the session comes from the refresh cookie, which needs the server.
 * When the server cannot be reached (no network, or the service worker's 504), a coach seen
 * before is let in with their profile and no access token, to read the lessons kept offline and
 * queue progress; the first call that reaches the server gets a 401 and the auth interceptor
 * renews the session from the cookie then. Signing out forgets the profile.
 */
const offlineSessionInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.url === `${AUTH_API}/sign-out`) remember(null);
  if (req.url !== `${AUTH_API}/refresh` && req.url !== `${AUTH_API}/sign-in`) return next(req);
  return next(req).pipe(
    tap((event) => {
      if (event instanceof HttpResponse) remember(event.body as Session);
    }),
    catchError((error: unknown) => {
      const unreachable = error instanceof HttpErrorResponse && (error.status === 0 || error.status === 504);
      const me = unreachable && req.url === `${AUTH_API}/refresh` ? rememberedCoach() : null;
      if (!me) {
        if (error instanceof HttpErrorResponse && error.status === 401) remember(null);
        return throwError(() => error);
      }
      const offline: Session = { accessToken: '', expiresIn: 0, me };
      return of(new HttpResponse<Session>({ status: 200, body: offline, url: req.url }));
    }),
  );
};

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // The XMLHttpRequest backend (not withFetch): it reports upload progress, which the CSV import shows.
    // The first session refresh is the one session-start.js sent while the scripts downloaded.
    provideHttpClient(
      withInterceptors([offlineSessionInterceptor, authInterceptor, earlyRefreshInterceptor]),
    ),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
      withDisabledInitialNavigation(),
    ),
    // The first page renders in a task of its own, after the shell's.
    { provide: APP_BOOTSTRAP_LISTENER, multi: true, useFactory: navigateAfterShell },
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
    // A learner's queued progress goes from app start, whatever page is open.
    provideEnvironmentInitializer(() => inject(LearnerSync).watch()),
    // The app shell, lazy chunks, translations and the coach's reads, for use offline (ngsw-config.json).
    provideServiceWorker('ngsw-worker.js', {
      enabled: !isDevMode(),
      registrationStrategy: 'registerWhenStable:30000',
    }),
  ],
};
