import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '@tc/shared/ui';
import { formatNumber, formatTime } from '../data-access/dates';
import { ProgressSyncService } from '../data-access/progress-sync/progress-sync.service';

/**
 * What waits to be sent and when the server last had it: "Offline · 3 waiting to sync · last
 * synced at 10:42". A polite live region: screen readers hear it change without being interrupted.
 */
@Component({
  selector: 'tc-sync-status',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="tc-sync" [class.tc-off]="!sync.online()" role="status" aria-live="polite">
      <span class="tc-dot" aria-hidden="true"></span>
      @if (!sync.online()) {
        <span>{{ 'learning.offline.offline' | transloco }}</span>
      }
      @if (sync.pending()) {
        <span>{{ 'learning.offline.waiting' | transloco: { count: pendingText() } }}</span>
      } @else if (sync.online() && sync.counted()) {
        <span>{{ 'learning.offline.allSynced' | transloco }}</span>
      }
      @if (lastSynced(); as at) {
        <span>{{ 'learning.offline.lastSynced' | transloco: { time: at } }}</span>
      }
      @if (sync.failing() && sync.online()) {
        <span>{{ 'learning.offline.retrying' | transloco }}</span>
      }
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
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      margin: 0;
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-sync > span:not(.tc-dot) + span::before {
      content: '·' / '';
      margin-inline-end: 0.5rem;
    }
    .tc-dot {
      inline-size: 0.625rem;
      block-size: 0.625rem;
      border-radius: 50%;
      background: #146c2e;
      flex: none;
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
}
