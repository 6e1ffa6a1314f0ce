import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { LanguageService, intlLocale } from '@tc/shared/ui';
import { catchError, combineLatest, map, of, startWith, switchMap } from 'rxjs';
import { ContactListComponent } from './contact-list.component';
import { HELP_READER } from './help-reader';
import { HelpTextDirective } from './help-text.directive';
import { type PrivacyTexts, PrivacyNoticeService } from './privacy-notice.service';

type State = { kind: 'loading' } | { kind: 'failed' } | ({ kind: 'ready' } & PrivacyTexts);

/**
 * `/privacy`: what the platform holds about each person, why, who sees it, how long it is kept, the
 * person's rights and whom to contact. The text is the operator's when they wrote one, else the
 * app's (markdown per language, rendered as the help's are); the deployment's figures (the
 * observatory's threshold, an archive's days) and the app's own words are put in as the app shows them.
 */
@Component({
  selector: 'tc-privacy-page',
  imports: [RouterLink, TranslocoPipe, HelpTextDirective, ContactListComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './help.page.scss',
  template: `
    <article class="tc-page tc-help">
      <h1>{{ 'privacy.title' | transloco }}</h1>
      <p>{{ 'privacy.intro' | transloco }}</p>
      @if (signedIn()) {
        <p>
          <a routerLink="/profile" fragment="my-data">{{ 'privacy.myData' | transloco }}</a>
        </p>
      } @else {
        <p>
          <a routerLink="/sign-in">{{ 'signIn.submit' | transloco }}</a>
        </p>
      }

      @let s = state();
      @switch (s.kind) {
        @case ('loading') {
          <p role="status">{{ 'common.loading' | transloco }}</p>
        }
        @case ('failed') {
          <div role="alert">
            <p>{{ 'privacy.failed' | transloco }}</p>
            <button type="button" class="tc-retry" (click)="retry()">{{ 'help.retry' | transloco }}</button>
          </div>
        }
        @case ('ready') {
          <!-- The text's own parts are the page's sections: its ## headings stay h2. -->
          <div class="tc-help-text" [tcHelpText]="s.text" [values]="values()" [shift]="0"></div>
        }
      }

      <section class="tc-part tc-contact" id="privacy-contact" aria-labelledby="privacy-contact-title">
        <h2 id="privacy-contact-title">{{ 'privacy.contact.title' | transloco }}</h2>
        @let contact = info()?.contact;
        @if (contact?.email || contact?.phone) {
          <p>{{ 'privacy.contact.platform' | transloco }}</p>
          <tc-contact-list [email]="contact?.email" [phone]="contact?.phone" />
        } @else {
          <p>{{ 'privacy.contact.none' | transloco }}</p>
        }
      </section>
    </article>
  `,
})
export class PrivacyPage {
  private readonly service = inject(PrivacyNoticeService);
  private readonly transloco = inject(TranslocoService);
  private readonly lang = inject(LanguageService).lang;
  private readonly reader = inject(HELP_READER);

  protected readonly signedIn = computed(() => this.reader() !== null);
  private readonly attempt = signal(0);

  protected readonly state = toSignal(
    combineLatest([toObservable(this.lang), toObservable(this.attempt)]).pipe(
      switchMap(([lang]) =>
        this.service.load(lang).pipe(
          map((loaded): State => ({ kind: 'ready', ...loaded })),
          catchError(() => of<State>({ kind: 'failed' })),
          startWith<State>({ kind: 'loading' }),
        ),
      ),
    ),
    { initialValue: { kind: 'loading' } as State },
  );
  protected readonly info = computed(() => {
    const s = this.state();
    return s.kind === 'ready' ? s.info : null;
  });

  private readonly translation = toSignal(this.transloco.selectTranslation());
  /**
   * A placeholder's value: `k` (the observatory's threshold) and `exportDays` (an archive's days), as
   * numbers of the page's language ("k" and "7" when the settings could not be read); any other name,
   * the app's words under that key.
   */
  protected readonly values = computed(() => {
    this.translation();
    const lang = this.lang();
    const format = new Intl.NumberFormat(intlLocale(lang));
    const info = this.info();
    const k = info ? format.format(info.observatoryK) : 'k';
    const days = format.format(info?.exportDays ?? 7);
    return (name: string): string | null => {
      if (name === 'k') return k;
      if (name === 'exportDays') return days;
      const text = this.transloco.translate<string>(name, { k }, lang);
      return typeof text === 'string' && text !== name ? text : null;
    };
  });

  protected retry(): void {
    this.attempt.update((n) => n + 1);
  }
}
