import { BreakpointObserver } from '@angular/cdk/layout';
import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type {
  CohortTask,
  CohortTaskStates,
  LocalizedText,
  ProblemDetails,
  Roster,
  RosterQuery,
  RosterRow,
  TaskStanding,
} from '@tc/shared/contracts';
import {
  LanguageService,
  ProblemMessageComponent,
  formatMoment,
  problemOf,
  saveBlob,
  textIn,
} from '@tc/shared/ui';
import {
  catchError,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { CohortStore } from '../../data-access/cohort.store';
import { CohortsService } from '../../data-access/cohorts.service';
import { ROSTER_TASK_STATES } from '../../data-access/roster-task-states';
import { CohortInvitationsComponent } from './cohort-invitations.component';
import { RosterNudgeComponent } from './roster-nudge.component';

type SortKey = NonNullable<RosterQuery['sort']>;
type Order = NonNullable<RosterQuery['order']>;

/** The query the filters and sort make (what is unset is left out). */
export function rosterQuery(
  f: { q: string; status: '' | 'active' | 'withdrawn'; overdue: '' | 'true' | 'false' },
  sort: SortKey,
  order: Order,
): RosterQuery {
  return {
    sort,
    order,
    q: f.q.trim() || undefined,
    status: f.status || undefined,
    overdue: f.overdue ? f.overdue === 'true' : undefined,
  };
}

/** Progress as a whole percentage (0 when the course has no lesson). */
export function percent(done: number, total: number): number {
  return total > 0 ? Math.round((100 * Math.min(done, total)) / total) : 0;
}

/** Whether the filters narrow the roster beyond who is enrolled now (the default: active enrolments). */
export function narrowed(f: {
  q: string;
  status: '' | 'active' | 'withdrawn';
  overdue: '' | 'true' | 'false';
}): boolean {
  return !!f.q.trim() || f.status === 'withdrawn' || f.overdue !== '';
}

/** One task of one coach, as the roster's task column shows it. */
export interface RosterTaskCell {
  lessonKey: string;
  moduleKey: string;
  title: LocalizedText;
  required: boolean;
  /** `none`: nothing handed in (or every round withdrawn). */
  state: TaskStanding | 'none';
}

/** A coach's state on each task of the cohort's version, in the course's order. */
export function taskCells(
  tasks: readonly CohortTask[],
  states: Readonly<Record<string, TaskStanding>> | undefined,
): RosterTaskCell[] {
  return tasks.map((t) => ({ ...t, state: states?.[t.lessonKey] ?? 'none' }));
}

/** What stands beside a task's state, for the eye only: the state is always said in words. */
export const TASK_STATE_MARKS: Record<RosterTaskCell['state'], string> = {
  none: '○',
  waiting: '◔',
  returned: '↺',
  passed: '✓',
};

/**
 * Who is enrolled and how far they are: sort, filter, search, export, withdraw; then who is invited.
 * Nobody enrolled yet: an invitation to enrol by e-mail or CSV instead of "nobody matches".
 */
@Component({
  selector: 'tc-roster',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    RouterLink,
    TranslocoPipe,
    ProblemMessageComponent,
    CohortInvitationsComponent,
    RosterNudgeComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './roster.component.html',
  styleUrl: './roster.component.scss',
})
export class RosterComponent {
  private readonly store = inject(CohortStore);
  private readonly cohorts = inject(CohortsService);
  private readonly document = inject(DOCUMENT);
  private readonly lang = inject(LanguageService).lang;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly taskSource = inject(ROSTER_TASK_STATES);

  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 719.98px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  protected readonly sortKeys: SortKey[] = ['name', 'progress', 'lastActivity'];
  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    status: new FormControl<'' | 'active' | 'withdrawn'>('active', { nonNullable: true }),
    overdue: new FormControl<'' | 'true' | 'false'>('', { nonNullable: true }),
  });
  /** Nobody enrolled and the trainer wants to enrol: by e-mail or by a CSV file (the page's tabs). */
  readonly enrolWanted = output<'enrol' | 'import'>();
  /** The filters as they were when the roster shown was asked for. */
  private readonly shownFilters = signal(this.filters.getRawValue());
  /** Whether the empty roster is empty because of the filters, or because nobody is enrolled yet. */
  protected readonly filtered = computed(() => narrowed(this.shownFilters()));
  /** Loaded, empty, and not because of the filters: the roster invites to enrol, at its top. */
  protected readonly nobodyYet = computed(() => this.roster()?.rows.length === 0 && !this.filtered());
  protected readonly sort = signal<SortKey>('name');
  protected readonly order = signal<Order>('asc');

  protected readonly roster = signal<Roster | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly withdrawing = signal<RosterRow | null>(null);
  protected readonly actionProblem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);

  /** Coaches picked for a nudge (their enrolments). */
  protected readonly picked = signal<ReadonlySet<string>>(new Set());
  protected readonly pickedIds = computed(() => [...this.picked()]);
  /** Active coaches past a deadline: whom "select all late" picks. */
  protected readonly late = computed(() =>
    (this.roster()?.rows ?? [])
      .filter((r) => r.enrolmentStatus === 'active' && r.overdueModules.length > 0)
      .map((r) => r.enrolmentId),
  );
  /** Names by enrolment, for the nudge's report of who was skipped. */
  protected readonly names = computed(
    () => new Map((this.roster()?.rows ?? []).map((r) => [r.enrolmentId, r.displayName])),
  );

  /** The practical tasks and where each coach stands (null: not provided, not loaded, or failed). */
  private readonly taskStates = signal<CohortTaskStates | null>(null);
  /** The tasks of the cohort's version; none: no task column. */
  protected readonly tasks = computed(() => this.taskStates()?.tasks ?? []);
  private readonly statesByEnrolment = computed(
    () => new Map((this.taskStates()?.enrolments ?? []).map((e) => [e.enrolmentId, e.states])),
  );
  protected readonly marks = TASK_STATE_MARKS;
  /** The one task of the version (the column's title), if it has just one. */
  protected readonly onlyTask = computed(() => (this.tasks().length === 1 ? this.tasks()[0] : undefined));

  private readonly query = computed(() => ({ sort: this.sort(), order: this.order() }));
  /** Module titles by key, for the overdue badges. */
  private readonly moduleTitles = computed(() => {
    const lang = this.lang();
    return new Map((this.store.cohort()?.modules ?? []).map((m) => [m.key, textIn(m.title, lang)]));
  });

  constructor() {
    const filters$ = this.filters.valueChanges.pipe(
      debounceTime(300),
      map(() => this.filters.getRawValue()),
      startWith(this.filters.getRawValue()),
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
    );
    // Again when the cohort moves to another version: the lessons counted change with it.
    const id$ = toObservable(
      computed(() => {
        const c = this.store.cohort();
        return c ? `${c.id} ${c.courseVersion}` : null;
      }),
    ).pipe(
      distinctUntilChanged(),
      map((key) => key?.split(' ')[0] ?? null),
    );
    combineLatest([id$, filters$, toObservable(this.query), toObservable(this.store.enrolmentsChanged)])
      .pipe(
        switchMap(([id, f, s]) => {
          if (!id) return of({ roster: null, problem: null, f });
          return this.cohorts.roster(id, rosterQuery(f, s.sort, s.order)).pipe(
            map((roster) => ({ roster, problem: null, f })),
            catchError((e: unknown) => of({ roster: null, problem: problemOf(e), f })),
          );
        }),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ roster, problem, f }) => {
        this.roster.set(roster);
        this.problem.set(problem);
        this.shownFilters.set(f);
      });
    // The task column: from the practice domain when the app provides it; a failure leaves it out.
    const source = this.taskSource;
    if (source)
      combineLatest([id$, toObservable(this.store.enrolmentsChanged)])
        .pipe(
          switchMap(([id]) => (id ? source(id).pipe(catchError(() => of(null))) : of(null))),
          takeUntilDestroyed(inject(DestroyRef)),
        )
        .subscribe((states) => this.taskStates.set(states));
  }

  protected taskCells(row: RosterRow): RosterTaskCell[] {
    return taskCells(this.tasks(), this.statesByEnrolment().get(row.enrolmentId));
  }

  protected text(value: LocalizedText): string {
    return textIn(value, this.lang());
  }

  /** Click on a column: sort by it, or flip the order when it is already the sort. */
  protected sortBy(key: SortKey): void {
    if (this.sort() === key) this.order.update((o) => (o === 'asc' ? 'desc' : 'asc'));
    else {
      this.sort.set(key);
      this.order.set(key === 'name' ? 'asc' : 'desc');
    }
  }

  protected ariaSort(key: SortKey): 'ascending' | 'descending' | null {
    if (this.sort() !== key) return null;
    return this.order() === 'asc' ? 'ascending' : 'descending';
  }

  protected sortChanged(key: SortKey): void {
    this.sort.set(key);
  }

  protected percent(row: RosterRow): number {
    return percent(row.lessonsDone, row.lessonsTotal);
  }

  protected moment(iso: string | null): string {
    return formatMoment(iso, this.lang());
  }

  protected moduleTitle(key: string): string {
    return this.moduleTitles().get(key) ?? key;
  }

  protected pick(row: RosterRow, on: boolean): void {
    this.picked.update((set) => {
      const next = new Set(set);
      if (on) next.add(row.enrolmentId);
      else next.delete(row.enrolmentId);
      return next;
    });
  }

  protected pickAllLate(): void {
    this.picked.set(new Set(this.late()));
  }

  protected clearPicks(): void {
    this.picked.set(new Set());
  }

  protected exportCsv(): void {
    const id = this.store.cohort()?.id;
    if (!id) return;
    this.actionProblem.set(null);
    // In the page's language; named by the server after the cohort and the day.
    this.cohorts
      .rosterCsv(id, rosterQuery(this.filters.getRawValue(), this.sort(), this.order()), this.lang())
      .subscribe({
        next: (file) => saveBlob(this.document, file.filename, file.blob),
        error: (e: unknown) => this.actionProblem.set(problemOf(e)),
      });
  }

  /** Asks first; the focus goes to the confirmation. */
  protected askWithdraw(row: RosterRow): void {
    this.withdrawing.set(row);
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLButtonElement>('.tc-confirm-yes')?.focus(),
      { injector: this.injector },
    );
  }

  protected withdraw(row: RosterRow): void {
    const id = this.store.cohort()?.id;
    if (!id) return;
    this.busy.set(true);
    this.actionProblem.set(null);
    this.cohorts.withdraw(id, row.enrolmentId).subscribe({
      next: () => {
        this.busy.set(false);
        this.withdrawing.set(null);
        this.store.enrolmentsUpdated();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.actionProblem.set(problemOf(e));
      },
    });
  }
}
