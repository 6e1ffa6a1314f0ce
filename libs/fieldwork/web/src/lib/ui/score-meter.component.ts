import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { scoreBand } from './maturity-score';

/**
 * A maturity score out of 100: the figure and a bar, coloured by band; "no check yet" without one.
 * A meter to assistive technology, named by `label` (a translation key).
 */
@Component({
  selector: 'tc-score-meter',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (score() === null) {
      <span class="tc-none">{{ 'fieldwork.score.none' | transloco }}</span>
    } @else {
      <span
        class="tc-meter"
        role="meter"
        aria-valuemin="0"
        aria-valuemax="100"
        [attr.aria-valuenow]="score()"
        [attr.aria-label]="label() | transloco"
        [attr.data-band]="band()"
      >
        <span class="tc-figure" dir="ltr">{{ 'fieldwork.score.outOf' | transloco: { score: score() } }}</span>
        <span class="tc-bar" aria-hidden="true"
          ><span class="tc-fill" [style.inline-size.%]="score()"></span
        ></span>
      </span>
    }
  `,
  styles: `
    :host {
      display: inline-block;
      min-inline-size: 7rem;
    }
    .tc-none {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
    .tc-meter {
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
    }
    .tc-figure {
      font-weight: 600;
    }
    .tc-bar {
      display: block;
      block-size: 6px;
      border-radius: 3px;
      background: var(--mat-sys-surface-container-highest);
      overflow: hidden;
    }
    .tc-fill {
      display: block;
      block-size: 100%;
      background: var(--mat-sys-primary);
    }
    [data-band='starting'] .tc-fill {
      background: var(--mat-sys-error);
    }
    [data-band='growing'] .tc-fill {
      background: var(--mat-sys-tertiary);
    }
  `,
})
export class ScoreMeterComponent {
  readonly score = input<number | null>(null);
  readonly label = input('fieldwork.score.overall');
  protected readonly band = computed(() => scoreBand(this.score() ?? 0));
}
