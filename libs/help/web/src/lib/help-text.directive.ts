import { DOCUMENT, Directive, ElementRef, effect, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import { LanguageService } from '@tc/shared/ui';
import { helpContent } from './help-markdown';

/**
 * `[tcHelpText]="markdown"`: one part of the help, rendered and made safe (help-markdown.ts), its
 * placeholders filled by `values`, its headings `shift` levels down, French spaced the French way. A
 * link to a page of the app goes through the router (no reload).
 */
@Directive({
  selector: '[tcHelpText]',
  host: { '(click)': 'follow($event)' },
})
export class HelpTextDirective {
  readonly markdown = input.required<string>({ alias: 'tcHelpText' });
  readonly values = input.required<(name: string) => string | null>();
  readonly shift = input(1);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly document = inject(DOCUMENT);
  private readonly router = inject(Router);
  private readonly lang = inject(LanguageService).lang;

  constructor() {
    effect(() => {
      const fragment = helpContent(this.markdown(), this.document, this.values(), {
        shift: this.shift(),
        lang: this.lang(),
      });
      this.host.nativeElement.replaceChildren(fragment);
    });
  }

  protected follow(event: MouseEvent): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest('a');
    const href = link?.getAttribute('href') ?? '';
    if (!link || !/^\/(?!\/)/.test(href)) return;
    event.preventDefault();
    void this.router.navigateByUrl(href);
  }
}
