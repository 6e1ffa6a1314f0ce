import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { LessonState } from '@tc/shared/contracts';

/** A lesson's state as shown: quizzes are passed, or failed after an attempt. */
export type ShownState = LessonState | 'passed' | 'failed';

/** A state drawn as an icon; decorative, the state is always written beside it. */
@Component({
  selector: 'tc-lesson-state-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24" [class]="'tc-' + state()">
      @switch (state()) {
        @case ('completed') {
          <circle cx="12" cy="12" r="10" fill="currentColor" />
          <path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="#fff" stroke-width="2.4" />
        }
        @case ('passed') {
          <circle cx="12" cy="12" r="10" fill="currentColor" />
          <path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="#fff" stroke-width="2.4" />
        }
        @case ('started') {
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor" />
        }
        @case ('failed') {
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M12 7v6M12 16v1.5" stroke="currentColor" stroke-width="2.4" />
        }
        @default {
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
        }
      }
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
    }
    svg {
      color: var(--mat-sys-outline);
    }
    .tc-completed,
    .tc-passed {
      color: #146c2e;
    }
    .tc-started {
      color: var(--mat-sys-primary);
    }
    .tc-failed {
      color: #b3261e;
    }
  `,
})
export class LessonStateIconComponent {
  readonly state = input.required<ShownState>();
}
