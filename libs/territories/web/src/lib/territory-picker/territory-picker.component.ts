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
import { type ControlValueAccessor, NG_VALUE_ACCESSOR } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Territory } from '@tc/shared/contracts';
import { LocalizedNamePipe } from '@tc/shared/ui';
import { type Observable, forkJoin, of, switchMap, map, Subject } from 'rxjs';
import { TerritoriesService } from '../data-access/territories.service';

interface PickerLevel {
  options: Territory[];
  selected: string | null;
}

/**
 * Drill-down territory choice (country › region › province…): one select per level, the next
 * level appears once a territory with children is chosen. Its value is the deepest chosen id.
 */
@Component({
  selector: 'tc-territory-picker',
  imports: [MatFormFieldModule, MatSelectModule, TranslocoPipe, LocalizedNamePipe],
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
  `,
})
export class TerritoryPickerComponent implements ControlValueAccessor {
  private readonly territories = inject(TerritoriesService);
  /** Translation key of the legend. */
  readonly label = input('territories.picker.label');
  /** Translation key of an explanation under the legend. */
  readonly hint = input<string | null>(null);
  /** A territory that may not be chosen (nor anything under it): moving a territory. */
  readonly exclude = input<string | null>(null);

  protected readonly levels = signal<PickerLevel[]>([]);
  protected readonly disabled = signal(false);

  private readonly requests = new Subject<Observable<PickerLevel[]>>();
  private onChange: (value: string | null) => void = () => undefined;
  private onTouched: () => void = () => undefined;

  constructor() {
    this.requests
      .pipe(
        switchMap((levels$) => levels$),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((levels) => this.levels.set(levels));
  }

  writeValue(value: string | null | undefined): void {
    this.requests.next(value ? this.pathTo(value) : this.rootsOnly());
  }

  registerOnChange(fn: (value: string | null) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }

  protected touched(): void {
    this.onTouched();
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

  private children(parentId: string): Observable<Territory[]> {
    return this.territories.children(parentId).pipe(map((list) => this.allowed(list)));
  }

  private allowed(list: Territory[]): Territory[] {
    const excluded = this.exclude();
    return excluded ? list.filter((t) => t.id !== excluded) : list;
  }

  private rootsOnly(): Observable<PickerLevel[]> {
    return this.territories.roots().pipe(map((roots) => [{ options: this.allowed(roots), selected: null }]));
  }

  /** The select of every level from the root down to `id`, each showing its choice. */
  private pathTo(id: string): Observable<PickerLevel[]> {
    return this.territories.get(id).pipe(
      switchMap((detail) => {
        const path: Territory[] = [...detail.ancestors, detail];
        const lists: Observable<Territory[]>[] = [
          this.territories.roots().pipe(map((r) => this.allowed(r))),
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
