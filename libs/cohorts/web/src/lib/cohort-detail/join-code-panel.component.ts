import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { CohortStore } from '../data-access/cohort.store';

type Pending = 'regenerate' | 'off' | null;

/** The code coaches type to join: shown, copied, regenerated (old one stops working), off and on. */
@Component({
  selector: 'tc-join-code-panel',
  imports: [MatButtonModule, TranslocoPipe, ProblemMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.cohort(); as c) {
      @if (c.joinCode; as code) {
        <p class="tc-explain">{{ 'cohorts.joinCode.explain' | transloco }}</p>
        <p class="tc-code-row">
          <output class="tc-code" dir="ltr" [attr.aria-label]="'cohorts.joinCode.label' | transloco">{{
            code
          }}</output>
          <button mat-stroked-button type="button" (click)="copy(code)">
            {{ (copied() ? 'cohorts.joinCode.copied' : 'cohorts.joinCode.copy') | transloco }}
          </button>
        </p>
        @if (c.status === 'closed') {
          <p>{{ 'cohorts.joinCode.closed' | transloco }}</p>
        }
        @if (pending(); as p) {
          <div
            class="tc-confirm"
            role="group"
            [attr.aria-label]="'cohorts.joinCode.confirmTitle' | transloco"
          >
            <p>{{ 'cohorts.joinCode.confirm.' + p | transloco }}</p>
            <div class="tc-actions">
              <button
                mat-flat-button
                type="button"
                [disabled]="store.busy()"
                (click)="set(p === 'regenerate')"
              >
                {{ 'cohorts.joinCode.' + p | transloco }}
              </button>
              <button mat-button type="button" (click)="pending.set(null)">
                {{ 'common.cancel' | transloco }}
              </button>
            </div>
          </div>
        } @else {
          <div class="tc-actions">
            <button mat-button type="button" (click)="pending.set('regenerate')">
              {{ 'cohorts.joinCode.regenerate' | transloco }}
            </button>
            <button mat-button type="button" (click)="pending.set('off')">
              {{ 'cohorts.joinCode.off' | transloco }}
            </button>
          </div>
        }
      } @else {
        <p>{{ 'cohorts.joinCode.none' | transloco }}</p>
        <button mat-stroked-button type="button" [disabled]="store.busy()" (click)="set(true)">
          {{ 'cohorts.joinCode.on' | transloco }}
        </button>
      }
      <tc-problem-message [problem]="problem()" />
    }
  `,
  styles: `
    .tc-explain {
      margin-block: 0 0.5rem;
    }
    .tc-code-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
      margin-block: 0.5rem;
    }
    .tc-code {
      font-family: ui-monospace, 'Cascadia Mono', Menlo, Consolas, monospace;
      font-size: 1.5rem;
      letter-spacing: 0.15em;
      padding-block: 0.25rem;
      padding-inline: 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
      user-select: all;
    }
    .tc-confirm {
      padding: 0.75rem;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline);
    }
    .tc-confirm p {
      margin-block: 0 0.5rem;
    }
  `,
})
export class JoinCodePanelComponent {
  protected readonly store = inject(CohortStore);
  private readonly clipboard = inject(Clipboard);
  protected readonly pending = signal<Pending>(null);
  protected readonly copied = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);

  protected copy(code: string): void {
    this.copied.set(this.clipboard.copy(code));
  }

  /** true: a new code (also switches joining on); false: joining by code off. */
  protected set(on: boolean): void {
    this.problem.set(null);
    this.store
      .run((c, id) => c.update(id, { joinCode: on }))
      .subscribe({
        next: () => {
          this.pending.set(null);
          this.copied.set(false);
        },
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }
}
