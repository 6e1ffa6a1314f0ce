import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '@tc/shared/ui';
import { formatNumber } from '../data-access/dates';

/** A progress bar with "n / total lessons" written beside it (the bar alone says nothing to all). */
@Component({
  selector: 'tc-progress-meter',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tc-meter">
      <progress
        [max]="total() || 1"
        [value]="done()"
        [attr.aria-label]="'learning.progress.label' | transloco: { name: name() }"
      ></progress>
      <span>{{ 'learning.progress.lessons' | transloco: { done: doneText(), total: totalText() } }}</span>
    </div>
  `,
  styles: `
    .tc-meter {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
    }
    progress {
      flex: 1 1 8rem;
      max-inline-size: 16rem;
      block-size: 0.75rem;
      accent-color: var(--mat-sys-primary);
    }
    span {
      font-size: 0.875rem;
      white-space: nowrap;
    }
  `,
})
export class ProgressMeterComponent {
  private readonly lang = inject(LanguageService).lang;
  readonly done = input.required<number>();
  readonly total = input.required<number>();
  /** What the progress is of (course title), for screen readers. */
  readonly name = input('');
  protected readonly doneText = computed(() => formatNumber(this.done(), this.lang()));
  protected readonly totalText = computed(() => formatNumber(this.total(), this.lang()));
}
