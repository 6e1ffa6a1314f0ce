import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type ImpactCounts,
  type ImpactReport,
  type ImpactRow,
  type ObservatoryScope,
  type ProblemDetails,
} from '@tc/shared/contracts';
import { LanguageService, ProblemMessageComponent, formatMoment, problemOf } from '@tc/shared/ui';
import { catchError, combineLatest, map, of, startWith, switchMap, tap } from 'rxjs';
import { ChartComponent } from '../chart/chart.component';
import {
  type ChartContext,
  type ChartOption,
  SERIES_COLOURS,
  barChartHeight,
  horizontalBars,
  monthlyLines,
} from '../chart/chart-options';
import { injectNarrow } from '../chart/narrow';
import { formatMonth, formatNumber } from '../data-access/format';
import {
  ImpactService,
  type ImpactPageQuery,
  impactApiQuery,
  impactQueryFromParams,
  paramsFromImpactQuery,
} from '../data-access/impact.service';
import { ObservatoryService } from '../data-access/observatory.service';
import { injectTranslate } from '../data-access/translate';
import type { DownloadSource } from '../ui/download-buttons.component';
import { DownloadButtonsComponent } from '../ui/download-buttons.component';
import { ImpactFilterBarComponent } from './impact-filter-bar.component';
import { type ImpactLine, ImpactTableComponent } from '../ui/impact-table.component';
import { ObservatoryTabsComponent } from '../ui/observatory-tabs.component';
import { type StatFormat, StatComponent } from '../ui/stat.component';

/** A row of the organisations registered at the territory itself rather than in one of its children. */
function isDirect(row: ImpactRow): boolean {
  return row.key.startsWith('direct:');
}

interface DrawnChart {
  options: ChartOption;
  height: number;
  label: string;
}

type LoadState =
  | { status: 'loading'; report: ImpactReport | null }
  | { status: 'done'; report: ImpactReport }
  | { status: 'failed'; problem: ProblemDetails; report: ImpactReport | null };

const TOTALS: readonly { field: keyof ImpactCounts; format: StatFormat; highlight?: boolean }[] = [
  { field: 'organisations', format: 'count' },
  { field: 'visits', format: 'count' },
  { field: 'milestones', format: 'count' },
  { field: 'medianGain', format: 'points', highlight: true },
];

/**
 * `/observatory/impact`: what changed in the field — the organisations coaches accompany, their
 * visits, the milestones reached and the gain in digital maturity — in the caller's territories,
 * counts only. Filters in the URL (territory, months, sector, kind, women-led), totals, tables by
 * territory (drilling down), sector, kind, month (with a chart) and women-led, milestones by kind, and
 * the organisations of coaches who completed a course beside those of coaches who have not yet.
 * Hidden cells show as on the training view; CSV and XLSX for funders.
 */
@Component({
  selector: 'tc-impact-page',
  imports: [
    RouterLink,
    TranslocoPipe,
    ProblemMessageComponent,
    ChartComponent,
    StatComponent,
    DownloadButtonsComponent,
    ImpactFilterBarComponent,
    ImpactTableComponent,
    ObservatoryTabsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './impact.page.html',
  styleUrls: ['../dashboard/observatory.page.scss', '../ui/observatory-table.scss', './impact.page.scss'],
})
export class ImpactPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly language = inject(LanguageService);
  private readonly api = inject(ImpactService);
  private readonly observatory = inject(ObservatoryService);
  private readonly injector = inject(Injector);
  private readonly t = injectTranslate();
  private readonly reducedMotion =
    inject(DOCUMENT).defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  private readonly narrow = injectNarrow();
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  private readonly params = toSignal(this.route.queryParams, { initialValue: {} });
  protected readonly query = computed<ImpactPageQuery>(() => impactQueryFromParams(this.params()));

  protected readonly scope = signal<ObservatoryScope | null>(null);
  protected readonly scopeProblem = signal<ProblemDetails | null>(null);
  private readonly retries = signal(0);

  /** The report of the query on screen; the previous one stays (dimmed) while the next loads. */
  private readonly state = toSignal(
    combineLatest([
      toObservable(this.query),
      toObservable(this.language.lang),
      toObservable(this.retries),
    ]).pipe(
      switchMap(([query, lang]) =>
        this.api.impact(impactApiQuery(query), lang).pipe(
          tap((report) => (this.lastReport = report)),
          map((report): LoadState => ({ status: 'done', report })),
          catchError((e: unknown) =>
            of<LoadState>({ status: 'failed', problem: problemOf(e), report: this.last() }),
          ),
          startWith<LoadState>({ status: 'loading', report: this.last() }),
        ),
      ),
    ),
    { initialValue: { status: 'loading', report: null } as LoadState },
  );
  private lastReport: ImpactReport | null = null;
  private last(): ImpactReport | null {
    return this.lastReport;
  }

  protected readonly report = computed(() => this.state().report);
  protected readonly loading = computed(() => this.state().status === 'loading');
  protected readonly problem = computed(() => {
    const s = this.state();
    return s.status === 'failed' ? s.problem : null;
  });

  protected readonly k = computed(() => this.report()?.k ?? this.scope()?.k ?? 5);
  protected readonly kText = computed(() => formatNumber(this.k(), this.language.lang()));
  protected readonly territoryName = computed(() => this.report()?.territory.name ?? '');

  /** From the top of the caller's scope down to the territory shown; each step a link but the last. */
  protected readonly breadcrumb = computed(() => {
    const r = this.report();
    if (!r) return [];
    const path = [...r.territory.path];
    if (path[path.length - 1]?.id !== r.territory.id)
      path.push({ id: r.territory.id, name: r.territory.name });
    const query = this.query();
    return path.map((p, i) => ({
      id: p.id,
      name: p.name,
      current: i === path.length - 1,
      link: paramsFromImpactQuery({ ...query, territoryId: p.id }),
    }));
  });

  protected readonly totals = computed(() => {
    const totals = this.report()?.totals;
    if (!totals) return [];
    return TOTALS.map((s) => ({
      field: s.field,
      format: s.format,
      highlight: !!s.highlight,
      value: totals[s.field],
      empty: s.field === 'medianGain' && totals.checked === 0,
    }));
  });

  protected readonly empty = computed(() => this.report()?.totals.organisations === 0);

  protected readonly chartContext = computed<ChartContext>(() => ({
    dir: this.language.dir(),
    lang: this.language.lang(),
    suppressed: `< ${this.kText()}`,
    reducedMotion: this.reducedMotion,
    narrow: this.narrow(),
  }));

  private lines(
    rows: ImpactRow[] | undefined,
    label: (row: ImpactRow) => string,
    drill: (row: ImpactRow) => boolean = () => false,
  ): ImpactLine[] {
    const query = this.query();
    return (rows ?? []).map((row) => ({
      key: row.key,
      label: label(row),
      counts: row.counts,
      drill: drill(row) ? paramsFromImpactQuery({ ...query, territoryId: row.key }) : null,
    }));
  }

  /** The children territories (each drills down), and the organisations registered at the territory itself. */
  protected readonly byTerritory = computed(() => {
    const t = this.t();
    return this.lines(
      this.report()?.byTerritory,
      (r) => (isDirect(r) ? t('observatory.impact.direct', { territory: r.label }) : r.label || r.key),
      (r) => !isDirect(r),
    );
  });
  protected readonly bySector = computed(() => {
    const t = this.t();
    return this.lines(this.report()?.bySector, (r) => t(`observatory.impact.sectors.${r.key}`));
  });
  protected readonly byKind = computed(() => {
    const t = this.t();
    return this.lines(this.report()?.byKind, (r) => t(`observatory.impact.kinds.${r.key}`));
  });
  protected readonly byMonth = computed(() => {
    const lang = this.language.lang();
    return this.lines(this.report()?.byMonth, (r) => formatMonth(r.key, lang));
  });
  protected readonly byWomenLed = computed(() => {
    const t = this.t();
    return this.lines(this.report()?.byWomenLed, (r) => t(`observatory.impact.womenLed.${r.key}`));
  });

  protected readonly milestones = computed(() => {
    const t = this.t();
    return (this.report()?.milestones ?? []).map((m) => ({
      kind: m.kind,
      label: t(`observatory.impact.milestoneKinds.${m.kind}`),
      reached: m.reached,
    }));
  });

  protected readonly milestonesCaption = computed(() => {
    const t = this.t();
    return t('observatory.impact.tableCaption', {
      group: t('observatory.impact.milestonesTitle'),
      territory: this.territoryName(),
    });
  });

  protected readonly learning = computed(() => {
    const l = this.report()?.learningToImpact;
    if (!l) return null;
    return [
      { key: 'trained', counts: l.trained },
      { key: 'notYetTrained', counts: l.notYetTrained },
    ];
  });

  protected readonly territoryChart = computed<DrawnChart | null>(() => {
    const lines = this.byTerritory();
    if (lines.length < 2) return null;
    const t = this.t();
    const ctx = this.chartContext();
    return {
      options: horizontalBars(
        lines.map((l) => l.label),
        [
          {
            name: t('observatory.impact.measures.organisations'),
            values: lines.map((l) => l.counts.organisations),
            colour: SERIES_COLOURS.enrolled,
          },
          {
            name: t('observatory.impact.measures.milestones'),
            values: lines.map((l) => l.counts.milestones),
            colour: SERIES_COLOURS.completed,
          },
        ],
        ctx,
      ),
      height: barChartHeight(lines.length, 2, ctx.narrow),
      label: t('observatory.chart.label', { title: t('observatory.impact.byTerritory') }),
    };
  });

  protected readonly monthChart = computed<DrawnChart | null>(() => {
    const rows = this.report()?.byMonth ?? [];
    if (!rows.length) return null;
    const t = this.t();
    const lang = this.language.lang();
    const series = (field: 'organisations' | 'visits' | 'milestones', colour: string) => ({
      name: t(`observatory.impact.measures.${field}`),
      values: rows.map((r) => r.counts[field]),
      colour,
    });
    return {
      options: monthlyLines(
        rows.map((r) => formatMonth(r.key, lang, 'short')),
        [
          series('organisations', SERIES_COLOURS.enrolled),
          series('visits', SERIES_COLOURS.started),
          series('milestones', SERIES_COLOURS.completed),
        ],
        this.chartContext(),
      ),
      height: 300,
      label: t('observatory.chart.label', { title: t('observatory.impact.byMonth') }),
    };
  });

  protected readonly milestoneChart = computed<DrawnChart | null>(() => {
    const rows = this.milestones();
    if (!rows.length) return null;
    const t = this.t();
    const ctx = this.chartContext();
    return {
      options: horizontalBars(
        rows.map((r) => r.label),
        [
          {
            name: t('observatory.impact.reached'),
            values: rows.map((r) => r.reached),
            colour: SERIES_COLOURS.completed,
          },
        ],
        ctx,
      ),
      height: barChartHeight(rows.length, 1, ctx.narrow),
      label: t('observatory.chart.label', { title: t('observatory.impact.milestonesTitle') }),
    };
  });

  protected readonly asOf = computed(() => {
    const at = this.report()?.asOf;
    return at ? formatMoment(at, this.language.lang(), 'long') : '';
  });

  /** The export of the report on screen (disabled while none is). */
  protected readonly download = computed<DownloadSource | null>(() => {
    if (!this.report()) return null;
    const query = impactApiQuery(this.query());
    return (format, lang) => this.api.download(query, format, lang);
  });

  constructor() {
    this.observatory.scope().subscribe({
      next: (scope) => this.scope.set(scope),
      error: (e: unknown) => this.scopeProblem.set(problemOf(e)),
    });
    // After moving to another territory the link that was followed is gone: focus the new heading.
    let shown: string | null = null;
    effect(() => {
      const id = this.report()?.territory.id ?? null;
      if (shown !== null && id !== null && id !== shown) {
        afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
      }
      if (id !== null) shown = id;
    });
  }

  protected change(query: ImpactPageQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: paramsFromImpactQuery(query) });
  }

  protected retry(): void {
    this.retries.update((n) => n + 1);
  }
}
