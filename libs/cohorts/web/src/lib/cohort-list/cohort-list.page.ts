import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  COHORT_STATUSES,
  type Cohort,
  type CohortStatus,
  type CohortSummary,
  type ProblemDetails,
} from '@tc/shared/contracts';
import {
  LanguageService,
  LocalizedNamePipe,
  ProblemMessageComponent,
  TextDirDirective,
  problemOf,
} from '@tc/shared/ui';
import { catchError, map, of, startWith } from 'rxjs';
import { CohortsService } from '../data-access/cohorts.service';
import { CourseTitlePipe } from '../data-access/course-title.pipe';
import { formatDay } from '../data-access/dates';
import { NewCohortWizardComponent } from './new-cohort-wizard.component';

/** Lower case, without accents or Arabic diacritics, so "medina" finds "Médina". */
export function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, '')
    .toLowerCase()
    .trim();
}

/** The cohorts whose name, course or territory (in any language) holds `query`, of `status` if set. */
export function filterCohorts(
  cohorts: readonly CohortSummary[],
  query: string,
  status: CohortStatus | '',
): CohortSummary[] {
  const q = folded(query);
  return cohorts.filter((c) => {
    if (status && c.status !== status) return false;
    if (!q) return true;
    const texts = [c.name, ...Object.values(c.courseTitle ?? {}), ...Object.values(c.territoryName ?? {})];
    return texts.some((t) => typeof t === 'string' && folded(t).includes(q));
  });
}

interface ListState {
  cohorts: CohortSummary[] | null;
  problem: ProblemDetails | null;
}

/** The cohorts a trainer runs (or of their territories; all for an admin), and "new cohort". */
@Component({
  selector: 'tc-cohort-list-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    LocalizedNamePipe,
    ProblemMessageComponent,
    TextDirDirective,
    CourseTitlePipe,
    NewCohortWizardComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cohort-list.page.html',
  styleUrl: './cohort-list.page.scss',
})
export class CohortListPage {
  private readonly cohorts = inject(CohortsService);
  private readonly router = inject(Router);
  private readonly lang = inject(LanguageService).lang;
  private readonly transloco = inject(TranslocoService);

  protected readonly state = toSignal(
    this.cohorts.list().pipe(
      map((cohorts): ListState => ({ cohorts, problem: null })),
      catchError((e: unknown) => of<ListState>({ cohorts: [], problem: problemOf(e) })),
      startWith<ListState>({ cohorts: null, problem: null }),
    ),
    { initialValue: { cohorts: null, problem: null } as ListState },
  );
  /** Running first, then planned, then closed; by start date within each. */
  protected readonly sorted = computed(() => {
    const order = { running: 0, planned: 1, closed: 2 } as const;
    return [...(this.state().cohorts ?? [])].sort(
      (a, b) => order[a.status] - order[b.status] || a.startsOn.localeCompare(b.startsOn),
    );
  });
  protected readonly statuses = COHORT_STATUSES;
  protected readonly query = signal('');
  protected readonly status = signal<CohortStatus | ''>('');
  /** The sorted cohorts the search and status filter keep (the list is small and unpaged). */
  protected readonly shown = computed(() => filterCohorts(this.sorted(), this.query(), this.status()));
  /** Query parameter `?create`: the wizard opens at once (the trainer home's "new cohort" link). */
  readonly create = input<string>();
  protected readonly creating = linkedSignal(() => this.create() !== undefined);
  /** The cohort being copied, while its copy is made. */
  protected readonly duplicating = signal<string | null>(null);
  protected readonly duplicateProblem = signal<ProblemDetails | null>(null);

  protected day(value: string): string {
    return formatDay(value, this.lang());
  }

  /** Copies a cohort (version, territory, dates, deadlines; nobody enrolled) and opens the copy. */
  protected duplicate(cohort: CohortSummary): void {
    this.duplicating.set(cohort.id);
    this.duplicateProblem.set(null);
    const name = this.transloco.translate('cohorts.duplicate.name', { name: cohort.name });
    this.cohorts.duplicate(cohort.id, name.slice(0, 160)).subscribe({
      next: (copy) => this.created(copy),
      error: (e: unknown) => {
        this.duplicating.set(null);
        this.duplicateProblem.set(problemOf(e));
      },
    });
  }

  protected created(cohort: Cohort): void {
    void this.router.navigate(['/cohorts', cohort.id]);
  }
}
