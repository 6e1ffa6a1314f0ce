import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { CohortStore } from '../data-access/cohort.store';
import { CourseTitlePipe } from '../data-access/course-title.pipe';

/** After a move to a newer version: the modules added, removed and changed. */
@Component({
  selector: 'tc-upgrade-changes',
  imports: [MatButtonModule, TranslocoPipe, CourseTitlePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.lastUpgrade(); as u) {
      <section class="tc-changes" role="status" aria-labelledby="tc-changes-h">
        <h2 id="tc-changes-h">{{ 'cohorts.upgrade.done' | transloco: { from: u.from, to: u.to } }}</h2>
        @if (nothing()) {
          <p>{{ 'cohorts.upgrade.noChange' | transloco }}</p>
        }
        @for (group of groups; track group) {
          @if (u.changes[group].length) {
            <h3>{{ 'cohorts.upgrade.' + group | transloco: { count: u.changes[group].length } }}</h3>
            <ul>
              @for (m of u.changes[group]; track m.key) {
                <li>{{ m.title | courseTitle }}</li>
              }
            </ul>
          }
        }
        <p class="tc-note">{{ 'cohorts.upgrade.progressKept' | transloco }}</p>
        <button mat-button type="button" (click)="store.lastUpgrade.set(null)">
          {{ 'common.close' | transloco }}
        </button>
      </section>
    }
  `,
  styles: `
    .tc-changes {
      padding: 0.75rem 1rem;
      margin-block: 0.5rem 1rem;
      border-radius: 12px;
      border-inline-start: 4px solid var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-low);
    }
    h2 {
      font-size: 1.125rem;
      margin-block: 0 0.5rem;
    }
    h3 {
      font-size: 1rem;
      margin-block: 0.5rem 0.25rem;
    }
    ul {
      margin: 0;
    }
    .tc-note {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class UpgradeChangesComponent {
  protected readonly store = inject(CohortStore);
  protected readonly groups = ['added', 'removed', 'changed'] as const;
  protected readonly nothing = computed(() => {
    const c = this.store.lastUpgrade()?.changes;
    return !!c && !c.added.length && !c.removed.length && !c.changed.length;
  });
}
