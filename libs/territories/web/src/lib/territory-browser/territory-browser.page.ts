import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ISO_CODED_LEVELS,
  LOCALES,
  type ProblemDetails,
  TERRITORY_LEVELS,
  type Territory,
  type TerritoryDetail,
  type TerritoryLevel,
} from '@tc/shared/contracts';
import { LocalizedNamePipe, ProblemMessageComponent, ProblemTexts, problemOf } from '@tc/shared/ui';
import { type Observable, catchError, combineLatest, forkJoin, map, of, switchMap } from 'rxjs';
import { TerritoriesService } from '../data-access/territories.service';
import { CAN_EDIT_TERRITORIES } from '../data-access/territory-editing';
import { TerritoryPickerComponent } from '../territory-picker/territory-picker.component';

interface BrowserState {
  current: TerritoryDetail | null;
  children: Territory[];
  problem: ProblemDetails | null;
}

type Panel = 'none' | 'add' | 'edit' | 'move';

/** The fields of the name-and-code form, as the API names them in its problems. */
const NAME_FIELDS = ['name.fr', 'name.ar', 'name.en', 'code', 'level', 'parentId'];

const CHILD_LEVEL: Record<TerritoryLevel, TerritoryLevel> = {
  root: 'country',
  country: 'region',
  region: 'province',
  province: 'commune',
  commune: 'commune',
};

/** Drill-down through the territory tree; admins add, rename, re-code and move territories. */
@Component({
  selector: 'tc-territory-browser-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    LocalizedNamePipe,
    ProblemMessageComponent,
    TerritoryPickerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './territory-browser.page.html',
  styleUrl: './territory-browser.page.scss',
})
export class TerritoryBrowserPage {
  private readonly territories = inject(TerritoriesService);
  private readonly problemTexts = inject(ProblemTexts);
  protected readonly canEdit = inject(CAN_EDIT_TERRITORIES);
  /** Route parameter `:id`; absent on the list of roots. */
  readonly id = input<string | undefined>();

  private readonly reload = signal(0);
  protected readonly state = signal<BrowserState | null>(null);
  protected readonly current = computed(() => this.state()?.current ?? null);
  protected readonly panel = signal<Panel>('none');
  protected readonly saving = signal(false);
  protected readonly editProblem = signal<ProblemDetails | null>(null);
  protected readonly levels = TERRITORY_LEVELS.filter((l) => l !== 'root');

  protected readonly nameFields = NAME_FIELDS;
  protected readonly nameForm = new FormGroup({
    fr: new FormControl('', { nonNullable: true }),
    ar: new FormControl('', { nonNullable: true }),
    en: new FormControl('', { nonNullable: true }),
    code: new FormControl('', { nonNullable: true }),
    level: new FormControl<TerritoryLevel>('region', { nonNullable: true }),
  });
  /** The level of the territory the form names: a commune needs one name, the levels above all three. */
  protected readonly formLevel = signal<TerritoryLevel>('region');
  protected readonly oneNameEnough = computed(() => !ISO_CODED_LEVELS.includes(this.formLevel()));
  protected readonly moveTo = new FormControl<string | null>(null, Validators.required);

  constructor() {
    this.nameForm.controls.level.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((level) => this.applyLevel(level));
    combineLatest([toObservable(this.id), toObservable(this.reload)])
      .pipe(
        switchMap(([id]) => {
          const load: Observable<[TerritoryDetail | null, Territory[]]> = id
            ? forkJoin([this.territories.get(id), this.territories.children(id)])
            : this.territories.roots().pipe(map((roots): [null, Territory[]] => [null, roots]));
          return load.pipe(
            map(([current, children]): BrowserState => ({ current, children, problem: null })),
            catchError((e: unknown) =>
              of<BrowserState>({ current: null, children: [], problem: problemOf(e) }),
            ),
          );
        }),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((state) => {
        this.state.set(state);
        this.panel.set('none');
      });
  }

  protected open(panel: Panel): void {
    const current = this.current();
    this.editProblem.set(null);
    if (panel === 'edit' && current) {
      this.nameForm.reset({ ...current.name, code: current.code ?? '', level: current.level });
      this.applyLevel(current.level);
    } else if (panel === 'add') {
      this.nameForm.reset({ fr: '', ar: '', en: '', code: '', level: CHILD_LEVEL[current?.level ?? 'root'] });
      this.applyLevel(this.nameForm.controls.level.value);
    } else if (panel === 'move') {
      this.moveTo.reset(null);
    }
    this.panel.set(panel);
  }

  /** The server's words about one field, shown under it. */
  protected serverError(field: string): string | null {
    return this.problemTexts.field(this.editProblem(), field);
  }

  /** Above the commune each language is required; a commune's other languages take the one given. */
  private applyLevel(level: TerritoryLevel): void {
    this.formLevel.set(level);
    const required = ISO_CODED_LEVELS.includes(level) ? [Validators.required] : [];
    for (const l of LOCALES) {
      this.nameForm.controls[l].setValidators(required);
      this.nameForm.controls[l].updateValueAndValidity({ emitEvent: false });
    }
  }

  protected submitName(): void {
    const current = this.current();
    const names = this.nameForm.controls;
    if (this.oneNameEnough() && LOCALES.every((l) => !names[l].value.trim())) {
      names.fr.setErrors({ oneName: true });
    }
    if (!current || this.nameForm.invalid) {
      this.nameForm.markAllAsTouched();
      return;
    }
    const { fr, ar, en, code, level } = this.nameForm.getRawValue();
    const name = { fr: fr.trim(), ar: ar.trim(), en: en.trim() };
    const codeValue = code.trim().toUpperCase() || null;
    const request =
      this.panel() === 'add'
        ? this.territories.create({ parentId: current.id, level, code: codeValue, name })
        : this.territories.update(current.id, { name, code: codeValue });
    this.save(request);
  }

  protected submitMove(): void {
    const current = this.current();
    const parentId = this.moveTo.value;
    if (!current || !parentId) {
      this.moveTo.markAsTouched();
      return;
    }
    this.save(this.territories.update(current.id, { parentId }));
  }

  private save(request: ReturnType<TerritoriesService['update']>): void {
    this.saving.set(true);
    this.editProblem.set(null);
    request.subscribe({
      next: () => {
        this.saving.set(false);
        this.reload.update((n) => n + 1);
      },
      error: (e: unknown) => {
        this.saving.set(false);
        this.editProblem.set(problemOf(e));
      },
    });
  }
}
