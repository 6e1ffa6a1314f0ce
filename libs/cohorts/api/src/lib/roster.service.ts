import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import type { Roster, RosterQuery, RosterRow } from '@tc/shared/contracts';
import { type AuthPrincipal } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CatalogReader } from '@tc/catalog/api';
import { CohortsService, dueDate } from './cohorts.service';
import { EnrolmentInvitationsService } from './enrolment-invitations.service';
import { neutraliseCell } from './csv-import';

interface RosterSqlRow {
  enrolment_id: string;
  user_id: string;
  display_name: string;
  email: string;
  account_status: RosterRow['accountStatus'];
  status: 'active' | 'withdrawn';
  enrolled_at: Date;
  done: string[];
  last_activity: Date | null;
}

/**
 * Progress of each coach of a cohort, from the per-lesson summary rows the learning domain keeps; and
 * the invitations not accepted yet, beside the roster, as the addresses invited. Names, e-mails and
 * account statuses come from identity's `user_directory` view.
 */
@Injectable()
export class RosterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly catalog: CatalogReader,
    private readonly invitations: EnrolmentInvitationsService,
  ) {}

  async roster(
    principal: AuthPrincipal,
    cohortId: string,
    query: RosterQuery,
    today = new Date().toISOString().slice(0, 10),
  ): Promise<Roster> {
    const cohort = await this.cohorts.requireManageable(principal, cohortId);
    const version = await this.catalog.version(cohort.courseId, cohort.courseVersion);
    const modules = version?.content.modules ?? [];
    const allKeys = new Set(modules.flatMap((m) => m.lessons.map((l) => l.key)));
    const deadlines = new Map(cohort.deadlines.map((d) => [d.moduleKey, d]));
    const pastDue = modules.filter((m) => {
      const due = dueDate(deadlines.get(m.key), cohort.startsOn);
      return due !== null && due < today;
    });
    const rows: RosterSqlRow[] = await this.dataSource.query(
      `SELECT e.id AS enrolment_id, e.user_id, u.display_name, u.email, u.status AS account_status,
              e.status, e.enrolled_at,
              coalesce(array_agg(lp.lesson_key) FILTER (WHERE lp.completed_at IS NOT NULL), '{}') AS done,
              max(lp.last_activity_at) AS last_activity
         FROM enrolments e
         JOIN user_directory u ON u.id = e.user_id
         LEFT JOIN lesson_progress lp ON lp.enrolment_id = e.id
        WHERE e.cohort_id = $1
        GROUP BY e.id, u.id, u.display_name, u.email, u.status`,
      [cohortId],
    );
    let out: RosterRow[] = rows.map((r) => {
      const done = new Set(r.done.filter((k) => allKeys.has(k)));
      return {
        enrolmentId: r.enrolment_id,
        userId: r.user_id,
        displayName: r.display_name,
        email: r.email,
        accountStatus: r.account_status,
        enrolmentStatus: r.status,
        enrolledAt: new Date(r.enrolled_at).toISOString(),
        lessonsDone: done.size,
        lessonsTotal: allKeys.size,
        lastActivityAt: r.last_activity ? new Date(r.last_activity).toISOString() : null,
        overdueModules:
          r.status === 'active'
            ? pastDue.filter((m) => m.lessons.some((l) => !done.has(l.key))).map((m) => m.key)
            : [],
      };
    });
    if (query.status) out = out.filter((r) => r.enrolmentStatus === query.status);
    if (query.overdue !== undefined) out = out.filter((r) => r.overdueModules.length > 0 === query.overdue);
    if (query.q) {
      const q = query.q.toLowerCase();
      out = out.filter((r) => r.displayName.toLowerCase().includes(q) || r.email.includes(q));
    }
    const direction = query.order === 'desc' ? -1 : 1;
    const key: Record<NonNullable<RosterQuery['sort']>, (r: RosterRow) => string | number> = {
      name: (r) => r.displayName.toLocaleLowerCase(),
      progress: (r) => (r.lessonsTotal ? r.lessonsDone / r.lessonsTotal : 0),
      lastActivity: (r) => r.lastActivityAt ?? '',
    };
    const by = key[query.sort ?? 'name'];
    out.sort((a, b) =>
      by(a) < by(b) ? -direction : by(a) > by(b) ? direction : a.displayName.localeCompare(b.displayName),
    );
    return { cohortId, rows: out, total: out.length, invitations: await this.invitations.pending(cohortId) };
  }

  /** The roster as CSV (UTF-8 with BOM for spreadsheets); no cell starts with a formula character. */
  async rosterCsv(principal: AuthPrincipal, cohortId: string, query: RosterQuery): Promise<string> {
    const roster = await this.roster(principal, cohortId, query);
    const header = [
      'name',
      'email',
      'account',
      'enrolment',
      'enrolled_at',
      'lessons_done',
      'lessons_total',
      'last_activity',
      'overdue_modules',
    ];
    const records = roster.rows.map((r) =>
      [
        r.displayName,
        r.email,
        r.accountStatus,
        r.enrolmentStatus,
        r.enrolledAt,
        String(r.lessonsDone),
        String(r.lessonsTotal),
        r.lastActivityAt ?? '',
        r.overdueModules.join(' '),
      ].map(neutraliseCell),
    );
    const csv = '\uFEFF' + stringify([header, ...records]);
    // Names and e-mails leave the platform: audited (the entry holds the cohort and a count only).
    const [cohort] = (await this.dataSource.query('SELECT territory_id FROM cohorts WHERE id = $1', [
      cohortId,
    ])) as { territory_id: string }[];
    await writeAudit(this.dataSource.manager, {
      actorId: principal.userId,
      action: 'cohort.roster-exported',
      subjectType: 'cohort',
      subjectId: cohortId,
      territoryId: cohort?.territory_id ?? null,
      details: { format: 'csv', rows: records.length },
    });
    return csv;
  }
}
