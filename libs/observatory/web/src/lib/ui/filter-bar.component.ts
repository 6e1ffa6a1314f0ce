import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  OBSERVATORY_GROUPS,
  type ObservatoryGroupBy,
  type ObservatoryScope,
  type ObservatoryTerritory,
} from '@tc/shared/contracts';
import { LanguageService, LocalizedNamePipe, textIn } from '@tc/shared/ui';
import {
  EMPTY_QUERY,
  type ObservatoryQuery,
  isGroupBy,
  isMonth,
  withFilter,
  withTerritory,
} from '../data-access/query';

/**
 * The dashboard's filters as native controls: the top territory (when the scope has several), the
 * grouping, the course, the first and last month. Each change emits the next query.
 */
@Component({
  selector: 'tc-filter-bar',
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
          <label for="tc-obs-territory">{{ 'observatory.filters.territory' | transloco }}</label>
          <select id="tc-obs-territory" (change)="pickTerritory($event)">
            @for (t of scope().territories; track t.id) {
              <option [value]="t.id" [selected]="t.id === topId()">{{ t.name | localizedName }}</option>
            }
          </select>
        </div>
      }
      <div class="tc-field">
        <label for="tc-obs-groupby">{{ 'observatory.filters.groupBy' | transloco }}</label>
        <select id="tc-obs-groupby" (change)="pickGroupBy($event)" aria-describedby="tc-groupby-hint">
          @for (g of groups; track g) {
            <option [value]="g" [selected]="g === groupBy()" [disabled]="unavailable(g)">
              {{ 'observatory.groupBy.' + g | transloco }}
            </option>
          }
        </select>
      </div>
      <div class="tc-field">
        <label for="tc-obs-course">{{ 'observatory.filters.course' | transloco }}</label>
        <select id="tc-obs-course" (change)="pick('courseId', $event)">
          <option value="" [selected]="!query().courseId">
            {{ 'observatory.filters.allCourses' | transloco }}
          </option>
          @for (c of courses(); track c.id) {
            <option [value]="c.id" [selected]="c.id === query().courseId">{{ c.title }}</option>
          }
        </select>
      </div>
      <div class="tc-field">
        <label for="tc-obs-from">{{ 'observatory.filters.from' | transloco }}</label>
        <input
          id="tc-obs-from"
          type="month"
          pattern="[0-9]{4}-[0-9]{2}"
          placeholder="2026-01"
          [value]="query().from ?? ''"
          [max]="query().to ?? ''"
          (change)="pickMonth('from', $event)"
        />
      </div>
      <div class="tc-field">
        <label for="tc-obs-to">{{ 'observatory.filters.to' | transloco }}</label>
        <input
          id="tc-obs-to"
          type="month"
          pattern="[0-9]{4}-[0-9]{2}"
          placeholder="2026-12"
          [value]="query().to ?? ''"
          [min]="query().from ?? ''"
          (change)="pickMonth('to', $event)"
        />
      </div>
      <!-- aria-disabled, not disabled: the button keeps the focus once it has cleared the filters. -->
      <button type="button" class="tc-reset" [attr.aria-disabled]="!filtered()" (click)="reset()">
        {{ 'observatory.filters.reset' | transloco }}
      </button>
      @if (!query().courseId) {
        <p id="tc-groupby-hint" class="tc-hint">{{ 'observatory.filters.moduleNeedsCourse' | transloco }}</p>
      }
    </form>
  `,
  styleUrl: './filter-bar.component.scss',
})
export class FilterBarComponent {
  private readonly lang = inject(LanguageService).lang;
  readonly scope = input.required<ObservatoryScope>();
  readonly query = input.required<ObservatoryQuery>();
  /** The grouping on screen (the natural one when none is chosen). */
  readonly groupBy = input.required<ObservatoryGroupBy>();
  /** The top territory of the scope the view is in. */
  readonly topId = input<string | null>(null);
  /** Whether the territory shown has children: territories while it has, cohorts at a leaf only. */
  readonly drillable = input(true);
  readonly changed = output<ObservatoryQuery>();

  protected readonly groups = OBSERVATORY_GROUPS;
  protected readonly courses = computed(() => {
    const lang = this.lang();
    return this.scope()
      .courses.map((c) => ({ id: c.id, title: textIn(c.title, lang) }))
      .sort((a, b) => a.title.localeCompare(b.title, lang));
  });
  protected readonly filtered = computed(() => {
    const q = this.query();
    return !!(q.from || q.to || q.courseId || q.groupBy);
  });

  /** Lessons need a course; the structural grouping is the children's, or the cohorts' at a leaf. */
  protected unavailable(g: ObservatoryGroupBy): boolean {
    if (g === 'module') return !this.query().courseId;
    if (g === 'cohort') return this.drillable();
    if (g === 'territory') return !this.drillable();
    return false;
  }

  protected pickTerritory(event: Event): void {
    const id = (event.target as HTMLSelectElement).value;
    const t: ObservatoryTerritory | undefined = this.scope().territories.find((x) => x.id === id);
    if (t) this.changed.emit(withTerritory(this.query(), t));
  }

  protected pickGroupBy(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isGroupBy(value)) this.changed.emit(withFilter(this.query(), 'groupBy', value));
  }

  protected pick(key: 'courseId', event: Event): void {
    this.changed.emit(withFilter(this.query(), key, (event.target as HTMLSelectElement).value || null));
  }

  protected pickMonth(key: 'from' | 'to', event: Event): void {
    const value = (event.target as HTMLInputElement).value.trim();
    if (value && !isMonth(value)) return;
    this.changed.emit(withFilter(this.query(), key, value || null));
  }

  protected reset(): void {
    if (!this.filtered()) return;
    const q = this.query();
    this.changed.emit({ ...EMPTY_QUERY, territoryId: q.territoryId });
  }
}
