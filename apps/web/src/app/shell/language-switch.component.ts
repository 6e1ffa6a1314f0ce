import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { TranslocoPipe } from '@jsverse/transloco';
import { LOCALES, type Locale } from '@tc/shared/contracts';

/** fr / ar / en: each language named in itself. */
@Component({
  selector: 'tc-language-switch',
  imports: [MatButtonModule, MatMenuModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-button
      type="button"
      class="tc-lang-button"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="('languages.switch' | transloco) + ': ' + ('languages.' + current() | transloco)"
    >
      {{ 'languages.short.' + current() | transloco }}
    </button>
    <mat-menu #menu="matMenu">
      @for (l of locales; track l) {
        <button
          mat-menu-item
          type="button"
          role="menuitemradio"
          [attr.aria-checked]="l === current()"
          [attr.lang]="l"
          (click)="selected.emit(l)"
        >
          {{ 'languages.' + l | transloco }}
        </button>
      }
    </mat-menu>
  `,
  styles: `
    .tc-lang-button { color: inherit; min-inline-size: 48px; }
  `,
})
export class LanguageSwitchComponent {
  readonly current = input.required<Locale>();
  readonly selected = output<Locale>();
  protected readonly locales = LOCALES;
}
