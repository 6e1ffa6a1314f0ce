import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProblemDetails } from '@tc/shared/contracts';
import { ProblemMessageComponent, problemOf } from '@tc/shared/ui';
import { map, tap } from 'rxjs';
import { CohortStore } from '../data-access/cohort.store';

/**
 * Moves the cohort to a newer published version, after an explicit confirmation; then shows the
 * modules added, removed and changed. Progress is kept (it is keyed by lesson).
 */
@Component({
  selector: 'tc-version-upgrade',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslocoPipe,
    ProblemMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.cohort(); as c) {
      @if (c.newerVersions.length) {
        <p>{{ 'cohorts.upgrade.available' | transloco: { current: c.courseVersion } }}</p>
        @if (c.newerVersions.length > 1) {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'cohorts.upgrade.target' | transloco }}</mat-label>
            <mat-select [ngModel]="target()" (ngModelChange)="chosen.set($event)">
              @for (v of c.newerVersions; track v) {
                <mat-option [value]="v">{{ 'cohorts.version' | transloco: { number: v } }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        @if (confirming()) {
          <div class="tc-confirm" role="group" [attr.aria-label]="'cohorts.upgrade.confirmTitle' | transloco">
            <p>{{ 'cohorts.upgrade.confirmText' | transloco: { from: c.courseVersion, to: target() } }}</p>
            <div class="tc-actions">
              <button mat-flat-button type="button" [disabled]="store.busy()" (click)="upgrade()">
                {{ 'cohorts.upgrade.confirm' | transloco: { number: target() } }}
              </button>
              <button mat-button type="button" (click)="confirming.set(false)">
                {{ 'common.cancel' | transloco }}
              </button>
            </div>
          </div>
        } @else {
          <button mat-stroked-button type="button" (click)="confirming.set(true)">
            {{ 'cohorts.upgrade.open' | transloco: { number: target() } }}
          </button>
        }
      }
      <tc-problem-message [problem]="problem()" />
    }
  `,
  styles: `
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
export class VersionUpgradeComponent {
  protected readonly store = inject(CohortStore);
  protected readonly chosen = signal<number | null>(null);
  protected readonly confirming = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  /** The version chosen, else the newest. */
  protected readonly target = computed(() => {
    const newer = this.store.cohort()?.newerVersions ?? [];
    const c = this.chosen();
    return c !== null && newer.includes(c) ? c : Math.max(...newer);
  });

  protected upgrade(): void {
    const to = this.target();
    const from = this.store.cohort()?.courseVersion ?? 0;
    this.problem.set(null);
    this.store
      .run((c, id) =>
        c.upgrade(id, to).pipe(
          // The page shows the changes (this panel goes once no newer version is left).
          tap((r) => this.store.lastUpgrade.set({ from, to, changes: r.changes })),
          map((r) => r.cohort),
        ),
      )
      .subscribe({
        next: () => this.confirming.set(false),
        error: (e: unknown) => this.problem.set(problemOf(e)),
      });
  }
}
