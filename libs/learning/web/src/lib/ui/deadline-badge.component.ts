import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '@tc/shared/ui';
import { formatDay } from '../data-access/dates';
import type { DeadlineStatus } from '../data-access/deadlines';

/** "Due on 12 May" or, past the date, "Overdue — was due on 12 May" in red with a warning sign. */
@Component({
  selector: 'tc-deadline-badge',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span
      class="tc-deadline"
      [class.tc-overdue]="status() === 'overdue'"
      [class.tc-soon]="status() === 'soon'"
    >
      @if (status() === 'overdue') {
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
          <path d="M1 21h22L12 2 1 21zm12-3h-2v-2h2v2zm0-4h-2v-4h2v4z" fill="currentColor" />
        </svg>
        <strong>{{ 'learning.deadline.overdue' | transloco }}</strong>
        <span>{{
          (label() ? 'learning.deadline.wasDueFor' : 'learning.deadline.wasDue')
            | transloco: { date: day(), module: label() }
        }}</span>
      } @else {
        <span>{{
          (label() ? 'learning.deadline.dueFor' : 'learning.deadline.due')
            | transloco: { date: day(), module: label() }
        }}</span>
      }
    </span>
  `,
  styles: `
    .tc-deadline {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem;
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-overdue {
      color: #b3261e;
      padding-block: 0.125rem;
      padding-inline: 0.5rem;
      border-radius: 4px;
      background: #fdecea;
      border: 1px solid #b3261e;
    }
    .tc-soon {
      color: var(--mat-sys-on-surface);
    }
  `,
})
export class DeadlineBadgeComponent {
  private readonly lang = inject(LanguageService).lang;
  readonly dueOn = input.required<string>();
  readonly status = input.required<DeadlineStatus>();
  /** The module it belongs to, when not obvious from the place. */
  readonly label = input('');
  protected readonly day = computed(() => formatDay(this.dueOn(), this.lang()));
}
