import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  CoachRecord,
  CourseContent,
  Locale,
  Roster,
  RosterQuery,
  RosterRow,
} from '@tc/shared/contracts';
import { type AuthPrincipal } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CatalogReader } from '@tc/catalog/api';
import { UserDirectory } from '@tc/identity/api';
import { TerritoriesService } from '@tc/territories/api';
import { CohortsService, dueDate } from './cohorts.service';
import { EnrolmentInvitationsService } from './enrolment-invitations.service';
import { LearnerRecords } from './learner-records.service';
import { csvText, rosterFileLines, rosterFileName, type RosterFileRow } from './roster-file';

interface RosterSqlRow {
  enrolment_id: string;
  user_id: string;
  display_name: string;
  email: string;
  account_status: RosterRow['accountStatus'];
  status: 'active' | 'withdrawn';
  enrolled_at: Date;
  done: string[];
  /** Quiz lesson key → best percentage. */
  best: Record<string, number>;
  last_activity: Date | null;
}

/** What the file adds to the roster's rows, and the content its columns follow. */
export interface RosterFile {
  /** `roster-<cohort>-<day>.csv`, and its ASCII fallback. */
  name: { name: string; ascii: string };
  csv: string;
}

/**
 * A coach's record in a cohort as this domain keeps it (enrolment, lessons done, quiz best scores), for
 * the learning domain to complete with the attempts and the self-assessment; with the course version's
 * content, which the rest follows.
 */
export type CoachProgress = Omit<CoachRecord, 'quizAttempts' | 'selfAssessment'> & {
  content: CourseContent;
};

/**
 * Progress of each coach of a cohort, from the per-lesson summary rows the learning domain keeps; and
 * the invitations not accepted yet, beside the roster, as the addresses invited. Names, e-mails and
 * account statuses come from identity's `user_directory` view; where a coach works from identity's
 * directory, the territories' names from their domain.
 */
@Injectable()
export class RosterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly catalog: CatalogReader,
    private readonly invitations: EnrolmentInvitationsService,
    private readonly directory: UserDirectory,
    private readonly territories: TerritoriesService,
    private readonly records: LearnerRecords,
  ) {}

  async roster(
    principal: AuthPrincipal,
    cohortId: string,
    query: RosterQuery,
    today = new Date().toISOString().slice(0, 10),
  ): Promise<Roster> {
    const { rows } = await this.rows(principal, cohortId, query, today);
    const out = rows.map(({ done: _done, bestPercent: _best, ...row }): RosterRow => row);
    return { cohortId, rows: out, total: out.length, invitations: await this.invitations.pending(cohortId) };
  }

  /** The roster's rows, filtered and sorted, with what only the file shows; and the cohort's content. */
  private async rows(
    principal: AuthPrincipal,
    cohortId: string,
    query: RosterQuery,
    today: string,
  ): Promise<{
    rows: (RosterRow & Omit<RosterFileRow, 'territory'>)[];
    content: CourseContent | null;
    name: string;
  }> {
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
              coalesce(jsonb_object_agg(lp.lesson_key, lp.best_percent) FILTER (WHERE lp.best_percent IS NOT NULL), '{}') AS best,
              max(lp.last_activity_at) AS last_activity
         FROM enrolments e
         JOIN user_directory u ON u.id = e.user_id
         LEFT JOIN lesson_progress lp ON lp.enrolment_id = e.id
        WHERE e.cohort_id = $1
        GROUP BY e.id, u.id, u.display_name, u.email, u.status`,
      [cohortId],
    );
    let out = rows.map((r) => {
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
        done,
        bestPercent: new Map(Object.entries(r.best)),
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
    return { rows: out, content: version?.content ?? null, name: cohort.name };
  }

  /**
   * The roster as a CSV file in `lang` (see roster-file.ts): the screen's columns, where each coach
   * works, lessons done per module and each quiz's best score. Audited, as names and e-mails leave the
   * platform (the entry holds the cohort and a count only).
   */
  async rosterCsv(
    principal: AuthPrincipal,
    cohortId: string,
    query: RosterQuery,
    lang: Locale = 'fr',
    now = new Date(),
  ): Promise<RosterFile> {
    const { rows, content, name } = await this.rows(
      principal,
      cohortId,
      query,
      now.toISOString().slice(0, 10),
    );
    const workplaces = await this.directory.territoriesOf(rows.map((r) => r.userId));
    const places = await this.territories.summaries(
      [...workplaces.values()].filter((id): id is string => !!id),
    );
    const fileRows: RosterFileRow[] = rows.map((r) => {
      const place = places.get(workplaces.get(r.userId) ?? '');
      return { ...r, territory: place ? { name: place.name, code: place.code } : null };
    });
    const lines = rosterFileLines(fileRows, content ?? { modules: [], defaultLocale: 'fr' }, lang);
    const [cohort] = (await this.dataSource.query('SELECT territory_id FROM cohorts WHERE id = $1', [
      cohortId,
    ])) as { territory_id: string }[];
    await writeAudit(this.dataSource.manager, {
      actorId: principal.userId,
      action: 'cohort.roster-exported',
      subjectType: 'cohort',
      subjectId: cohortId,
      territoryId: cohort?.territory_id ?? null,
      details: { format: 'csv', rows: fileRows.length },
    });
    return { name: rosterFileName(name, now), csv: csvText(lines) };
  }

  /**
   * One coach's progress in a cohort, for its trainers and admins (404 for anyone else, and for an
   * enrolment of another cohort): the lessons of the cohort's version with when each was started and
   * done, quiz attempts counted and best scores; the name and territory, no e-mail.
   */
  async coach(
    principal: AuthPrincipal,
    cohortId: string,
    enrolmentId: string,
    today = new Date().toISOString().slice(0, 10),
  ): Promise<CoachProgress> {
    const cohort = await this.cohorts.requireManageable(principal, cohortId);
    const [enrolment] = (await this.dataSource.query(
      `SELECT e.user_id, e.status, e.enrolled_at, e.completed_at, u.display_name
         FROM enrolments e JOIN user_directory u ON u.id = e.user_id
        WHERE e.id = $1 AND e.cohort_id = $2`,
      [enrolmentId, cohortId],
    )) as {
      user_id: string;
      status: 'active' | 'withdrawn';
      enrolled_at: Date;
      completed_at: Date | null;
      display_name: string;
    }[];
    if (!enrolment) throw new NotFoundException('No such enrolment in this cohort.');
    const version = await this.catalog.version(cohort.courseId, cohort.courseVersion);
    if (!version) throw new NotFoundException('No such course version.');
    const content = version.content;
    const progress = new Map(
      (await this.records.progress(this.dataSource.manager, [enrolmentId])).map((p) => [p.lessonKey, p]),
    );
    const workplace = (await this.directory.territoriesOf([enrolment.user_id])).get(enrolment.user_id);
    const place = workplace ? (await this.territories.summaries([workplace])).get(workplace) : undefined;
    const deadlines = new Map(cohort.deadlines.map((d) => [d.moduleKey, d]));
    const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
    const modules = content.modules.map((m) => {
      const dueOn = dueDate(deadlines.get(m.key), cohort.startsOn);
      const lessons = m.lessons.map((l) => {
        const p = progress.get(l.key);
        return {
          key: l.key,
          kind: l.kind,
          title: l.title,
          startedAt: iso(p?.startedAt),
          completedAt: iso(p?.completedAt),
          attempts: p?.attempts ?? 0,
          bestPercent: p?.bestPercent ?? null,
          passMark: l.quiz?.passMark ?? null,
        };
      });
      return {
        key: m.key,
        title: m.title,
        dueOn,
        overdue:
          enrolment.status === 'active' &&
          dueOn !== null &&
          dueOn < today &&
          lessons.some((l) => !l.completedAt),
        lessons,
      };
    });
    const lessons = modules.flatMap((m) => m.lessons);
    const activity = [...progress.values()].map((p) => new Date(p.lastActivityAt).getTime());
    return {
      cohortId,
      cohortName: cohort.name,
      courseTitle: content.title,
      courseVersion: cohort.courseVersion,
      defaultLocale: content.defaultLocale,
      enrolmentId,
      displayName: enrolment.display_name,
      territory: place ? { name: place.name, code: place.code } : null,
      enrolmentStatus: enrolment.status,
      enrolledAt: new Date(enrolment.enrolled_at).toISOString(),
      completedAt: iso(enrolment.completed_at),
      lastActivityAt: activity.length ? new Date(Math.max(...activity)).toISOString() : null,
      lessonsDone: lessons.filter((l) => l.completedAt).length,
      lessonsTotal: lessons.length,
      modules,
      content,
    };
  }
}
