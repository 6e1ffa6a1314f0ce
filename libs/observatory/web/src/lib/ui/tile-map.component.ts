import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CompletionReport } from '@tc/shared/contracts';
import { LanguageService, textIn } from '@tc/shared/ui';
import { formatNumber, formatRate } from '../data-access/format';
import { isDirectRow } from '../data-access/labels';
import { type ObservatoryQuery, paramsFromQuery, withTerritory } from '../data-access/query';
import { TILE_SCALE, type TileShade, tileShade } from '../data-access/tile-scale';
import { StatComponent } from './stat.component';

interface Tile {
  id: string;
  name: string;
  shade: TileShade;
  background: string | null;
  ink: string | null;
  rate: number | null | undefined;
  enrolled: number | null | undefined;
  drill: Record<string, string>;
}

/**
 * The child territories as a grid of tiles (no geodata), each coloured by its completion rate and
 * linking to its drill-down; suppressed rates are hatched. The legend explains the classes.
 *
 * Titled "at a glance", not "map": no public-domain boundaries of Morocco's twelve regions of 2015 were
 * found (Natural Earth's admin-1 still has the sixteen regions before 2015; the twelve-region sets are
 * OpenStreetMap extracts under the ODbL), so nothing here pretends to be a map.
 */
@Component({
  selector: 'tc-tile-map',
  imports: [RouterLink, TranslocoPipe, StatComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="tc-tiles">
      @for (tile of tiles(); track tile.id) {
        <li>
          <a
            class="tc-tile"
            [class.tc-tile-suppressed]="tile.shade.kind === 'suppressed'"
            [class.tc-tile-none]="tile.shade.kind === 'none'"
            [style.background-color]="tile.background"
            [style.color]="tile.ink"
            [routerLink]="[]"
            [queryParams]="tile.drill"
          >
            <span class="tc-tile-name">{{ tile.name }}</span>
            <span class="tc-tile-rate">
              <span class="tc-visually-hidden">{{ 'observatory.measures.completionRate' | transloco }} </span>
              <tc-stat [value]="tile.rate" format="rate" [k]="k()" [empty]="tile.enrolled === 0" />
            </span>
            <span class="tc-tile-count">
              {{ 'observatory.measures.enrolled' | transloco }}
              <tc-stat [value]="tile.enrolled" [k]="k()" />
            </span>
          </a>
        </li>
      }
    </ul>
    <div class="tc-legend">
      <span class="tc-legend-title" id="tc-tile-legend">{{
        'observatory.measures.completionRate' | transloco
      }}</span>
      <ul aria-labelledby="tc-tile-legend">
        @for (c of legend(); track c.label) {
          <li>
            <span class="tc-swatch" [style.background-color]="c.background" aria-hidden="true"></span>
            <span dir="ltr" class="tc-range">{{ c.label }}</span>
          </li>
        }
        <li>
          <span class="tc-swatch tc-tile-suppressed" aria-hidden="true"></span>
          {{ 'observatory.tiles.suppressed' | transloco: { k: kText() } }}
        </li>
        <li>
          <span class="tc-swatch tc-tile-none" aria-hidden="true"></span>
          {{ 'observatory.tiles.none' | transloco }}
        </li>
      </ul>
    </div>
  `,
  styleUrl: './tile-map.component.scss',
})
export class TileMapComponent {
  private readonly lang = inject(LanguageService).lang;
  /** A report grouped by territory. */
  readonly report = input.required<CompletionReport>();
  readonly query = input.required<ObservatoryQuery>();

  protected readonly k = computed(() => this.report().k);
  protected readonly kText = computed(() => formatNumber(this.k(), this.lang()));

  protected readonly tiles = computed<Tile[]>(() => {
    const lang = this.lang();
    const query = this.query();
    return this.report()
      .rows.filter((r) => !isDirectRow(r))
      .map((r) => {
        const shade = tileShade(r.completionRate, r.enrolled);
        const scale = shade.kind === 'rate' ? TILE_SCALE[shade.index] : null;
        return {
          id: r.key,
          name: textIn(r.label, lang) || r.key,
          shade,
          background: scale?.background ?? null,
          ink: scale?.ink ?? null,
          rate: r.completionRate,
          enrolled: r.enrolled,
          drill: paramsFromQuery(withTerritory(query, { id: r.key, drillable: r.drillable ?? false })),
        };
      });
  });

  /** "0 %–20 %"… in the interface language (the range itself reads left to right). */
  protected readonly legend = computed(() => {
    const lang = this.lang();
    return TILE_SCALE.map((c) => ({
      background: c.background,
      label: `${formatRate(c.from, lang)}–${formatRate(c.to, lang)}`,
    }));
  });
}
