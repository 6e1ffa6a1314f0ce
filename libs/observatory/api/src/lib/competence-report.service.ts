import { Inject, Injectable } from '@nestjs/common';
import type { CompetenceAreaRow, CompetenceReport } from '@tc/shared/contracts';
import type { AuthPrincipal } from '@tc/shared/api';
import { DIGCOMP_AREAS } from '@tc/catalog/api';
import { OBSERVATORY_OPTIONS, type ObservatoryOptions } from './observatory.options';
import { ObservatoryScopeService, observatoryTerritory } from './observatory-scope.service';
import { fieldProblem, sliceOf, type StatisticsQuery } from './statistics-query';
import { StatisticsRepository } from './statistics.repository';
import { suppressColumn } from './suppression';

/** DigComp coverage of a territory (completions per area) and self-assessed gain per competence. */
@Injectable()
export class CompetenceReportService {
  constructor(
    private readonly stats: StatisticsRepository,
    private readonly scope: ObservatoryScopeService,
    @Inject(OBSERVATORY_OPTIONS) private readonly options: ObservatoryOptions,
  ) {}

  async competences(
    principal: AuthPrincipal,
    query: Omit<StatisticsQuery, 'groupBy'>,
  ): Promise<CompetenceReport> {
    const k = this.options.k;
    const { territory, breadcrumb } = await this.scope.place(principal, query.territoryId);
    const slice = sliceOf(territory, query);
    const courses = await this.scope.courses([territory.path]);
    if (query.courseId && !courses.has(query.courseId))
      throw fieldProblem(
        'courseId',
        'course-not-in-territory',
        'No cohort of this course in the territory (or no such course)',
      );
    const [byCourse, sums] = await Promise.all([
      this.stats.funnel(slice, 'course_id'),
      this.stats.assessments(slice),
    ]);
    const sumsOf = new Map(sums.map((s) => [s.competenceCode, s]));
    let suppressed = 0;
    const areas: CompetenceAreaRow[] = DIGCOMP_AREAS.map((area) => {
      const codes = new Set(area.competences.map((c) => c.code));
      let completions = 0;
      for (const [courseId, funnel] of byCourse) {
        const covered = courses.get(courseId)?.content.competences ?? [];
        if (covered.some((c) => codes.has(c))) completions += funnel.completed;
      }
      const [shownCompletions] = suppressColumn([completions], null, k).cells;
      if (shownCompletions === null) suppressed++;
      return {
        code: area.code,
        title: area.title,
        completions: shownCompletions ?? null,
        competences: area.competences.map((c) => {
          const s = sumsOf.get(c.code);
          const assessed = s?.assessed ?? 0;
          const [shown] = suppressColumn([assessed], null, k).cells;
          const hidden = shown === null;
          if (hidden) suppressed += 4;
          const before = !hidden && s && assessed ? round2(s.sumBefore / assessed) : null;
          const after = !hidden && s && assessed ? round2(s.sumAfter / assessed) : null;
          return {
            code: c.code,
            title: c.title,
            assessed: shown ?? null,
            before,
            after,
            gain: before !== null && after !== null ? round2(after - before) : null,
          };
        }),
      };
    });
    return {
      filters: {
        territoryId: territory.id,
        from: query.from ?? null,
        to: query.to ?? null,
        courseId: query.courseId ?? null,
      },
      territory: observatoryTerritory(territory),
      breadcrumb: breadcrumb.map(observatoryTerritory),
      k,
      areas,
      suppressedCells: suppressed,
      generatedAt: new Date().toISOString(),
    };
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
