import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '@tc/shared/ui';
import {
  formatCount,
  formatDays,
  formatGain,
  formatLevel,
  formatNumber,
  formatPoints,
  formatRate,
} from '../data-access/format';

/** How a statistic is written. */
export type StatFormat = 'count' | 'rate' | 'days' | 'number' | 'level' | 'gain' | 'points';

/**
 * One statistic as a table cell or a summary figure shows it: the number in the interface language;
 * "< k" for a suppressed count (other suppressed figures: "hidden"), with the reason for screen
 * readers and as a tooltip; a dash where it does not apply (`undefined`) or has no denominator.
 */
@Component({
  selector: 'tc-stat',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (state()) {
      @case ('value') {
        {{ text() }}
      }
      @case ('suppressed') {
        <span class="tc-suppressed" aria-hidden="true" [title]="hiddenKey() | transloco: { k: kText() }">{{
          text() ?? ('observatory.suppression.short' | transloco)
        }}</span><span class="tc-visually-hidden">{{ hiddenKey() | transloco: { k: kText() } }}</span>
      }
      @default {
        <span aria-hidden="true">—</span
        ><span class="tc-visually-hidden">{{ 'observatory.notApplicable' | transloco }}</span>
      }
    }
  `,
  styles: `
    :host {
      font-variant-numeric: tabular-nums;
    }
    .tc-suppressed {
      cursor: help;
      text-decoration: underline dotted;
      text-underline-offset: 0.2em;
    }
  `,
})
export class StatComponent {
  private readonly lang = inject(LanguageService).lang;
  readonly value = input<number | null | undefined>(undefined);
  readonly format = input<StatFormat>('count');
  /** The suppression threshold of the report. */
  readonly k = input.required<number>();
  /** The figure's denominator is zero (nobody to count): a `null` means "none", not "hidden". */
  readonly empty = input(false);
  /** What a hidden count counts, said to screen readers and in the tooltip (coaches by default). */
  readonly hiddenKey = input<
    'observatory.suppression.hidden' | 'observatory.suppression.hiddenRounds' | 'observatory.impact.hidden'
  >('observatory.suppression.hidden');

  protected readonly kText = computed(() => formatNumber(this.k(), this.lang()));
  protected readonly state = computed<'value' | 'suppressed' | 'none'>(() => {
    const v = this.value();
    if (v === undefined || (v === null && this.empty())) return 'none';
    return v === null ? 'suppressed' : 'value';
  });
  /** The text of a value; for a suppressed count "< k"; `null` for other suppressed figures. */
  protected readonly text = computed<string | null>(() => {
    const v = this.value();
    const lang = this.lang();
    switch (this.format()) {
      case 'count':
        return formatCount(v, this.k(), lang);
      case 'rate':
        return formatRate(v, lang);
      case 'days':
        return formatDays(v, lang);
      case 'level':
        return formatLevel(v, lang);
      case 'gain':
        return formatGain(v, lang);
      case 'points':
        return formatPoints(v, lang);
      default:
        return v === null || v === undefined ? null : formatNumber(v, lang);
    }
  });
}
