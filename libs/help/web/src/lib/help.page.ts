import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  afterRenderEffect,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { LanguageService, intlLocale } from '@tc/shared/ui';
import { catchError, combineLatest, map, of, startWith, switchMap } from 'rxjs';
import { ContactListComponent } from './contact-list.component';
import { HELP_READER } from './help-reader';
import { type HelpSection, helpOutline, sameOutline } from './help-sections';
import { HelpTextDirective } from './help-text.directive';
import { type HelpTexts, HelpTextsService } from './help-texts.service';

type State = { kind: 'loading' } | { kind: 'failed' } | ({ kind: 'ready' } & HelpTexts);

/**
 * `/help`: how to use the platform, the reader's own roles first, then what everyone needs, then the
 * other roles' parts (closed, to open), and whom to contact. A signed-out visitor reads the part for
 * everyone. The texts are markdown files per language; the words of buttons and the deployment's
 * values (the observatory's threshold) are put in as the app shows them.
 */
@Component({
  selector: 'tc-help-page',
  imports: [RouterLink, TranslocoPipe, HelpTextDirective, ContactListComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './help.page.scss',
  template: `
    <article class="tc-page tc-help">
      <h1>{{ 'help.title' | transloco }}</h1>
      <p>{{ 'help.intro' | transloco }}</p>
      @if (signedOut()) {
        <p>
          {{ 'help.signedOut' | transloco }}
          <a routerLink="/sign-in">{{ 'signIn.submit' | transloco }}</a>
        </p>
      }
      <nav class="tc-toc" [attr.aria-label]="'help.toc' | transloco">
        <ul>
          @for (s of outline().first; track s) {
            <li>
              <a [href]="'/help#' + anchor(s)" (click)="jump($event, anchor(s))">{{
                'help.sections.' + s | transloco
              }}</a>
            </li>
          }
          @for (s of outline().others; track s) {
            <li>
              <a [href]="'/help#' + anchor(s)" (click)="jump($event, anchor(s))">{{
                'help.sections.' + s | transloco
              }}</a>
            </li>
          }
          <li>
            <a href="/help#help-contact" (click)="jump($event, 'help-contact')">{{
              'help.contact.title' | transloco
            }}</a>
          </li>
        </ul>
      </nav>

      @let s = state();
      @switch (s.kind) {
        @case ('loading') {
          <p role="status">{{ 'common.loading' | transloco }}</p>
        }
        @case ('failed') {
          <div role="alert">
            <p>{{ 'help.failed' | transloco }}</p>
            <button type="button" class="tc-retry" (click)="retry()">{{ 'help.retry' | transloco }}</button>
          </div>
        }
        @case ('ready') {
          @for (part of outline().first; track part) {
            <section class="tc-part" [id]="anchor(part)" [attr.aria-labelledby]="anchor(part) + '-title'">
              <h2 [id]="anchor(part) + '-title'" tabindex="-1">{{ 'help.sections.' + part | transloco }}</h2>
              <div class="tc-help-text" [tcHelpText]="s.texts[part] ?? ''" [values]="values()"></div>
            </section>
          }
          @if (outline().others.length) {
            <section class="tc-part" aria-labelledby="help-others-title">
              <h2 id="help-others-title">{{ 'help.others' | transloco }}</h2>
              <p>{{ 'help.othersHint' | transloco }}</p>
              @for (part of outline().others; track part) {
                <details class="tc-other" [id]="anchor(part)">
                  <summary>
                    <h3 [id]="anchor(part) + '-title'" tabindex="-1">
                      {{ 'help.sections.' + part | transloco }}
                    </h3>
                  </summary>
                  <div
                    class="tc-help-text"
                    [tcHelpText]="s.texts[part] ?? ''"
                    [values]="values()"
                    [shift]="2"
                  ></div>
                </details>
              }
            </section>
          }
        }
      }

      <section class="tc-part tc-contact" id="help-contact" aria-labelledby="help-contact-title">
        <h2 id="help-contact-title" tabindex="-1">{{ 'help.contact.title' | transloco }}</h2>
        <p>{{ 'help.contact.ask' | transloco }}</p>
        @let contact = info()?.contact;
        @if (contact?.email || contact?.phone) {
          <p>{{ 'help.contact.platform' | transloco }}</p>
          <tc-contact-list [email]="contact?.email" [phone]="contact?.phone" />
        } @else {
          <p>{{ 'help.contact.none' | transloco }}</p>
        }
      </section>
    </article>
  `,
})
export class HelpPage {
  private readonly service = inject(HelpTextsService);
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly route = inject(ActivatedRoute);
  private readonly lang = inject(LanguageService).lang;
  private readonly reader = inject(HELP_READER);

  /**
   * Kept while the parts stay the same: a renewed session (each offline start renews it before a
   * call goes) brings new role arrays, which must not load the texts again.
   */
  protected readonly outline = computed(() => helpOutline(this.reader()), { equal: sameOutline });
  protected readonly signedOut = computed(() => this.reader() === null);
  private readonly attempt = signal(0);

  protected readonly state = toSignal(
    combineLatest([toObservable(this.lang), toObservable(this.outline), toObservable(this.attempt)]).pipe(
      switchMap(([lang, outline]) =>
        this.service.load(lang, [...outline.first, ...outline.others]).pipe(
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

  /** The translations of the moment: a new language (or their arrival) fills the texts again. */
  private readonly translation = toSignal(this.transloco.selectTranslation());
  /**
   * A placeholder's value: `k`, the observatory's threshold ("k" itself when the settings could not
   * be read); any other name, the app's words under that key (with `k` for the words that quote it).
   */
  protected readonly values = computed(() => {
    this.translation();
    const lang = this.lang();
    const k = this.info()?.observatoryK;
    const kText = k === undefined ? 'k' : new Intl.NumberFormat(intlLocale(lang)).format(k);
    return (name: string): string | null => {
      if (name === 'k') return kText;
      const text = this.transloco.translate<string>(name, { k: kText }, lang);
      return typeof text === 'string' && text !== name ? text : null;
    };
  });

  constructor() {
    // Opened at /help#help-observer (a link from elsewhere): that part, once it is on the page.
    let done = false;
    afterRenderEffect(() => {
      if (done || this.state().kind !== 'ready') return;
      done = true;
      const fragment = this.route.snapshot.fragment;
      if (fragment?.startsWith('help-')) this.show(fragment, false);
    });
  }

  protected anchor(section: HelpSection): string {
    return `help-${section}`;
  }

  protected retry(): void {
    this.attempt.update((n) => n + 1);
  }

  protected jump(event: MouseEvent, id: string): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.show(id, true);
  }

  /** Brings a part into view (opening it if it is closed), its heading focused for screen readers. */
  private show(id: string, focus: boolean): void {
    const part = this.document.getElementById(id);
    if (!part) return;
    if (part instanceof HTMLDetailsElement) part.open = true;
    part.scrollIntoView({ block: 'start' });
    if (focus) this.document.getElementById(`${id}-title`)?.focus({ preventScroll: true });
    this.document.defaultView?.history.replaceState(
      this.document.defaultView.history.state,
      '',
      `/help#${id}`,
    );
  }
}
