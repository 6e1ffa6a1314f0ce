import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  TemplateRef,
  contentChild,
  inject,
  input,
} from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Locale } from '@tc/shared/contracts';

export interface LocaleTabContext {
  $implicit: Locale;
}

/** Marks the `<ng-template tcLocaleTab let-locale>` repeated in each locale's tab (typed `locale`). */
@Directive({ selector: 'ng-template[tcLocaleTab]' })
export class LocaleTabDirective {
  readonly template = inject<TemplateRef<LocaleTabContext>>(TemplateRef);

  static ngTemplateContextGuard(_dir: LocaleTabDirective, _ctx: unknown): _ctx is LocaleTabContext {
    return true;
  }
}

/**
 * One tab per offered locale around the localized fields given as `<ng-template let-locale>`; a
 * marker on tabs whose text is missing. Each tab's content is in its locale's language and direction.
 */
@Component({
  selector: 'tc-locale-tabs',
  imports: [MatTabsModule, NgTemplateOutlet, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-tab-group mat-stretch-tabs="false" animationDuration="0ms" [attr.aria-label]="label() | transloco">
      @for (l of locales(); track l) {
        <mat-tab>
          <ng-template mat-tab-label>
            <span>{{ 'languages.names.' + l | transloco }}</span>
            @if (l === defaultLocale()) {
              <span class="tc-tab-note">· {{ 'courses.locale.default' | transloco }}</span>
            }
            @if (missing().includes(l)) {
              <span class="tc-tab-missing" aria-hidden="true">●</span>
              <span class="tc-visually-hidden">{{ 'courses.locale.missing' | transloco }}</span>
            }
          </ng-template>
          <div class="tc-tab-body" [attr.lang]="l" [attr.dir]="l === 'ar' ? 'rtl' : 'ltr'">
            @if (l !== defaultLocale() && missing().includes(l)) {
              <p class="tc-tab-hint">{{ 'courses.locale.fallbackHint' | transloco }}</p>
            }
            <ng-container *ngTemplateOutlet="content().template; context: { $implicit: l }" />
          </div>
        </mat-tab>
      }
    </mat-tab-group>
  `,
  styles: `
    .tc-tab-note {
      margin-inline-start: 0.25rem;
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-tab-missing {
      margin-inline-start: 0.375rem;
      color: var(--mat-sys-error);
    }
    .tc-tab-body {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      padding-block: 1rem 0.25rem;
    }
    .tc-tab-hint {
      margin: 0;
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LocaleTabsComponent {
  readonly locales = input.required<readonly Locale[]>();
  readonly defaultLocale = input.required<Locale>();
  /** Locales whose tab gets the "missing text" marker. */
  readonly missing = input<readonly Locale[]>([]);
  /** Translation key naming the tab group. */
  readonly label = input('courses.locale.tabs');
  protected readonly content = contentChild.required(LocaleTabDirective);
}
