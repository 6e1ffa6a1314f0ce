import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ObservatoryScope, ObservatoryTerritory } from '@tc/shared/contracts';
import { type AuthPrincipal, ProblemException } from '@tc/shared/api';
import { CatalogReader, type PublishedVersion } from '@tc/catalog/api';
import { OBSERVATORY_OPTIONS, type ObservatoryOptions } from './observatory.options';
import { StatisticsRepository, type TerritoryRow } from './statistics.repository';

/**
 * What a caller may look at: the territories their observer and admin roles cover (and their
 * subdivisions), and the courses with cohorts there. Every report starts here.
 */
@Injectable()
export class ObservatoryScopeService {
  constructor(
    private readonly stats: StatisticsRepository,
    private readonly catalog: CatalogReader,
    @Inject(OBSERVATORY_OPTIONS) private readonly options: ObservatoryOptions,
  ) {}

  async scope(principal: AuthPrincipal): Promise<ObservatoryScope> {
    const roots = await this.scopeRoots(principal);
    const courses = await this.courses(roots.map((r) => r.path));
    return {
      territories: roots.map(observatoryTerritory),
      courses: [...courses.values()].map((v) => ({ id: v.courseId, title: v.content.title })),
      k: this.options.k,
    };
  }

  /** The territory asked for (default: the top of the caller's scope), checked against the scope. */
  async place(
    principal: AuthPrincipal,
    territoryId: string | undefined,
  ): Promise<{ territory: TerritoryRow; breadcrumb: TerritoryRow[] }> {
    const scopes = scopePaths(principal);
    let territory: TerritoryRow | undefined;
    // The territory asked for comes with its ancestors (the breadcrumb's rows) in one query.
    let known = new Map<string, TerritoryRow>();
    if (territoryId) {
      known = await this.stats.withAncestors(territoryId);
      territory = known.get(territoryId);
      if (!territory)
        throw new ProblemException(HttpStatus.NOT_FOUND, 'not-found', 'No such territory', undefined, [
          { field: 'territoryId', message: 'No such territory', code: 'territory-unknown' },
        ]);
    } else territory = (await this.scopeRoots(principal))[0];
    if (!territory || !scopes.some((s) => territory.path.startsWith(s)))
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'outside-scope',
        'Outside your territories',
        'You may look at the territories your observer role covers, and their subdivisions.',
        [{ field: 'territoryId', message: 'Outside your territories', code: 'outside-scope' }],
      );
    // Drill-up links: from the top of the covering scope down to the territory.
    const scope = scopes
      .filter((s) => territory.path.startsWith(s))
      .sort((a, b) => a.length - b.length)[0] as string;
    const ids = territory.path.split('/').filter(Boolean);
    const fromDepth = scope.split('/').filter(Boolean).length - 1;
    const chain = ids.slice(fromDepth);
    const rows = chain.every((id) => known.has(id)) ? known : await this.stats.territories(chain);
    return { territory, breadcrumb: chain.map((id) => rows.get(id)).filter((t): t is TerritoryRow => !!t) };
  }

  /** Latest published version of each course with cohorts under these paths. */
  async courses(paths: string[]): Promise<Map<string, PublishedVersion>> {
    const out = new Map<string, PublishedVersion>();
    for (const path of paths)
      for (const { courseId, latest } of await this.stats.coursesIn(path)) {
        if (out.has(courseId)) continue;
        const version = await this.catalog.version(courseId, latest);
        if (version) out.set(courseId, version);
      }
    return out;
  }

  private async scopeRoots(principal: AuthPrincipal): Promise<TerritoryRow[]> {
    const paths = scopePaths(principal);
    // Only the outermost: a scope inside another adds nothing.
    const outer = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
    const ids = [...new Set(outer.map((p) => p.split('/').filter(Boolean).pop() as string))];
    const rows = await this.stats.territories(ids);
    return [...rows.values()].sort((a, b) => a.depth - b.depth || a.nameFr.localeCompare(b.nameFr, 'fr'));
  }
}

/** The paths the caller's observer and admin roles cover. */
function scopePaths(principal: AuthPrincipal): string[] {
  return principal.roles
    .filter((r) => r.role === 'observer' || r.role === 'admin')
    .map((r) => r.territoryPath);
}

/** A territory as reports name it. */
export function observatoryTerritory(t: TerritoryRow): ObservatoryTerritory {
  return {
    id: t.id,
    code: t.code ?? '',
    name: { fr: t.nameFr, ar: t.nameAr, en: t.nameEn },
    drillable: t.hasChildren,
  };
}
