import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ORGANISATION_KINDS,
  ORGANISATION_SECTORS,
  type OrganisationKind,
  type OrganisationSector,
  type ObservatoryScope,
} from '@tc/shared/contracts';
import { LocalizedNamePipe } from '@tc/shared/ui';
import { EMPTY_IMPACT_QUERY, type ImpactPageQuery } from '../data-access/impact.service';
import { isMonth } from '../data-access/query';

/**
 * The impact view's filters as native controls: the top territory (when the scope has several), the
 * first and last month, the sector, the kind of organisation and women's leadership. Each change
 * emits the next query; moving to another top territory keeps the other filters.
 */
@Component({
  selector: 'tc-impact-filter-bar',
  imports: [TranslocoPipe, LocalizedNamePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="tc-filters"
      [attr.aria-label]="'observatory.filters.title' | transloco"
      (submit)="$event.preventDefault()"
    >
      @if (scope().territories.length > 1) {
        <div class="tc-field">
          <label for="tc-impact-territory">{{ 'observatory.filters.territory' | transloco }}</label>
          <select id="tc-impact-territory" (change)="pickTerritory($event)">
            @for (t of scope().territories; track t.id) {
              <option [value]="t.id" [selected]="t.id === topId()">{{ t.name | localizedName }}</option>
            }
          </select>
        </div>
      }
      <div class="tc-field">
        <label for="tc-impact-from">{{ 'observatory.filters.from' | transloco }}</label>
        <input
          id="tc-impact-from"
          type="month"
          pattern="[0-9]{4}-[0-9]{2}"
          placeholder="2026-01"
          [value]="query().from ?? ''"
          [max]="query().to ?? ''"
          (change)="pickMonth('from', $event)"
        />
      </div>
      <div class="tc-field">
        <label for="tc-impact-to">{{ 'observatory.filters.to' | transloco }}</label>
        <input
          id="tc-impact-to"
          type="month"
          pattern="[0-9]{4}-[0-9]{2}"
          placeholder="2026-12"
          [value]="query().to ?? ''"
          [min]="query().from ?? ''"
          (change)="pickMonth('to', $event)"
        />
      </div>
      <div class="tc-field">
        <label for="tc-impact-sector">{{ 'observatory.impact.filters.sector' | transloco }}</label>
        <select id="tc-impact-sector" (change)="pickSector($event)">
          <option value="" [selected]="!query().sector">
            {{ 'observatory.impact.filters.allSectors' | transloco }}
          </option>
          @for (s of sectors; track s) {
            <option [value]="s" [selected]="s === query().sector">
              {{ 'observatory.impact.sectors.' + s | transloco }}
            </option>
          }
        </select>
      </div>
      <div class="tc-field">
        <label for="tc-impact-kind">{{ 'observatory.impact.filters.kind' | transloco }}</label>
        <select id="tc-impact-kind" (change)="pickKind($event)">
          <option value="" [selected]="!query().kind">
            {{ 'observatory.impact.filters.allKinds' | transloco }}
          </option>
          @for (k of kinds; track k) {
            <option [value]="k" [selected]="k === query().kind">
              {{ 'observatory.impact.kinds.' + k | transloco }}
            </option>
          }
        </select>
      </div>
      <div class="tc-field">
        <label for="tc-impact-women">{{ 'observatory.impact.filters.womenLed' | transloco }}</label>
        <select id="tc-impact-women" (change)="pickWomenLed($event)">
          <option value="" [selected]="query().womenLed === null">
            {{ 'observatory.impact.filters.allLeaderships' | transloco }}
          </option>
          <option value="true" [selected]="query().womenLed === true">
            {{ 'observatory.impact.womenLed.true' | transloco }}
          </option>
          <option value="false" [selected]="query().womenLed === false">
            {{ 'observatory.impact.womenLed.false' | transloco }}
          </option>
        </select>
      </div>
      <!-- aria-disabled, not disabled: the button keeps the focus once it has cleared the filters. -->
      <button type="button" class="tc-reset" [attr.aria-disabled]="!filtered()" (click)="reset()">
        {{ 'observatory.filters.reset' | transloco }}
      </button>
    </form>
  `,
  styleUrl: '../ui/filter-bar.component.scss',
})
export class ImpactFilterBarComponent {
  readonly scope = input.required<ObservatoryScope>();
  readonly query = input.required<ImpactPageQuery>();
  /** The top territory of the scope the view is in. */
  readonly topId = input<string | null>(null);
  readonly changed = output<ImpactPageQuery>();

  protected readonly sectors = ORGANISATION_SECTORS;
  protected readonly kinds = ORGANISATION_KINDS;
  protected readonly filtered = computed(() => {
    const q = this.query();
    return !!(q.from || q.to || q.sector || q.kind || q.womenLed !== null);
  });

  protected pickTerritory(event: Event): void {
    const id = (event.target as HTMLSelectElement).value;
    if (this.scope().territories.some((t) => t.id === id))
      this.changed.emit({ ...this.query(), territoryId: id });
  }

  protected pickMonth(key: 'from' | 'to', event: Event): void {
    const value = (event.target as HTMLInputElement).value.trim();
    if (value && !isMonth(value)) return;
    const next: ImpactPageQuery = { ...this.query(), [key]: value || null };
    // Keep the month just chosen and move the other one to it.
    if (next.from && next.to && next.from > next.to) {
      if (key === 'from') next.to = next.from;
      else next.from = next.to;
    }
    this.changed.emit(next);
  }

  protected pickSector(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const sector = (ORGANISATION_SECTORS as readonly string[]).includes(value)
      ? (value as OrganisationSector)
      : null;
    this.changed.emit({ ...this.query(), sector });
  }

  protected pickKind(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const kind = (ORGANISATION_KINDS as readonly string[]).includes(value)
      ? (value as OrganisationKind)
      : null;
    this.changed.emit({ ...this.query(), kind });
  }

  protected pickWomenLed(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.changed.emit({
      ...this.query(),
      womenLed: value === 'true' ? true : value === 'false' ? false : null,
    });
  }

  protected reset(): void {
    if (!this.filtered()) return;
    this.changed.emit({ ...EMPTY_IMPACT_QUERY, territoryId: this.query().territoryId });
  }
}
