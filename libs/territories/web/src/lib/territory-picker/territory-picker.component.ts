import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  forwardRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type ControlValueAccessor,
  FormControl,
  NG_VALUE_ACCESSOR,
  ReactiveFormsModule,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Territory, TerritoryDetail } from '@tc/shared/contracts';
import { LanguageService, LocalizedNamePipe } from '@tc/shared/ui';
import {
  type Observable,
  catchError,
  debounceTime,
  distinctUntilChanged,
  forkJoin,
  map,
  of,
  Subject,
  switchMap,
} from 'rxjs';
import { TerritoriesService } from '../data-access/territories.service';

interface PickerLevel {
  options: Territory[];
  selected: string | null;
}

/** How many characters a search needs (the API's minimum). */
export const TERRITORY_SEARCH_MIN = 2;

/**
 * Territory choice: search by name (or code) in any language, or drill down (one select per level,
 * the next level appears once a territory with children is chosen). The drill-down starts at `scope`
 * (the territories the person's role covers) rather than at the top of the tree, and the search stays
 * inside it. Its value is the chosen (deepest) id.
 */
@Component({
  selector: 'tc-territory-picker',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    LocalizedNamePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => TerritoryPickerComponent), multi: true },
  ],
  template: `
    <fieldset class="tc-picker" [disabled]="disabled()">
      <legend>{{ label() | transloco }}</legend>
      @if (hint()) {
        <p class="tc-hint">{{ hint() | transloco }}</p>
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'territories.picker.search' | transloco }}</mat-label>
        <input
          matInput
          type="search"
          autocomplete="off"
          [formControl]="query"
          [matAutocomplete]="found"
          (blur)="touched()"
        />
        <mat-autocomplete #found="matAutocomplete" (optionSelected)="pick($event.option.value)">
          @for (m of matches(); track m.id) {
            <mat-option [value]="m">
              <span class="tc-match">
                <bdi class="tc-match-name">{{ m.name | localizedName }}</bdi>
                <span class="tc-match-trail">
                  {{ 'territories.level.' + m.level | transloco }}
                  @if (m.code) {
                    · <bdi dir="ltr">{{ m.code }}</bdi>
                  }
                  @if (trail(m); as t) {
                    · <bdi>{{ t }}</bdi>
                  }
                </span>
              </span>
            </mat-option>
          }
        </mat-autocomplete>
        @if (noMatch()) {
          <mat-hint>{{ 'territories.picker.noMatch' | transloco }}</mat-hint>
        }
      </mat-form-field>
      @for (level of levels(); track $index; let i = $index) {
        @if (level.options.length) {
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'territories.level.' + level.options[0].level | transloco }}</mat-label>
            <mat-select
              [value]="level.selected"
              [disabled]="disabled()"
              (selectionChange)="choose(i, $event.value)"
              (closed)="touched()"
            >
              <mat-option [value]="null">{{ 'territories.picker.none' | transloco }}</mat-option>
              @for (t of level.options; track t.id) {
                <mat-option [value]="t.id">
                  {{ t.name | localizedName }}
                  @if (t.code) {
                    ({{ t.code }})
                  }
                </mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
      }
    </fieldset>
  `,
  styles: `
    /* A block with the room under it a form field keeps for its hint, so the next field never touches it. */
    :host {
      display: block;
      margin-block-end: 1.25rem;
    }
    .tc-picker {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding-inline: 0.75rem;
      padding-block: 0.25rem 0.75rem;
      margin: 0;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      min-inline-size: 0;
    }
    legend {
      padding-inline: 0.25rem;
    }
    .tc-hint {
      margin: 0;
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tc-match {
      display: flex;
      flex-direction: column;
      line-height: 1.3;
      padding-block: 0.25rem;
    }
    .tc-match-trail {
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class TerritoryPickerComponent implements ControlValueAccessor {
  private readonly territories = inject(TerritoriesService);
  private readonly lang = inject(LanguageService).lang;
  /** Translation key of the legend. */
  readonly label = input('territories.picker.label');
  /** Translation key of an explanation under the legend. */
  readonly hint = input<string | null>(null);
  /** A territory that may not be chosen (nor anything under it): moving a territory. */
  readonly exclude = input<string | null>(null);
  /**
   * The territories the choice stays within (an admin's or a trainer's role territories): the
   * drill-down starts at them and the search finds nothing outside. Null or empty: the whole tree.
   */
  readonly scope = input<readonly string[] | null>(null);

  protected readonly levels = signal<PickerLevel[]>([]);
  protected readonly disabled = signal(false);
  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly matches = signal<TerritoryDetail[]>([]);
  protected readonly noMatch = signal(false);

  private readonly requests = new Subject<Observable<PickerLevel[]>>();
  private onChange: (value: string | null) => void = () => undefined;
  private onTouched: () => void = () => undefined;

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.requests
      .pipe(
        switchMap((levels$) => levels$),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((levels) => this.levels.set(levels));
    this.query.valueChanges
      .pipe(
        // An option chosen puts the territory itself in the input for a moment: not a search.
        map((q) => (typeof q === 'string' ? q.trim() : '')),
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) =>
          q.length < TERRITORY_SEARCH_MIN
            ? of(null)
            : this.territories.search({ q, ...this.within() }).pipe(
                map((found) => found.filter((t) => this.inScope(t) && !this.excluded(t))),
                catchError(() => of([])),
              ),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((found) => {
        this.matches.set(found ?? []);
        this.noMatch.set(found !== null && found.length === 0);
      });
  }

  writeValue(value: string | null | undefined): void {
    this.requests.next(value ? this.pathTo(value) : this.start());
  }

  registerOnChange(fn: (value: string | null) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
    if (disabled) this.query.disable({ emitEvent: false });
    else this.query.enable({ emitEvent: false });
  }

  protected touched(): void {
    this.onTouched();
  }

  /** Its ancestors, nearest first, without the top of the tree: "L'Oriental · Maroc". */
  protected trail(t: TerritoryDetail): string {
    const lang = this.lang();
    return [...t.ancestors]
      .reverse()
      .filter((a) => a.parentId !== null)
      .map((a) => a.name[lang] || a.name.fr)
      .join(' · ');
  }

  /** A search result chosen: it becomes the value, and the selects show the way down to it. */
  protected pick(t: TerritoryDetail): void {
    this.query.setValue('', { emitEvent: false });
    this.matches.set([]);
    this.noMatch.set(false);
    this.onChange(t.id);
    this.onTouched();
    this.requests.next(this.pathTo(t.id));
  }

  protected choose(index: number, id: string | null): void {
    const kept = this.levels()
      .slice(0, index + 1)
      .map((level, i) => (i === index ? { ...level, selected: id } : level));
    const chosen = id ? kept[index].options.find((t) => t.id === id) : undefined;
    this.onChange(this.deepest(kept));
    this.requests.next(
      chosen && chosen.childCount > 0
        ? this.children(chosen.id).pipe(map((options) => [...kept, { options, selected: null }]))
        : of(kept),
    );
  }

  private deepest(levels: PickerLevel[]): string | null {
    let value: string | null = null;
    for (const level of levels) {
      if (!level.selected) break;
      value = level.selected;
    }
    return value;
  }

  private scopeIds(): string[] {
    return [...(this.scope() ?? [])];
  }

  /** The search's subtree when there is one scope territory; with several, results are filtered here. */
  private within(): { within?: string } {
    const ids = this.scopeIds();
    return ids.length === 1 ? { within: ids[0] } : {};
  }

  private inScope(t: TerritoryDetail): boolean {
    const ids = this.scopeIds();
    return !ids.length || [t.id, ...t.ancestors.map((a) => a.id)].some((id) => ids.includes(id));
  }

  private excluded(t: TerritoryDetail): boolean {
    const excluded = this.exclude();
    return !!excluded && [t.id, ...t.ancestors.map((a) => a.id)].includes(excluded);
  }

  private children(parentId: string): Observable<Territory[]> {
    return this.territories.children(parentId).pipe(map((list) => this.allowed(list)));
  }

  private allowed(list: Territory[]): Territory[] {
    const excluded = this.exclude();
    return excluded ? list.filter((t) => t.id !== excluded) : list;
  }

  /** The first select: the scope's territories, or the roots of the tree. */
  private firstOptions(): Observable<Territory[]> {
    const ids = this.scopeIds();
    return (ids.length ? forkJoin(ids.map((id) => this.territories.get(id))) : this.territories.roots()).pipe(
      map((list) => this.allowed(list)),
    );
  }

  private start(): Observable<PickerLevel[]> {
    return this.firstOptions().pipe(map((options) => [{ options, selected: null }]));
  }

  /** The select of every level from the scope (or the top) down to `id`, each showing its choice. */
  private pathTo(id: string): Observable<PickerLevel[]> {
    return this.territories.get(id).pipe(
      switchMap((detail) => {
        const full: Territory[] = [...detail.ancestors, detail];
        const ids = this.scopeIds();
        // From the scope territory on the way down, when the value lies in the scope.
        const from = ids.length ? full.findIndex((t) => ids.includes(t.id)) : 0;
        const path = from >= 0 ? full.slice(from) : full;
        const first =
          from >= 0 ? this.firstOptions() : this.territories.roots().pipe(map((r) => this.allowed(r)));
        const lists: Observable<Territory[]>[] = [
          first,
          ...path.slice(0, -1).map((t) => this.children(t.id)),
        ];
        if (detail.childCount > 0) lists.push(this.children(detail.id));
        return forkJoin(lists).pipe(
          map((options) => options.map((opts, i) => ({ options: opts, selected: path[i]?.id ?? null }))),
        );
      }),
    );
  }
}
