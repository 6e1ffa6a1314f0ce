import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ProblemDetails } from '@tc/shared/contracts';
import { ProblemSummaryPipe, ProblemTextPipe } from './problem-text.pipe';
import { otherErrors } from './problem-texts';

/**
 * Shows what went wrong in the page's language: the problem's code as a sentence, plus the field
 * errors that no form field displays, each named by its field's label. Status 0 means the network
 * failed.
 */
@Component({
  selector: 'tc-problem-message',
  imports: [ProblemSummaryPipe, ProblemTextPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (problem(); as p) {
      <div class="tc-problem" role="alert">
        <p>{{ p | tcProblemSummary }}</p>
        @if (extra().length) {
          <ul>
            @for (e of extra(); track $index) {
              <li>{{ e | tcProblemText: e.field }}</li>
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
