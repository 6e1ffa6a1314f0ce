import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * The observatory's two views as tabs of one navigation: training (completion, competences, field
 * practice) and impact in the field. The territory shown goes along to the other view.
 */
@Component({
  selector: 'tc-observatory-tabs',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="tc-tabs" [attr.aria-label]="'observatory.impact.tabs.label' | transloco">
      <a
        [routerLink]="current() === 'impact' ? '..' : '.'"
        [queryParams]="params()"
        [attr.aria-current]="current() === 'completion' ? 'page' : null"
        >{{ 'observatory.impact.tabs.completion' | transloco }}</a
      >
      <a
        [routerLink]="current() === 'impact' ? '.' : 'impact'"
        [queryParams]="params()"
        [attr.aria-current]="current() === 'impact' ? 'page' : null"
        >{{ 'observatory.impact.tabs.impact' | transloco }}</a
      >
    </nav>
  `,
  styles: `
    .tc-tabs {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
    }
    a {
      display: inline-flex;
      align-items: center;
      min-block-size: 44px;
      padding-inline: 1rem;
      color: var(--mat-sys-on-surface-variant);
      font-weight: 500;
      text-decoration: none;
      border-block-end: 3px solid transparent;
      margin-block-end: -1px;
    }
    a:hover {
      color: var(--mat-sys-primary);
    }
    a[aria-current='page'] {
      color: var(--mat-sys-primary);
      border-block-end-color: var(--mat-sys-primary);
      font-weight: 600;
    }
    a:focus-visible {
      outline: 3px solid var(--mat-sys-primary);
      outline-offset: -3px;
    }
  `,
})
export class ObservatoryTabsComponent {
  readonly current = input.required<'completion' | 'impact'>();
  /** The territory on screen, kept when moving to the other view. */
  readonly territoryId = input<string | null>(null);

  protected readonly params = computed(() => {
    const id = this.territoryId();
    return id ? { territoryId: id } : {};
  });
}
