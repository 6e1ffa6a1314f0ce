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
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CompletionReport } from '@tc/shared/contracts';
import {
  LanguageService,
  LocalizedNamePipe,
  ProblemMessageComponent,
  formatMoment,
  textIn,
} from '@tc/shared/ui';
import { ChartComponent } from '../chart/chart.component';
import {
  type ChartContext,
  type ChartOption,
  type ChartSeries,
  SERIES_COLOURS,
  barChartHeight,
  funnel,
  horizontalBars,
  monthlyLines,
} from '../chart/chart-options';
import { injectNarrow } from '../chart/narrow';
import { formatCount, formatMonth, formatNumber } from '../data-access/format';
import { rowLabel } from '../data-access/labels';
import { ObservatoryStore, isEmptyTerritory } from '../data-access/observatory.store';
import {
  type ObservatoryQuery,
  naturalGroupBy,
  paramsFromQuery,
  queryFromParams,
  withTerritory,
} from '../data-access/query';
import { injectTranslate } from '../data-access/translate';
import { CompetencesComponent } from '../ui/competences.component';
import { PracticeComponent } from '../ui/practice.component';
import { CompletionTableComponent } from '../ui/completion-table.component';
import { DownloadButtonsComponent } from '../ui/download-buttons.component';
import { FilterBarComponent } from '../ui/filter-bar.component';
import { ObservatoryTabsComponent } from '../ui/observatory-tabs.component';
import { type StatFormat, StatComponent } from '../ui/stat.component';
import { TileMapComponent } from '../ui/tile-map.component';

type CountField = 'enrolled' | 'started' | 'completed' | 'certified';

interface DrawnChart {
  options: ChartOption;
  height: number;
  label: string;
}

type SummaryField = CountField | 'completionRate' | 'medianDaysToCompletion';

const SUMMARY: readonly { field: SummaryField; format: StatFormat; over?: CountField }[] = [
  { field: 'enrolled', format: 'count' },
  { field: 'started', format: 'count' },
  { field: 'completed', format: 'count' },
  { field: 'certified', format: 'count' },
  { field: 'completionRate', format: 'rate', over: 'enrolled' },
  { field: 'medianDaysToCompletion', format: 'days', over: 'completed' },
];

/**
 * `/observatory`: completion statistics of the territories in the caller's scope, aggregates only.
 * Breadcrumb and filters (kept in the URL), totals, the funnel, the tile map of the children, the
 * chosen grouping as chart and table, the DigComp competences; CSV and XLSX downloads.
 */
@Component({
  selector: 'tc-observatory-page',
  imports: [
    RouterLink,
    TranslocoPipe,
    LocalizedNamePipe,
    ProblemMessageComponent,
    ChartComponent,
    StatComponent,
    FilterBarComponent,
    TileMapComponent,
    CompletionTableComponent,
    CompetencesComponent,
    PracticeComponent,
    DownloadButtonsComponent,
    ObservatoryTabsComponent,
  ],
  providers: [ObservatoryStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './observatory.page.html',
  styleUrl: './observatory.page.scss',
})
export class ObservatoryPage {
  protected readonly store = inject(ObservatoryStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly language = inject(LanguageService);
  private readonly injector = inject(Injector);
  private readonly t = injectTranslate();
  private readonly reducedMotion =
    inject(DOCUMENT).defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  private readonly narrow = injectNarrow();
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  private readonly params = toSignal(this.route.queryParams, { initialValue: {} });
  protected readonly query = computed<ObservatoryQuery>(() => queryFromParams(this.params()));

  protected readonly overview = this.store.overview;
  protected readonly detail = this.store.detail;
  protected readonly k = computed(() => this.overview()?.k ?? this.store.scope()?.k ?? 5);
  protected readonly kText = computed(() => formatNumber(this.k(), this.language.lang()));
  protected readonly territoryName = computed(() =>
    textIn(this.overview()?.territory.name, this.language.lang()),
  );
  /** The grouping on screen: the one chosen, else the natural one of the territory. */
  protected readonly groupBy = computed(
    () =>
      this.detail()?.filters.groupBy ??
      this.query().groupBy ??
      naturalGroupBy(this.overview()?.territory.drillable ?? true),
  );
  /** Whether the territory has children: the structural grouping is theirs, else its cohorts. */
  protected readonly drillable = computed(() => this.overview()?.territory.drillable ?? true);
  /** At a leaf the table shows the cohorts, and says why it does not show territories. */
  protected readonly leafNote = computed(() => !this.drillable() && this.groupBy() === 'cohort');
  /** Nothing runs in the territory yet: a plain sentence and the way back up instead of zeros. */
  protected readonly empty = computed(() => isEmptyTerritory(this.overview(), this.query()));
  protected readonly parent = computed(() => {
    const p = this.store.parent();
    if (!p || !this.empty()) return null;
    const count = p.enrolled === undefined ? null : formatCount(p.enrolled, this.k(), this.language.lang());
    return {
      name: textIn(p.territory.name, this.language.lang()),
      count,
      link: paramsFromQuery(withTerritory(this.query(), p.territory)),
    };
  });
  /** The totals strip: the territory as a whole. */
  protected readonly summary = computed(() => {
    const total = this.overview()?.total;
    if (!total) return [];
    return SUMMARY.map((s) => ({
      field: s.field,
      labelKey:
        s.field === 'medianDaysToCompletion'
          ? 'observatory.summary.medianDays'
          : `observatory.measures.${s.field}`,
      format: s.format,
      value: total[s.field],
      empty: s.over !== undefined && total[s.over] === 0,
    }));
  });
  protected readonly generatedAt = computed(() => {
    const at = this.detail()?.generatedAt;
    return at ? formatMoment(at, this.language.lang(), 'long') : '';
  });

  protected readonly breadcrumb = computed(() => {
    const o = this.overview();
    const query = this.query();
    if (!o) return [];
    return o.breadcrumb.map((t, i) => ({
      id: t.id,
      name: t.name,
      current: i === o.breadcrumb.length - 1,
      link: paramsFromQuery(withTerritory(query, t)),
    }));
  });

  protected readonly chartContext = computed<ChartContext>(() => ({
    dir: this.language.dir(),
    lang: this.language.lang(),
    suppressed: `< ${this.kText()}`,
    reducedMotion: this.reducedMotion,
    narrow: this.narrow(),
  }));

  protected readonly funnelChart = computed<DrawnChart | null>(() => {
    const total = this.overview()?.total;
    if (!total) return null;
    const t = this.t();
    const stages: CountField[] = ['enrolled', 'started', 'completed', 'certified'];
    return {
      options: funnel(
        stages.map((s) => ({
          name: t(`observatory.measures.${s}`),
          value: total[s] ?? null,
          colour: SERIES_COLOURS[s],
        })),
        this.chartContext(),
      ),
      height: 240,
      label: t('observatory.chart.label', { title: t('observatory.funnel.title') }),
    };
  });

  protected readonly groupTitle = computed(() => this.t()(`observatory.byGroup.${this.groupBy()}`));
  protected readonly tableCaption = computed(() =>
    this.t()('observatory.table.caption', { group: this.groupTitle(), territory: this.territoryName() }),
  );

  protected readonly detailChart = computed<DrawnChart | null>(() => {
    const report = this.detail();
    if (!report?.rows.length) return null;
    const t = this.t();
    const lang = this.language.lang();
    const ctx = this.chartContext();
    const groupBy = report.filters.groupBy;
    const series = (fields: CountField[]): ChartSeries[] =>
      fields.map((f) => ({
        name: t(`observatory.measures.${f}`),
        values: report.rows.map((r) => r[f] ?? null),
        colour: SERIES_COLOURS[f],
      }));
    const label = t('observatory.chart.label', {
      title: groupBy === 'module' ? t('observatory.chart.dropOut') : this.groupTitle(),
    });
    if (groupBy === 'month') {
      return {
        options: monthlyLines(
          report.rows.map((r) => formatMonth(r.key, lang, 'short')),
          series(['enrolled', 'started', 'completed', 'certified']),
          ctx,
        ),
        height: 300,
        label,
      };
    }
    const labels = this.labels(report);
    const fields: CountField[] = groupBy === 'module' ? ['started', 'completed'] : ['enrolled', 'completed'];
    return {
      options: horizontalBars(labels, series(fields), ctx),
      height: barChartHeight(labels.length, fields.length, ctx.narrow),
      label,
    };
  });

  /** Grouping by lesson: the pass rate of each quiz. */
  protected readonly quizChart = computed<DrawnChart | null>(() => {
    const report = this.detail();
    if (report?.filters.groupBy !== 'module') return null;
    const labels = this.labels(report);
    const quizzes = report.rows.map((r, i) => ({ r, label: labels[i] })).filter((x) => x.r.quiz);
    if (!quizzes.length) return null;
    const t = this.t();
    return {
      options: horizontalBars(
        quizzes.map((q) => q.label),
        [
          {
            name: t('observatory.measures.quizPassRate'),
            values: quizzes.map((q) => q.r.quizPassRate ?? null),
            colour: SERIES_COLOURS.rate,
          },
        ],
        this.chartContext(),
        'rate',
        1,
      ),
      height: barChartHeight(quizzes.length, 1, this.narrow()),
      label: t('observatory.chart.label', { title: t('observatory.chart.quizzes') }),
    };
  });

  protected readonly courseTitle = computed(() => textIn(this.detail()?.course?.title, this.language.lang()));

  protected readonly competenceFilters = computed(() => this.store.competences()?.filters ?? null);

  /** Another page of the field-practice cohorts, with the filters shown. */
  protected practicePage(offset: number): void {
    const filters = this.store.practice()?.filters;
    if (filters) this.store.loadPractice(filters, offset);
  }

  protected readonly practiceFilters = computed(() => this.store.practice()?.filters ?? null);

  protected readonly practiceCourseTitle = computed(() =>
    textIn(this.store.practice()?.course?.title, this.language.lang()),
  );

  constructor() {
    this.store.loadScope();
    effect(() => {
      const query = this.query();
      untracked(() => this.store.load(query));
    });
    // After moving to another territory the link that was followed is gone: focus the new heading.
    let shown: string | null = null;
    effect(() => {
      const id = this.overview()?.territory.id ?? null;
      if (shown !== null && id !== null && id !== shown) {
        afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
      }
      if (id !== null) shown = id;
    });
  }

  protected change(query: ObservatoryQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: paramsFromQuery(query) });
  }

  private labels(report: CompletionReport): string[] {
    const lang = this.language.lang();
    const t = this.t();
    const territory = textIn(report.territory.name, lang);
    return report.rows.map((r) => rowLabel(r, report.filters.groupBy, lang, t, territory));
  }
}
