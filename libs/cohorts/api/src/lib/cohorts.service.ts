import { ForbiddenException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type {
  Cohort,
  CohortSummary,
  CourseContent,
  FieldError,
  ModuleDeadline,
  ProblemCode,
  ProblemParams,
  UpgradeCohortResponse,
  UpgradePreview,
} from '@tc/shared/contracts';
import {
  AuthPrincipal,
  coversTerritory,
  ProblemException,
  scopesFor,
  validationProblem,
} from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CatalogReader } from '@tc/catalog/api';
import { UserDirectory } from '@tc/identity/api';
import { TerritoriesService, idsOfPath } from '@tc/territories/api';
import type { CreateCohortDto, UpdateCohortDto } from './dto/cohorts.dto';
import { CohortTrainerEntity } from './entities/cohort-trainer.entity';
import { CohortEntity } from './entities/cohort.entity';
import { versionChanges } from './version-changes';

/** Letters and digits nobody confuses (no 0/O, 1/I/L): 31 symbols, 10 of them ≈ 49 bits. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 10;

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** `YYYY-MM-DD` plus days, in UTC (dates have no time zone here). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function dueDate(deadline: ModuleDeadline | undefined, startsOn: string): string | null {
  if (!deadline) return null;
  if (deadline.dueOn) return deadline.dueOn;
  if (deadline.daysAfterStart !== null && deadline.daysAfterStart !== undefined)
    return addDays(startsOn, deadline.daysAfterStart);
  return null;
}

/**
 * Cohorts and who may manage them: admins the cohorts of the territories their admin role covers (the
 * root's admin all); trainers the cohorts of the territories their trainer role covers. Others see
 * nothing (404). A cohort's trainers are people whose trainer (or admin) role covers its territory;
 * being listed on a cohort gives no access of its own, so a role revoked or a territory moved elsewhere
 * takes the cohort away with it.
 */
@Injectable()
export class CohortsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogReader,
    private readonly territories: TerritoriesService,
    private readonly directory: UserDirectory,
  ) {}

  async requireManageable(
    principal: AuthPrincipal,
    cohortId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CohortEntity> {
    const cohort = await manager.findOne(CohortEntity, {
      where: { id: cohortId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!cohort || !(await this.canManage(principal, cohort, manager)))
      throw new NotFoundException('No such cohort.');
    return cohort;
  }

  /**
   * A cohort's listed trainers who may still run it (their trainer or admin role covers its
   * territory): whom the cohort's work waits for (a round handed in for review). Listed but without
   * such a role any more: not told, as they could not open the cohort.
   */
  async activeTrainers(
    cohortId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const cohort = await manager.findOne(CohortEntity, { where: { id: cohortId } });
    if (!cohort) return [];
    const listed = (await manager.find(CohortTrainerEntity, { where: { cohortId } })).map((t) => t.userId);
    if (!listed.length) return [];
    const path = (await this.territories.pathsOf([cohort.territoryId], manager)).get(cohort.territoryId);
    if (!path) return [];
    const ok = await this.directory.holdingRoleOn(listed, ['trainer', 'admin'], idsOfPath(path), manager);
    return listed.filter((id) => ok.has(id));
  }

  private async canManage(
    principal: AuthPrincipal,
    cohort: CohortEntity,
    manager: EntityManager,
  ): Promise<boolean> {
    // Admins as trainers: within the territories their role covers (a regional admin, their region).
    const path = (await this.territories.pathsOf([cohort.territoryId], manager)).get(cohort.territoryId);
    return (
      !!path && (coversTerritory(principal, 'admin', path) || coversTerritory(principal, 'trainer', path))
    );
  }

  async list(principal: AuthPrincipal): Promise<CohortSummary[]> {
    const qb = this.dataSource
      .getRepository(CohortEntity)
      .createQueryBuilder('c')
      .innerJoin('territory_tree', 't', 't.id = c.territory_id')
      .orderBy('c.starts_on', 'DESC')
      .addOrderBy('c.name', 'ASC');
    // The cohorts of the territories their trainer or admin roles cover.
    const patterns = [...scopesFor(principal, 'admin'), ...scopesFor(principal, 'trainer')].map(
      (p) => `${p}%`,
    );
    qb.where('t.path LIKE ANY(:patterns)', { patterns: patterns.length ? patterns : ['-'] });
    return this.summaries(await qb.getMany());
  }

  async get(principal: AuthPrincipal, cohortId: string): Promise<Cohort> {
    return this.detail(await this.requireManageable(principal, cohortId));
  }

  async create(principal: AuthPrincipal, dto: CreateCohortDto): Promise<Cohort> {
    const path = (await this.territories.pathsOf([dto.territoryId])).get(dto.territoryId);
    if (!path) throw this.fieldProblem('territoryId', 'territory-unknown', 'No such territory');
    if (!coversTerritory(principal, 'admin', path) && !coversTerritory(principal, 'trainer', path)) {
      throw new ForbiddenException('Your trainer or admin role does not cover this territory.');
    }
    const version = await this.catalog.version(dto.courseId, dto.courseVersion);
    if (!version)
      throw this.fieldProblem('courseVersion', 'version-unknown', 'No such published version of this course');
    if (await this.catalog.isArchived(dto.courseId))
      throw this.fieldProblem('courseId', 'course-archived', 'This course is archived: no new cohorts');
    if (dto.endsOn < dto.startsOn)
      throw this.fieldProblem('endsOn', 'end-before-start', 'The end is before the start');
    this.assertDeadlines(dto.deadlines ?? [], version.content);
    const trainerIds = [...new Set([principal.userId, ...(dto.trainerIds ?? [])])];
    await this.assertTrainers(trainerIds, path);
    const id = await this.dataSource.transaction(async (manager) => {
      const cohort = await manager.save(
        manager.create(CohortEntity, {
          name: dto.name.trim(),
          courseId: dto.courseId,
          courseVersion: dto.courseVersion,
          territoryId: dto.territoryId,
          status: 'planned',
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          deadlines: dto.deadlines ?? [],
          joinCode: newJoinCode(),
          createdBy: principal.userId,
        }),
      );
      await manager.insert(
        CohortTrainerEntity,
        trainerIds.map((userId) => ({ cohortId: cohort.id, userId })),
      );
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'cohort.created',
        subjectType: 'cohort',
        subjectId: cohort.id,
        territoryId: cohort.territoryId,
        details: { courseId: cohort.courseId, version: cohort.courseVersion },
      });
      return cohort.id;
    });
    return this.get(principal, id);
  }

  /**
   * A new planned cohort of the same course version and territory, with the same dates and deadlines,
   * run by the caller and with nobody enrolled: created (and logged) as any new cohort is.
   */
  async duplicate(principal: AuthPrincipal, cohortId: string, name?: string): Promise<Cohort> {
    const source = await this.requireManageable(principal, cohortId);
    return this.create(principal, {
      name: (name?.trim() || `${source.name} (copie)`).slice(0, 160),
      courseId: source.courseId,
      courseVersion: source.courseVersion,
      territoryId: source.territoryId,
      startsOn: source.startsOn,
      endsOn: source.endsOn,
      deadlines: source.deadlines,
    });
  }

  async update(principal: AuthPrincipal, cohortId: string, dto: UpdateCohortDto): Promise<Cohort> {
    await this.dataSource.transaction(async (manager) => {
      const cohort = await this.requireManageable(principal, cohortId, manager, true);
      if (dto.name !== undefined) cohort.name = dto.name.trim();
      if (dto.startsOn !== undefined) cohort.startsOn = dto.startsOn;
      if (dto.endsOn !== undefined) cohort.endsOn = dto.endsOn;
      if (cohort.endsOn < cohort.startsOn)
        throw this.fieldProblem('endsOn', 'end-before-start', 'The end is before the start');
      if (dto.status !== undefined && dto.status !== cohort.status) {
        const allowed: Record<string, string[]> = {
          planned: ['running', 'closed'],
          running: ['closed'],
          closed: [],
        };
        if (!allowed[cohort.status]?.includes(dto.status))
          throw this.fieldProblem(
            'status',
            'status-change',
            `A ${cohort.status} cohort cannot become ${dto.status}`,
            { from: cohort.status, to: dto.status },
          );
        cohort.status = dto.status;
      }
      if (dto.deadlines !== undefined) {
        const version = await this.catalog.version(cohort.courseId, cohort.courseVersion, manager);
        this.assertDeadlines(dto.deadlines, version?.content);
        cohort.deadlines = dto.deadlines;
      }
      if (dto.joinCode !== undefined) cohort.joinCode = dto.joinCode ? newJoinCode() : null;
      if (dto.joinCode !== undefined)
        await writeAudit(manager, {
          actorId: principal.userId,
          action: 'cohort.join-code-changed',
          subjectType: 'cohort',
          subjectId: cohort.id,
          territoryId: cohort.territoryId,
          details: { enabled: dto.joinCode },
        });
      if (dto.trainerIds !== undefined) {
        if (!dto.trainerIds.length)
          throw this.fieldProblem('trainerIds', 'trainer-required', 'A cohort needs at least one trainer');
        const path = (await this.territories.pathsOf([cohort.territoryId], manager)).get(cohort.territoryId);
        await this.assertTrainers(dto.trainerIds, path ?? '', manager);
        await manager.delete(CohortTrainerEntity, { cohortId });
        await manager.insert(
          CohortTrainerEntity,
          dto.trainerIds.map((userId) => ({ cohortId, userId })),
        );
      }
      await manager.save(cohort);
    });
    return this.get(principal, cohortId);
  }

  /**
   * What moving to a newer version would change, and for whom: the lessons and modules, the active
   * coaches (all follow the new version at once), those who finished the current one (added lessons are
   * new work for them), those whose done lessons the new version removes, the deadlines that would go.
   */
  async upgradePreview(principal: AuthPrincipal, cohortId: string, number: number): Promise<UpgradePreview> {
    const cohort = await this.requireManageable(principal, cohortId);
    if (number <= cohort.courseVersion)
      throw this.fieldProblem(
        'version',
        'version-same',
        `The cohort already runs version ${cohort.courseVersion}`,
        { version: cohort.courseVersion },
      );
    const from = await this.catalog.version(cohort.courseId, cohort.courseVersion);
    const to = await this.catalog.version(cohort.courseId, number);
    if (!from || !to)
      throw this.fieldProblem('version', 'version-unknown', 'No such published version of this course');
    const changes = versionChanges(from.content, to.content);
    const [counts] = (await this.dataSource.query(
      `SELECT count(*)::int AS coaches,
              count(*) FILTER (WHERE done @> $2::text[])::int AS finished,
              count(*) FILTER (WHERE done && $3::text[])::int AS losing
         FROM (SELECT coalesce(array_agg(lp.lesson_key::text) FILTER (WHERE lp.completed_at IS NOT NULL), '{}') AS done
                 FROM enrolments e LEFT JOIN lesson_progress lp ON lp.enrolment_id = e.id
                WHERE e.cohort_id = $1 AND e.status = 'active'
                GROUP BY e.id) AS progress`,
      [
        cohort.id,
        from.content.modules.flatMap((m) => m.lessons.map((l) => l.key)),
        changes.removed.map((l) => l.key),
      ],
    )) as { coaches: number; finished: number; losing: number }[];
    const kept = new Set(to.content.modules.map((m) => m.key));
    return {
      from: cohort.courseVersion,
      to: number,
      changes,
      coaches: counts?.coaches ?? 0,
      finished: counts?.finished ?? 0,
      losingLessons: counts?.losing ?? 0,
      deadlinesDropped: from.content.modules
        .filter((m) => !kept.has(m.key) && cohort.deadlines.some((d) => d.moduleKey === m.key))
        .map((m) => ({ key: m.key, title: m.title })),
    };
  }

  /** Moves the cohort to a newer version; progress is keyed by lesson key, so completed lessons stay. */
  async upgrade(principal: AuthPrincipal, cohortId: string, number: number): Promise<UpgradeCohortResponse> {
    const changes = await this.dataSource.transaction(async (manager) => {
      const cohort = await this.requireManageable(principal, cohortId, manager, true);
      if (number <= cohort.courseVersion)
        throw this.fieldProblem(
          'version',
          'version-same',
          `The cohort already runs version ${cohort.courseVersion}`,
          { version: cohort.courseVersion },
        );
      // One query at a time on the transaction's connection (PGlite has only one).
      const from = await this.catalog.version(cohort.courseId, cohort.courseVersion, manager);
      const to = await this.catalog.version(cohort.courseId, number, manager);
      if (!from || !to)
        throw this.fieldProblem('version', 'version-unknown', 'No such published version of this course');
      const moduleKeys = new Set(to.content.modules.map((m) => m.key));
      cohort.deadlines = cohort.deadlines.filter((d) => moduleKeys.has(d.moduleKey));
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'cohort.version-changed',
        subjectType: 'cohort',
        subjectId: cohort.id,
        territoryId: cohort.territoryId,
        details: { previousVersion: cohort.courseVersion, version: number },
      });
      cohort.courseVersion = number;
      await manager.save(cohort);
      return versionChanges(from.content, to.content);
    });
    return { cohort: await this.get(principal, cohortId), changes };
  }

  private assertDeadlines(deadlines: ModuleDeadline[], content: CourseContent | undefined): void {
    const keys = new Set(content?.modules.map((m) => m.key) ?? []);
    const errors = deadlines.flatMap((d, i) => {
      const out: FieldError[] = [];
      if (!keys.has(d.moduleKey))
        out.push({
          field: `deadlines[${i}].moduleKey`,
          message: 'No such module in this course version',
          code: 'module-unknown',
        });
      const both = !!d.dueOn && d.daysAfterStart !== null && d.daysAfterStart !== undefined;
      const none = !d.dueOn && (d.daysAfterStart === null || d.daysAfterStart === undefined);
      if (both || none)
        out.push({
          field: `deadlines[${i}]`,
          message: 'Give either a date (dueOn) or a number of days after the start',
          code: 'deadline-either',
        });
      return out;
    });
    const seen = new Set<string>();
    deadlines.forEach((d, i) => {
      if (seen.has(d.moduleKey))
        errors.push({
          field: `deadlines[${i}].moduleKey`,
          message: 'Two deadlines for one module',
          code: 'deadline-duplicate',
        });
      seen.add(d.moduleKey);
    });
    if (errors.length)
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'cohort-deadlines',
        'Invalid deadlines',
        undefined,
        errors,
      );
  }

  /** Each trainer's trainer (or admin) role must cover the cohort's territory, or they could not manage it. */
  private async assertTrainers(
    ids: string[],
    territoryPath: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const ok = await this.directory.holdingRoleOn(
      ids,
      ['trainer', 'admin'],
      idsOfPath(territoryPath),
      manager,
    );
    const bad = ids.filter((id) => !ok.has(id));
    if (bad.length)
      throw validationProblem([
        {
          field: 'trainerIds',
          message: `No trainer role over this cohort's territory: ${bad.join(', ')}`,
          code: 'not-trainer-of-territory',
        },
      ]);
  }

  private fieldProblem(
    field: string,
    code: ProblemCode,
    message: string,
    params?: ProblemParams,
  ): ProblemException {
    return new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'cohort-invalid',
      'Invalid cohort',
      undefined,
      [{ field, message, code, ...(params ? { params } : {}) }],
    );
  }

  private async summaries(cohorts: CohortEntity[]): Promise<CohortSummary[]> {
    if (!cohorts.length) return [];
    const ids = cohorts.map((c) => c.id);
    const [titles, territories, trainers, counts] = await Promise.all([
      this.catalog.titles(cohorts.map((c) => c.courseId)),
      this.territories.summaries(cohorts.map((c) => c.territoryId)),
      this.dataSource.manager.find(CohortTrainerEntity, { where: ids.map((cohortId) => ({ cohortId })) }),
      this.dataSource.query(
        `SELECT cohort_id, count(*)::int AS n FROM enrolments WHERE status = 'active' AND cohort_id = ANY($1::uuid[]) GROUP BY cohort_id`,
        [ids],
      ) as Promise<{ cohort_id: string; n: number }[]>,
    ]);
    const people = await this.directory.entries(trainers.map((t) => t.userId));
    const count = new Map(counts.map((c) => [c.cohort_id, c.n]));
    return cohorts.map((c) => ({
      id: c.id,
      name: c.name,
      courseId: c.courseId,
      courseTitle: titles.get(c.courseId) ?? {},
      courseVersion: c.courseVersion,
      territoryId: c.territoryId,
      territoryName: territories.get(c.territoryId)?.name ?? { fr: '', ar: '', en: '' },
      status: c.status,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      trainers: trainers
        .filter((t) => t.cohortId === c.id)
        .map((t) => ({ id: t.userId, displayName: people.get(t.userId)?.displayName ?? '' })),
      enrolledCount: count.get(c.id) ?? 0,
    }));
  }

  private async detail(cohort: CohortEntity): Promise<Cohort> {
    const [summary] = await this.summaries([cohort]);
    const version = await this.catalog.version(cohort.courseId, cohort.courseVersion);
    const byModule = new Map(cohort.deadlines.map((d) => [d.moduleKey, d]));
    return {
      ...(summary as CohortSummary),
      deadlines: cohort.deadlines,
      modules: (version?.content.modules ?? []).map((m) => ({
        key: m.key,
        title: m.title,
        dueOn: dueDate(byModule.get(m.key), cohort.startsOn),
      })),
      joinCode: cohort.joinCode,
      newerVersions: await this.catalog.newerVersions(cohort.courseId, cohort.courseVersion),
    };
  }
}
