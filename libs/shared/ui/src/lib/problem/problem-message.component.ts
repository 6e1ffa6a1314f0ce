import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProblemDetails } from '@tc/shared/contracts';
import { otherErrors } from './problem';

/**
 * Shows what went wrong: the problem's `detail` (or title), plus field errors that no form field
 * displays. Status 0 means the network failed.
 */
@Component({
  selector: 'tc-problem-message',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (problem(); as p) {
      <div class="tc-problem" role="alert">
        @if (p.status === 0) {
          <p>{{ 'common.errors.network' | transloco }}</p>
        } @else if (p.status >= 500) {
          <p>{{ 'common.errors.server' | transloco }}</p>
        } @else {
          <p>{{ p.detail || p.title }}</p>
        }
        @if (extra().length) {
          <ul>
            @for (e of extra(); track e.field) {
              <li>{{ e.field }}: {{ e.message }}</li>
            }
          </ul>
        }
      </div>
    }
  `,
  styles: `
    .tc-problem {
      border-inline-start: 4px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
      border-radius: 4px;
      margin-block: 0.5rem;
    }
    p,
    ul {
      margin: 0;
    }
  `,
})
export class ProblemMessageComponent {
  readonly problem = input<ProblemDetails | null>(null);
  /** Fields shown beside their input: their errors are not repeated here. */
  readonly fields = input<readonly string[]>([]);
  protected readonly extra = computed(() => otherErrors(this.problem(), this.fields()));
}
