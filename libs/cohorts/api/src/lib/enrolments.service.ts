import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isEmail } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import type {
  CsvImportReport,
  CsvRowProblem,
  EnrolmentResult,
  Locale,
  MyEnrolment,
} from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException, poolQuery, writeAudit } from '@tc/shared/api';
import { CatalogReader } from '@tc/catalog/api';
import {
  Provisioning,
  UserDirectory,
  type PersonToProvision,
  type ProvisionedInvitation,
} from '@tc/identity/api';
import { TerritoriesService } from '@tc/territories/api';
import { CohortsService } from './cohorts.service';
import { parseEnrolmentCsv } from './csv-import';
import { CohortEntity } from './entities/cohort.entity';
import { EnrolmentEntity, type EnrolmentSource } from './entities/enrolment.entity';

/**
 * The three ways into a cohort (e-mails, join code, CSV file), all idempotent: enrolling someone who is
 * already enrolled changes nothing; a withdrawn coach enrolled again is active again.
 */
@Injectable()
export class EnrolmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly provisioning: Provisioning,
    private readonly directory: UserDirectory,
    private readonly territories: TerritoriesService,
    private readonly catalog: CatalogReader,
  ) {}

  async enrolEmails(
    principal: AuthPrincipal,
    cohortId: string,
    emails: string[],
    language: Locale = 'fr',
  ): Promise<EnrolmentResult> {
    const cleaned = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    const invalid = cleaned.filter((e) => !isEmail(e));
    const valid = cleaned.filter((e) => isEmail(e));
    const { result, invitations } = await this.dataSource.transaction(async (manager) => {
      const cohort = await this.openCohort(principal, cohortId, manager);
      const people = valid.map((email) => ({
        email,
        displayName: email.split('@')[0] as string,
        preferredLanguage: language,
        territoryId: cohort.territoryId,
      }));
      return this.enrol(manager, principal, cohort, people, 'email');
    });
    return { ...result, invalid, invited: await this.provisioning.deliver(invitations) };
  }

  /** Dry run: report only. Commit: every row or none (422 with the problems when any row is bad). */
  async importCsv(
    principal: AuthPrincipal,
    cohortId: string,
    csv: string,
    dryRun: boolean,
  ): Promise<CsvImportReport> {
    const cohort = await this.cohorts.requireManageable(principal, cohortId);
    const parsed = parseEnrolmentCsv(csv);
    const codes = await this.territories.idsByCode(parsed.people.map((p) => p.territoryCode));
    const problems: CsvRowProblem[] = [...parsed.problems];
    const people: PersonToProvision[] = [];
    for (const p of parsed.people) {
      const territoryId = codes.get(p.territoryCode);
      if (!territoryId)
        problems.push({
          line: p.line,
          field: 'territoryCode',
          message: `Unknown territory code "${p.territoryCode}"`,
        });
      else
        people.push({
          email: p.email,
          displayName: p.fullName,
          preferredLanguage: p.preferredLanguage,
          territoryId,
        });
    }
    problems.sort((a, b) => a.line - b.line);
    const report: CsvImportReport = { dryRun, rows: parsed.rows, valid: people.length, problems };
    if (dryRun) return report;
    if (problems.length) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'csv-invalid',
        'The file has errors: nothing was imported',
        `${problems.length} problem(s); fix them and import again.`,
        problems.map((p) => ({ field: `line ${p.line}: ${p.field}`, message: p.message })),
      );
    }
    const { result, invitations } = await this.dataSource.transaction(async (manager) => {
      const locked = await this.openCohort(principal, cohort.id, manager);
      const enrolled = await this.enrol(manager, principal, locked, people, 'csv');
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'cohort.csv-imported',
        subjectType: 'cohort',
        subjectId: locked.id,
        territoryId: locked.territoryId,
        details: {
          rows: parsed.rows,
          // Counts only: the result lists e-mail addresses.
          enrolled: enrolled.result.enrolled.length,
          alreadyEnrolled: enrolled.result.alreadyEnrolled.length,
          invitations: enrolled.invitations.length,
        },
      });
      return enrolled;
    });
    return {
      ...report,
      result: { ...result, invalid: [], invited: await this.provisioning.deliver(invitations) },
    };
  }

  /** A signed-in person joins with the cohort's code (and becomes a coach of its territory). */
  async join(principal: AuthPrincipal, code: string): Promise<MyEnrolment> {
    const normalised = code.trim().toUpperCase().replace(/[\s-]/g, '');
    const enrolmentId = await this.dataSource.transaction(async (manager) => {
      const cohort = await manager.findOne(CohortEntity, {
        where: { joinCode: normalised },
        lock: { mode: 'pessimistic_write' },
      });
      if (!cohort) {
        throw new ProblemException(
          HttpStatus.NOT_FOUND,
          'join-code-unknown',
          'Unknown code',
          'No cohort has this code.',
          [{ field: 'code', message: 'No cohort has this code' }],
        );
      }
      if (cohort.status === 'closed')
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'cohort-closed',
          'Cohort closed',
          'This cohort is closed.',
        );
      const me = await this.directory.entries([principal.userId], manager);
      const person = me.get(principal.userId);
      if (!person) throw new NotFoundException();
      await this.enrol(
        manager,
        principal,
        cohort,
        [
          {
            email: person.email,
            displayName: person.displayName,
            preferredLanguage: 'fr',
            territoryId: null,
          },
        ],
        'join_code',
      );
      const row = await manager.findOneOrFail(EnrolmentEntity, {
        where: { cohortId: cohort.id, userId: principal.userId },
      });
      return row.id;
    });
    const mine = await this.mine(principal);
    return mine.find((e) => e.enrolmentId === enrolmentId) as MyEnrolment;
  }

  async withdraw(principal: AuthPrincipal, cohortId: string, enrolmentId: string): Promise<void> {
    await this.cohorts.requireManageable(principal, cohortId);
    const result = await this.dataSource.manager.update(
      EnrolmentEntity,
      { id: enrolmentId, cohortId, status: 'active' },
      { status: 'withdrawn', withdrawnAt: new Date() },
    );
    if (
      !result.affected &&
      !(await this.dataSource.manager.exists(EnrolmentEntity, { where: { id: enrolmentId, cohortId } }))
    ) {
      throw new NotFoundException('No such enrolment in this cohort.');
    }
  }

  /** The signed-in person's own enrolments, with progress. */
  async mine(principal: AuthPrincipal): Promise<MyEnrolment[]> {
    const rows: {
      id: string;
      cohort_id: string;
      name: string;
      course_id: string;
      course_version: number;
      status: 'active' | 'withdrawn';
      starts_on: string;
      ends_on: string;
      done: string[];
    }[] = await poolQuery(
      this.dataSource,
      `SELECT e.id, e.cohort_id, c.name, c.course_id, c.course_version, e.status, c.starts_on::text, c.ends_on::text,
              coalesce(array_agg(lp.lesson_key) FILTER (WHERE lp.completed_at IS NOT NULL), '{}') AS done
         FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
         LEFT JOIN lesson_progress lp ON lp.enrolment_id = e.id
        WHERE e.user_id = $1
        GROUP BY e.id, c.id
        ORDER BY c.starts_on DESC`,
      [principal.userId],
    );
    const titles = await this.catalog.titles(rows.map((r) => r.course_id));
    const out: MyEnrolment[] = [];
    for (const r of rows) {
      const version = await this.catalog.version(r.course_id, r.course_version);
      const keys = new Set(version?.content.modules.flatMap((m) => m.lessons.map((l) => l.key)) ?? []);
      out.push({
        enrolmentId: r.id,
        cohortId: r.cohort_id,
        cohortName: r.name,
        courseId: r.course_id,
        courseVersion: r.course_version,
        courseTitle: titles.get(r.course_id) ?? {},
        status: r.status,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        lessonsDone: r.done.filter((k) => keys.has(k)).length,
        lessonsTotal: keys.size,
      });
    }
    return out;
  }

  private async openCohort(
    principal: AuthPrincipal,
    cohortId: string,
    manager: EntityManager,
  ): Promise<CohortEntity> {
    const cohort = await this.cohorts.requireManageable(principal, cohortId, manager, true);
    if (cohort.status === 'closed')
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'cohort-closed',
        'Cohort closed',
        'A closed cohort takes no new coaches.',
      );
    return cohort;
  }

  /** Accounts (found or invited), the coach role in the cohort's territory, and the enrolments: set-based. */
  private async enrol(
    manager: EntityManager,
    principal: AuthPrincipal,
    cohort: CohortEntity,
    people: PersonToProvision[],
    source: EnrolmentSource,
  ): Promise<{ result: Omit<EnrolmentResult, 'invited' | 'invalid'>; invitations: ProvisionedInvitation[] }> {
    const { userIds, invitations } = await this.provisioning.ensureWithRole(
      manager,
      people,
      { role: 'coach', territoryId: cohort.territoryId },
      principal.userId,
      { cohortId: cohort.id },
    );
    const ids = [...userIds.values()];
    const inserted: { user_id: string }[] = await manager.query(
      `INSERT INTO enrolments (cohort_id, user_id, source)
       SELECT $1, unnest($2::uuid[]), $3
       ON CONFLICT ON CONSTRAINT "UQ_enrolments_cohort_user" DO NOTHING
       RETURNING user_id`,
      [cohort.id, ids, source],
    );
    // TypeORM answers an UPDATE … RETURNING as [rows, count].
    const [reactivated] = (await manager.query(
      `UPDATE enrolments SET status = 'active', withdrawn_at = NULL
        WHERE cohort_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'withdrawn'
        RETURNING user_id`,
      [cohort.id, ids],
    )) as [{ user_id: string }[], number];
    const changed = new Set([...inserted, ...reactivated].map((r) => r.user_id));
    const invitedIds = new Set(invitations.map((i) => i.userId));
    const emailOf = new Map([...userIds.entries()].map(([email, id]) => [id, email]));
    return {
      result: {
        enrolled: [...changed]
          .filter((id) => !invitedIds.has(id))
          .map((id) => emailOf.get(id) as string)
          .sort(),
        alreadyEnrolled: ids
          .filter((id) => !changed.has(id))
          .map((id) => emailOf.get(id) as string)
          .sort(),
      },
      invitations,
    };
  }
}
