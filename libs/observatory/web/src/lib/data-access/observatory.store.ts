import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type {
  CompetenceReport,
  CompletionReport,
  ObservatoryFilters,
  ObservatoryScope,
  ProblemDetails,
} from '@tc/shared/contracts';
import { problemOf } from '@tc/shared/ui';
import { type Observable, type Subscription, forkJoin, of, shareReplay, switchMap } from 'rxjs';
import { ObservatoryService } from './observatory.service';
import { type ObservatoryQuery, naturalGroupBy, pageWindow } from './query';

/** The overview holds every child territory (the tile map needs them all; a continent has 54). */
const ALL_CHILDREN = { offset: 0, limit: 500 };

type BaseFilters = Omit<ObservatoryFilters, 'groupBy'>;

/**
 * The dashboard's state. For a query it holds three reports: the overview (grouped by territory:
 * the totals, the funnel and the tile map of the children), the detail in the chosen grouping (the
 * same report when that is the territory) and the competences. Changing only the grouping reloads
 * only the detail; a newer query cancels the requests of the older one.
 */
@Injectable()
export class ObservatoryStore {
  private readonly api = inject(ObservatoryService);

  readonly scope = signal<ObservatoryScope | null>(null);
  readonly scopeProblem = signal<ProblemDetails | null>(null);
  readonly overview = signal<CompletionReport | null>(null);
  readonly detail = signal<CompletionReport | null>(null);
  readonly competences = signal<CompetenceReport | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<ProblemDetails | null>(null);
  readonly competencesLoading = signal(false);
  readonly competencesProblem = signal<ProblemDetails | null>(null);

  private lastQuery: ObservatoryQuery | null = null;
  private overviewKey = '';
  private detailKey = '';
  private competencesKey = '';
  private completionSub: Subscription | null = null;
  private competencesSub: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.completionSub?.unsubscribe();
      this.competencesSub?.unsubscribe();
    });
  }

  /** What the caller may see; then the reports of the query asked for meanwhile. */
  loadScope(): void {
    this.scopeProblem.set(null);
    this.api.scope().subscribe({
      next: (scope) => {
        this.scope.set(scope);
        if (this.lastQuery) this.load(this.lastQuery);
      },
      error: (e: unknown) => this.scopeProblem.set(problemOf(e)),
    });
  }

  /** Loads what the query shows (after the scope, which gives the default territory). */
  load(query: ObservatoryQuery): void {
    this.lastQuery = query;
    const territoryId = query.territoryId ?? this.scope()?.territories[0]?.id;
    if (!territoryId) return;
    const base: BaseFilters = { territoryId, from: query.from, to: query.to, courseId: query.courseId };
    const baseKey = JSON.stringify(base);
    this.loadCompletion(base, baseKey, query);
    this.loadCompetences(base, baseKey);
  }

  /** Asks again for what failed. */
  retry(): void {
    this.detailKey = '';
    this.competencesKey = '';
    if (this.lastQuery) this.load(this.lastQuery);
    else this.loadScope();
  }

  private loadCompletion(base: BaseFilters, baseKey: string, query: ObservatoryQuery): void {
    const detailKey = `${baseKey}|${query.groupBy ?? ''}|${query.page ?? 1}`;
    const page = pageWindow(query);
    if (detailKey === this.detailKey) return;
    this.detailKey = detailKey;
    this.completionSub?.unsubscribe();
    this.loading.set(true);
    this.problem.set(null);

    const cached = this.overviewKey === baseKey ? this.overview() : null;
    const overview$: Observable<CompletionReport> = cached
      ? of(cached)
      : this.api
          .completion({ ...base, groupBy: 'territory' }, ALL_CHILDREN)
          .pipe(shareReplay({ bufferSize: 1, refCount: true }));
    const chosen = query.groupBy;
    // A chosen grouping loads beside the overview; the natural one depends on the territory (its
    // children, or its cohorts at a leaf), known once the overview is here.
    const detail$: Observable<CompletionReport> =
      chosen && chosen !== 'territory'
        ? this.api.completion({ ...base, groupBy: chosen }, page)
        : overview$.pipe(
            switchMap((o) => {
              const natural = chosen ?? naturalGroupBy(o.territory.drillable);
              return natural === 'territory' && !query.page
                ? of(o)
                : this.api.completion({ ...base, groupBy: natural }, page);
            }),
          );

    this.completionSub = forkJoin({ overview: overview$, detail: detail$ }).subscribe({
      next: ({ overview, detail }) => {
        this.overviewKey = baseKey;
        this.overview.set(overview);
        this.detail.set(detail);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.detailKey = '';
        this.overviewKey = '';
        this.overview.set(null);
        this.detail.set(null);
        this.loading.set(false);
        this.problem.set(problemOf(e));
      },
    });
  }

  private loadCompetences(base: BaseFilters, baseKey: string): void {
    if (baseKey === this.competencesKey) return;
    this.competencesKey = baseKey;
    this.competencesSub?.unsubscribe();
    this.competencesLoading.set(true);
    this.competencesProblem.set(null);
    this.competencesSub = this.api.competences(base).subscribe({
      next: (report) => {
        this.competences.set(report);
        this.competencesLoading.set(false);
      },
      error: (e: unknown) => {
        this.competencesKey = '';
        this.competences.set(null);
        this.competencesLoading.set(false);
        this.competencesProblem.set(problemOf(e));
      },
    });
  }
}
