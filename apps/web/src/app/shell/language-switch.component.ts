import { ChangeDetectionStrategy, Component, ElementRef, inject, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LOCALES, type Locale } from '@tc/shared/contracts';

let nextId = 0;

/**
 * fr / ar / en, each language named in itself. A disclosure button (not a Material menu: the
 * shell stays free of overlays, which keeps the first download small).
 */
@Component({
  selector: 'tc-language-switch',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(document:click)': 'closeIfOutside($event)',
    '(keydown.escape)': 'close(true)',
  },
  template: `
    <button
      #trigger
      type="button"
      class="tc-trigger"
      [attr.aria-expanded]="open()"
      [attr.aria-controls]="panelId"
      (click)="open.set(!open())"
    >
      <span class="tc-visually-hidden">{{ 'languages.switch' | transloco }}:</span>
      <span aria-hidden="true">{{ 'languages.short.' + current() | transloco }}</span>
      <span class="tc-visually-hidden">{{ 'languages.' + current() | transloco }}</span>
    </button>
    @if (open()) {
      <ul class="tc-panel" [id]="panelId">
        @for (l of locales; track l) {
          <li>
            <button type="button" [attr.lang]="l" [attr.aria-pressed]="l === current()" (click)="choose(l)">
              {{ 'languages.' + l | transloco }}
            </button>
          </li>
        }
      </ul>
    }
  `,
  styleUrl: './disclosure.scss',
})
export class LanguageSwitchComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly current = input.required<Locale>();
  readonly selected = output<Locale>();
  protected readonly locales = LOCALES;
  protected readonly open = signal(false);
  protected readonly panelId = `tc-language-panel-${nextId++}`;

  protected choose(lang: Locale): void {
    this.selected.emit(lang);
    this.close(true);
  }

  protected close(focusTrigger = false): void {
    if (!this.open()) return;
    this.open.set(false);
    if (focusTrigger) this.host.nativeElement.querySelector<HTMLButtonElement>('.tc-trigger')?.focus();
  }

  protected closeIfOutside(event: Event): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node)) this.open.set(false);
  }
}
