import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ChangedLesson, LocalizedText, VersionChange } from '@tc/shared/contracts';
import { CourseTitlePipe } from '../data-access/course-title.pipe';

type Group =
  | { kind: 'modules'; key: 'added' | 'removed'; items: { key: string; title: LocalizedText }[] }
  | { kind: 'lessons'; key: 'added' | 'removed' | 'changed'; items: ChangedLesson[] };

/**
 * What a move to another version changes, counted in what it is: whole modules added and removed, and
 * lessons added, removed and changed (each with the module it sits in). Shown before the move is
 * confirmed and in the report after it.
 */
@Component({
  selector: 'tc-upgrade-changes',
  imports: [TranslocoPipe, CourseTitlePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!groups().length) {
      <p>{{ 'cohorts.upgrade.noChange' | transloco }}</p>
    }
    @for (g of groups(); track g.kind + g.key) {
      <h4>{{ 'cohorts.upgrade.' + g.kind + '.' + g.key | transloco: { count: g.items.length } }}</h4>
      <ul>
        @if (g.kind === 'lessons') {
          @for (l of g.items; track l.key) {
            <li>
              <bdi>{{ l.title | courseTitle }}</bdi>
              <span class="tc-module">
                {{ 'cohorts.upgrade.inModule' | transloco }} <bdi>{{ l.moduleTitle | courseTitle }}</bdi>
              </span>
            </li>
          }
        } @else {
          @for (m of g.items; track m.key) {
            <li>
              <bdi>{{ m.title | courseTitle }}</bdi>
            </li>
          }
        }
      </ul>
    }
  `,
  styles: `
    h4 {
      font-size: 1rem;
      margin-block: 0.5rem 0.25rem;
    }
    ul {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .tc-module {
      display: block;
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class UpgradeChangesComponent {
  readonly changes = input.required<VersionChange>();

  /** The non-empty groups, modules before their lessons. */
  protected readonly groups = computed((): Group[] => {
    const c = this.changes();
    const all: Group[] = [
      { kind: 'modules', key: 'added', items: c.modulesAdded },
      { kind: 'lessons', key: 'added', items: c.added },
      { kind: 'modules', key: 'removed', items: c.modulesRemoved },
      { kind: 'lessons', key: 'removed', items: c.removed },
      { kind: 'lessons', key: 'changed', items: c.changed },
    ];
    return all.filter((g) => g.items.length > 0);
  });
}
