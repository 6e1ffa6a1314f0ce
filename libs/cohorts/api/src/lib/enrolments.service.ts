import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type {
  CsvImportReport,
  CsvRowProblem,
  EnrolmentResult,
  FieldError,
  Locale,
  MyEnrolment,
} from '@tc/shared/contracts';
import {
  AuthPrincipal,
  isPlainEmail,
  normalizeDisplayName,
  ProblemException,
  poolQuery,
} from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CatalogReader } from '@tc/catalog/api';
import {
  LinksService,
  Provisioning,
  UserDirectory,
  type PersonToProvision,
  type ProvisionedInvitation,
} from '@tc/identity/api';
import { TerritoriesService, idsOfPath } from '@tc/territories/api';
import { CohortsService } from './cohorts.service';
import { parseEnrolmentCsv } from './csv-import';
import { activateEnrolments } from './enrolment-rows';
import { CohortEntity } from './entities/cohort.entity';
import { EnrolmentInvitationEntity } from './entities/enrolment-invitation.entity';
import { EnrolmentEntity } from './entities/enrolment.entity';

/**
 * The three ways into a cohort (e-mails, join code, CSV file), all idempotent: enrolling someone who is
 * already enrolled changes nothing; a withdrawn coach enrolled again is active again.
 *
 * A trainer enrols at once only coaches the cohort's territory already covers (a coach role on it or
 * on an ancestor). Anyone else, a new address or an existing account (an admin, an observer, a trainer
 * of another region), is invited: no role and no enrolment until they accept, and the trainer's answer
 * is the same for both, so enrolling says nothing about which addresses have an account. Joining with
 * the code is the person's own act and enrols them at once.
 */
@Injectable()
export class EnrolmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly provisioning: Provisioning,
    private readonly links: LinksService,
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
    const invalid = cleaned.filter((e) => !isPlainEmail(e));
    const valid = cleaned.filter((e) => isPlainEmail(e));
    const { result, invitations } = await this.dataSource.transaction(async (manager) => {
      const cohort = await this.openCohort(principal, cohortId, manager);
      const people = valid.map((email) => ({
        email,
        // Until the person gives a name: the address's local part, kept as a name is.
        displayName: normalizeDisplayName(email.split('@')[0] as string) || email,
        preferredLanguage: language,
        territoryId: cohort.territoryId,
      }));
      const enrolled = await this.enrol(manager, principal, cohort, people, 'email');
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'cohort.invited',
        subjectType: 'cohort',
        subjectId: cohort.id,
        territoryId: cohort.territoryId,
        // Counts only, as for a CSV import: the result lists e-mail addresses.
        details: {
          addresses: valid.length,
          enrolled: enrolled.result.enrolled.length,
          alreadyEnrolled: enrolled.result.alreadyEnrolled.length,
          alreadyInvited: enrolled.result.alreadyInvited.length,
          invitations: enrolled.invitations.length,
        },
      });
      return enrolled;
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
          code: 'territory-code-unknown',
          params: { value: p.territoryCode },
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
        problems.map((p): FieldError => ({
          field: `line ${p.line}: ${p.field}`,
          message: p.message,
          code: p.code,
          params: { ...p.params, line: p.line },
        })),
        { count: problems.length },
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
          alreadyInvited: enrolled.result.alreadyInvited.length,
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
          [{ field: 'code', message: 'No cohort has this code', code: 'join-code-unknown' }],
        );
      }
      if (cohort.status === 'closed')
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'cohort-closed',
          'Cohort closed',
          'This cohort is closed.',
        );
      await this.provisioning.grantRole(
        manager,
        [principal.userId],
        { role: 'coach', territoryId: cohort.territoryId },
        principal.userId,
        { cohortId: cohort.id },
      );
      await activateEnrolments(manager, cohort.id, [principal.userId], 'join_code');
      await this.closeInvitations(manager, cohort.id, [principal.userId]);
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

  /**
   * Accounts found or created; coaches of the cohort's territory enrolled, everyone else invited (a
   * link issued, delivered after the commit): set-based whatever the count.
   */
  private async enrol(
    manager: EntityManager,
    principal: AuthPrincipal,
    cohort: CohortEntity,
    people: PersonToProvision[],
    source: 'email' | 'csv',
  ): Promise<{ result: Omit<EnrolmentResult, 'invited' | 'invalid'>; invitations: ProvisionedInvitation[] }> {
    const accounts = await this.provisioning.findOrCreate(manager, people);
    const emailOf = new Map([...accounts.entries()].map(([email, a]) => [a.userId, email]));
    const emails = (ids: Iterable<string>) => [...ids].map((id) => emailOf.get(id) as string).sort();
    const nameOf = new Map(people.map((p) => [p.email.trim().toLowerCase(), p.displayName]));
    const path = (await this.territories.pathsOf([cohort.territoryId], manager)).get(cohort.territoryId);
    const existing = [...accounts.values()].filter((a) => !a.created).map((a) => a.userId);
    const coaches = await this.directory.holdingRoleOn(existing, ['coach'], idsOfPath(path ?? ''), manager);

    // Coaches the territory already covers: enrolled now (or again), as the trainer could see them.
    const direct = [...coaches];
    const changed = await activateEnrolments(manager, cohort.id, direct, source);
    await this.closeInvitations(manager, cohort.id, direct);

    // Everyone else: on the roster already, invited already (the link still valid), or invited now.
    const others = [...accounts.values()].filter((a) => !coaches.has(a.userId));
    const otherIds = others.map((a) => a.userId);
    const enrolled = new Set(
      (
        (await manager.query(
          `SELECT user_id FROM enrolments WHERE cohort_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'active'`,
          [cohort.id, otherIds],
        )) as { user_id: string }[]
      ).map((r) => r.user_id),
    );
    const notEnrolled = otherIds.filter((id) => !enrolled.has(id));
    const open = notEnrolled.length
      ? await manager.find(EnrolmentInvitationEntity, {
          where: { cohortId: cohort.id, userId: In(notEnrolled) },
        })
      : [];
    const linkStates = await this.links.states(
      manager,
      open.map((i) => i.actionTokenId),
    );
    const stillOpen = new Set(
      open.filter((i) => linkStates.get(i.actionTokenId)?.usable).map((i) => i.userId),
    );
    const newAccount = new Set(open.filter((i) => i.newAccount).map((i) => i.userId));
    for (const a of others) if (a.created) newAccount.add(a.userId);
    const toInvite = others.filter((a) => !enrolled.has(a.userId) && !stillOpen.has(a.userId));
    const invitations = await this.provisioning.issueLinks(
      manager,
      toInvite
        .map((a) => ({
          userId: a.userId,
          email: emailOf.get(a.userId) as string,
          // A link that sets a password only for an account this cohort's invitation created.
          purpose: newAccount.has(a.userId) ? ('invitation' as const) : ('enrolment' as const),
        }))
        .sort((a, b) => a.email.localeCompare(b.email)),
      principal.userId,
    );
    if (invitations.length) {
      await manager.query(
        `INSERT INTO enrolment_invitations
                (cohort_id, user_id, email, name, source, new_account, action_token_id, invited_by)
         SELECT $1, u.user_id, u.email, u.name, $2, u.new_account, u.token_id, $3
           FROM unnest($4::uuid[], $5::varchar[], $6::varchar[], $7::boolean[], $8::uuid[])
                AS u(user_id, email, name, new_account, token_id)
         ON CONFLICT ON CONSTRAINT "UQ_enrolment_invitations_cohort_user" DO UPDATE
            SET action_token_id = EXCLUDED.action_token_id, email = EXCLUDED.email, name = EXCLUDED.name,
                source = EXCLUDED.source, invited_by = EXCLUDED.invited_by, invited_at = now(),
                sent_at = now(), accepted_at = NULL`,
        [
          cohort.id,
          source,
          principal.userId,
          invitations.map((i) => i.userId),
          invitations.map((i) => i.email),
          // The name the trainer gave (a CSV file's), never the account's.
          invitations.map((i) => (source === 'csv' ? (nameOf.get(i.email) ?? null) : null)),
          invitations.map((i) => newAccount.has(i.userId)),
          invitations.map((i) => i.tokenId),
        ],
      );
    }
    return {
      result: {
        enrolled: emails(changed),
        alreadyEnrolled: emails([...direct.filter((id) => !changed.has(id)), ...enrolled]),
        alreadyInvited: emails(stillOpen),
      },
      invitations,
    };
  }

  /** Invitations made moot (the person is enrolled now): gone, their links with them. */
  private async closeInvitations(manager: EntityManager, cohortId: string, userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    const closed = await manager.find(EnrolmentInvitationEntity, {
      where: { cohortId, userId: In(userIds) },
    });
    if (!closed.length) return;
    await this.links.revoke(
      manager,
      closed.map((i) => i.actionTokenId),
    );
    await manager.delete(EnrolmentInvitationEntity, { id: In(closed.map((i) => i.id)) });
  }
}
