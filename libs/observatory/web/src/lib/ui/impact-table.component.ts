import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ImpactCounts } from '@tc/shared/contracts';
import { StatComponent } from './stat.component';

/** One row of an impact table: its label, its counts, and where clicking it leads (a territory's own view). */
export interface ImpactLine {
  key: string;
  label: string;
  counts: ImpactCounts;
  /** Query parameters of the drill-down, or null where the row does not drill. */
  drill: Record<string, string> | null;
}

/** The impact measures, in the order the tables show them. */
export const IMPACT_MEASURES = ['organisations', 'visits', 'milestones', 'checked', 'medianGain'] as const;

/**
 * A table of impact counts by one dimension (territory, sector, kind, month, women-led), with an
 * optional total row; hidden cells as every observatory table shows them.
 */
@Component({
  selector: 'tc-impact-table',
  imports: [NgTemplateOutlet, RouterLink, TranslocoPipe, StatComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tc-table-scroll" tabindex="0" role="region" [attr.aria-label]="caption()">
      <table class="tc-table">
        <caption>
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="tc-label-col">{{ heading() }}</th>
            @for (m of measures; track m) {
              <th scope="col" class="tc-num">{{ 'observatory.impact.measures.' + m | transloco }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (line of lines(); track line.key) {
            <tr>
              <th scope="row" class="tc-label-col">
                @if (line.drill) {
                  <a [routerLink]="[]" [queryParams]="line.drill">{{ line.label }}</a>
                } @else {
                  {{ line.label }}
                }
              </th>
              <ng-container *ngTemplateOutlet="cells; context: { $implicit: line.counts }" />
            </tr>
          } @empty {
            <tr>
              <td [attr.colspan]="measures.length + 1" class="tc-empty">
                {{ 'observatory.table.noRows' | transloco }}
              </td>
            </tr>
          }
        </tbody>
        @if (total(); as t) {
          <tfoot>
            <tr>
              <th scope="row" class="tc-label-col">{{ 'observatory.table.total' | transloco }}</th>
              <ng-container *ngTemplateOutlet="cells; context: { $implicit: t }" />
            </tr>
          </tfoot>
        }
      </table>
    </div>
    <ng-template #cells let-c>
      <td class="tc-num">
        <tc-stat [value]="c.organisations" [k]="k()" hiddenKey="observatory.impact.hidden" />
      </td>
      <td class="tc-num"><tc-stat [value]="c.visits" [k]="k()" hiddenKey="observatory.impact.hidden" /></td>
      <td class="tc-num">
        <tc-stat [value]="c.milestones" [k]="k()" hiddenKey="observatory.impact.hidden" />
      </td>
      <td class="tc-num"><tc-stat [value]="c.checked" [k]="k()" hiddenKey="observatory.impact.hidden" /></td>
      <td class="tc-num">
        <tc-stat
          [value]="c.medianGain"
          format="points"
          [k]="k()"
          [empty]="c.checked === 0"
          hiddenKey="observatory.impact.hidden"
        />
      </td>
    </ng-template>
  `,
  styleUrl: './observatory-table.scss',
})
export class ImpactTableComponent {
  readonly lines = input.required<ImpactLine[]>();
  readonly caption = input.required<string>();
  /** The first column's heading (Territory, Sector…). */
  readonly heading = input.required<string>();
  readonly k = input.required<number>();
  readonly total = input<ImpactCounts | null>(null);
  protected readonly measures = IMPACT_MEASURES;
}
