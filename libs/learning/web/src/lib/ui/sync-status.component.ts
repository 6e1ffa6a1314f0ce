import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService, ProblemSummaryPipe } from '@tc/shared/ui';
import { formatNumber, formatTime } from '../data-access/dates';
import { ProgressSyncService } from '../data-access/progress-sync/progress-sync.service';

/**
 * What waits to be sent and when the server last had it: "Offline · 3 waiting to sync · last
 * synced at 10:42". A polite live region: screen readers hear it change without being interrupted.
 * The parts flow as one text; a separator (hidden from screen readers) only ever stands between two
 * parts, held to the part before it by a no-break space, so a line never starts with one.
 */
@Component({
  selector: 'tc-sync-status',
  imports: [TranslocoPipe, ProblemSummaryPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="tc-sync" [class.tc-off]="!sync.online()" role="status" aria-live="polite">
      <span class="tc-dot" aria-hidden="true"></span>
      <span class="tc-words">
        @for (part of parts(); track part.key; let first = $first) {
          @if (!first) {
            <span class="tc-sep" aria-hidden="true">&nbsp;·&#32;</span>
          }
          <span>{{ part.key | transloco: part.params }}</span>
        }
      </span>
    </p>
    @if (sync.rejections().length) {
      <details class="tc-rejected">
        <summary>{{ 'learning.offline.rejected' | transloco: { count: rejectedText() } }}</summary>
        <ul>
          @for (r of sync.rejections(); track r.id) {
            <li>
              {{ 'learning.offline.kind.' + r.kind | transloco }} · <bdi>{{ r.lessonKey }}</bdi> ·
              @if (r.code) {
                {{ 'learning.offline.reasons.' + r.code | transloco }}
              } @else if (r.problem) {
                <bdi>{{ r.problem | tcProblemSummary }}</bdi>
              } @else {
                <bdi>{{ r.reason }}</bdi>
              }
            </li>
          }
        </ul>
      </details>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-block: 0.5rem;
    }
    .tc-sync {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin: 0;
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-dot {
      inline-size: 0.625rem;
      block-size: 0.625rem;
      border-radius: 50%;
      background: #146c2e;
      flex: none;
    }
    .tc-words {
      min-inline-size: 0;
    }
    .tc-off .tc-dot {
      background: #8a5a00;
    }
    .tc-rejected {
      font-size: 0.875rem;
      color: #7a1b14;
    }
  `,
})
export class SyncStatusComponent {
  protected readonly sync = inject(ProgressSyncService);
  private readonly lang = inject(LanguageService).lang;

  protected readonly pendingText = computed(() => formatNumber(this.sync.pending(), this.lang()));
  protected readonly rejectedText = computed(() => formatNumber(this.sync.rejections().length, this.lang()));
  protected readonly lastSynced = computed(() => {
    const at = this.sync.lastSyncedAt();
    return at ? formatTime(at, this.lang()) : null;
  });
  /** The parts shown, in order: each a text key and its parameters. */
  protected readonly parts = computed(() => {
    const online = this.sync.online();
    const parts: { key: string; params?: Record<string, string> }[] = [];
    if (!online) parts.push({ key: 'learning.offline.offline' });
    if (this.sync.pending())
      parts.push({ key: 'learning.offline.waiting', params: { count: this.pendingText() } });
    else if (online && this.sync.counted()) parts.push({ key: 'learning.offline.allSynced' });
    const at = this.lastSynced();
    if (at) parts.push({ key: 'learning.offline.lastSynced', params: { time: at } });
    if (this.sync.failing() && online) parts.push({ key: 'learning.offline.retrying' });
    return parts;
  });
}
