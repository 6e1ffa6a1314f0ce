import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ProblemSummaryPipe, ProblemTextPipe } from '@tc/shared/ui';
import { FieldOutboxService } from '../offline/field-outbox.service';
import type { PendingWrite } from '../offline/field-writes';

/** Where the coach corrects a refused write: the form it came from, filled with what they wrote. */
export function fixLink(w: PendingWrite): { path: string[]; query: Record<string, string> } | null {
  const base = ['/field', 'organisations', w.organisationId];
  const query = { fix: w.writeId };
  switch (w.write.kind) {
    case 'save-organisation':
      return { path: [...base, 'edit'], query };
    case 'create-check':
      return { path: [...base, 'checks', 'new'], query };
    case 'save-visit':
      return { path: [...base, 'visits', w.write.body.id], query };
    case 'create-milestone':
      return { path: [...base, 'milestones', 'new'], query };
    default:
      return null;
  }
}

/**
 * The state of the coach's writes: how many wait to be sent, and each one the server refused, with
 * its reason in the page's language and what they can do (correct it, try again, discard it).
 * `organisationId`: only that organisation's writes.
 */
@Component({
  selector: 'tc-sync-status',
  imports: [MatButtonModule, RouterLink, TranslocoPipe, ProblemSummaryPipe, ProblemTextPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!online()) {
      <p class="tc-offline" role="status">{{ 'fieldwork.sync.offline' | transloco }}</p>
    }
    @if (waitingCount()) {
      <p class="tc-waiting" role="status">
        {{ 'fieldwork.sync.waiting' | transloco: { count: waitingCount() } }}
      </p>
    }
    @for (w of refused(); track w.writeId) {
      <div class="tc-refused" role="alert">
        <p>
          <strong>{{ 'fieldwork.sync.refused.' + w.write.kind | transloco }}</strong>
          @if (w.problem; as p) {
            — {{ p | tcProblemSummary }}
          }
        </p>
        @if (w.problem?.errors?.length) {
          <ul>
            @for (e of w.problem?.errors; track $index) {
              <li>{{ e | tcProblemText: e.field }}</li>
            }
          </ul>
        }
        <div class="tc-actions">
          @if (fix(w); as f) {
            <a mat-stroked-button [routerLink]="f.path" [queryParams]="f.query">{{
              'fieldwork.sync.fix' | transloco
            }}</a>
          }
          <button mat-button type="button" (click)="retry(w.writeId)">
            {{ 'fieldwork.sync.retry' | transloco }}
          </button>
          <button mat-button type="button" (click)="discard(w.writeId)">
            {{ 'fieldwork.sync.discard' | transloco }}
          </button>
        </div>
      </div>
    }
  `,
  styles: `
    .tc-offline,
    .tc-waiting {
      margin-block: 0.5rem;
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .tc-refused {
      margin-block: 0.5rem;
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
      border-inline-start: 4px solid var(--mat-sys-error);
      border-radius: 4px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .tc-refused p,
    .tc-refused ul {
      margin: 0;
    }
    .tc-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-block-start: 0.5rem;
    }
  `,
})
export class SyncStatusComponent {
  private readonly outbox = inject(FieldOutboxService);
  readonly organisationId = input<string | null>(null);
  protected readonly online = this.outbox.online;
  private readonly mine = computed(() => {
    const id = this.organisationId();
    return this.outbox.waiting().filter((w) => !id || w.organisationId === id);
  });
  protected readonly waitingCount = computed(() => this.mine().filter((w) => !w.problem).length);
  protected readonly refused = computed(() => this.mine().filter((w) => w.problem));
  protected readonly fix = fixLink;

  protected retry(writeId: string): void {
    void this.outbox.retry(writeId);
  }

  protected discard(writeId: string): void {
    void this.outbox.discard(writeId);
  }
}
