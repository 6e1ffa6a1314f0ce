import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type {
  CompetenceReport,
  CompletionReport,
  Count,
  ObservatoryFilters,
  ObservatoryScope,
  ObservatoryTerritory,
  PracticeReport,
  ProblemDetails,
} from '@tc/shared/contracts';
import { problemOf } from '@tc/shared/ui';
import { type Observable, type Subscription, forkJoin, of, shareReplay, switchMap } from 'rxjs';
import { ObservatoryService } from './observatory.service';
import { type ObservatoryQuery, naturalGroupBy, pageWindow } from './query';

/** The overview holds every child territory (the tile map needs them all; a continent has 54). */
const ALL_CHILDREN = { offset: 0, limit: 500 };

/** The filters every section follows: the territory, the months and the course. */
export type BaseFilters = Omit<ObservatoryFilters, 'groupBy'>;

/** The territory above an empty one, with how many coaches are enrolled there. */
export interface ParentFigures {
  territory: ObservatoryTerritory;
  enrolled: Count | undefined;
}

/**
 * Whether nothing runs in the territory yet: no coach enrolled in any cohort of it, whatever the
 * months or the course (with a filter, zeros are an answer to that filter, not an empty territory).
 */
export function isEmptyTerritory(overview: CompletionReport | null, query: ObservatoryQuery): boolean {
  return !!overview?.total && overview.total.enrolled === 0 && !query.from && !query.to && !query.courseId;
}

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
  readonly practice = signal<PracticeReport | null>(null);
  readonly practiceLoading = signal(false);
  readonly practiceProblem = signal<ProblemDetails | null>(null);
  /** Above an empty territory: its parent and the parent's enrolled count (else `null`). */
  readonly parent = signal<ParentFigures | null>(null);

  private lastQuery: ObservatoryQuery | null = null;
  private overviewKey = '';
  private detailKey = '';
  private competencesKey = '';
  private completionSub: Subscription | null = null;
  private competencesSub: Subscription | null = null;
  private practiceKey = '';
  private practiceSub: Subscription | null = null;
  private parentSub: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.completionSub?.unsubscribe();
      this.competencesSub?.unsubscribe();
      this.practiceSub?.unsubscribe();
      this.parentSub?.unsubscribe();
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
    this.loadPractice(base, 0);
  }

  /** Asks again for what failed. */
  retry(): void {
    this.detailKey = '';
    this.competencesKey = '';
    this.practiceKey = '';
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
    // A chosen grouping loads beside the overview. The structural ones (territory, cohort) depend on
    // the territory, known once the overview is here: its children while it has some, its cohorts at
    // a leaf only.
    const structural = !chosen || chosen === 'territory' || chosen === 'cohort';
    const detail$: Observable<CompletionReport> = !structural
      ? this.api.completion({ ...base, groupBy: chosen }, page)
      : overview$.pipe(
          switchMap((o) => {
            const natural = naturalGroupBy(o.territory.drillable);
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
        this.loadParent(overview, base, query);
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

  /** Above an empty territory, what its parent has: where the observer may go back to. */
  private loadParent(overview: CompletionReport, base: BaseFilters, query: ObservatoryQuery): void {
    this.parentSub?.unsubscribe();
    const parent = overview.breadcrumb.at(-2);
    if (!parent || !isEmptyTerritory(overview, query)) {
      this.parent.set(null);
      return;
    }
    if (this.parent()?.territory.id === parent.id) return;
    this.parent.set({ territory: parent, enrolled: undefined });
    this.parentSub = this.api
      .completion({ ...base, territoryId: parent.id, groupBy: 'territory' }, { offset: 0, limit: 1 })
      .subscribe({
        next: (report) => this.parent.set({ territory: parent, enrolled: report.total?.enrolled }),
        // Without the count the link back up still stands.
        error: () => undefined,
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

  /**
   * Field practice of the territory within the months and for the course shown (a grouping changes
   * nothing of it), from the cohort at `offset`.
   */
  loadPractice(base: BaseFilters, offset: number): void {
    const key = `${JSON.stringify(base)}|${offset}`;
    if (key === this.practiceKey) return;
    this.practiceKey = key;
    this.practiceSub?.unsubscribe();
    this.practiceLoading.set(true);
    this.practiceProblem.set(null);
    this.practiceSub = this.api.practice(base, { offset, limit: PRACTICE_PAGE }).subscribe({
      next: (report) => {
        this.practice.set(report);
        this.practiceLoading.set(false);
      },
      error: (e: unknown) => {
        this.practiceKey = '';
        this.practice.set(null);
        this.practiceLoading.set(false);
        this.practiceProblem.set(problemOf(e));
      },
    });
  }
}

/** Cohort rows of the field-practice table per page. */
export const PRACTICE_PAGE = 20;
