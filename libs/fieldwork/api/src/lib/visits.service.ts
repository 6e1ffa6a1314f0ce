import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppliedLesson, FieldError, SaveVisitRequest, Visit } from '@tc/shared/contracts';
import { ProblemException, transactionQuery, validationProblem, type AuthPrincipal } from '@tc/shared/api';
import { DIGCOMP_AREAS } from '@tc/catalog/api';
import { iso, writableOrganisation } from './field-access';
import { assertFieldDay } from './field-dates';
import { refreshImpactFacts } from './impact/impact-facts';

const COMPETENCES = new Set(DIGCOMP_AREAS.flatMap((a) => a.competences.map((c) => c.code)));

interface VisitRow {
  id: string;
  organisation_id: string;
  visited_on: string;
  minutes: number;
  mode: Visit['mode'];
  competences: string[] | string;
  lessons: AppliedLesson[] | string;
  notes: string;
  next_steps: string;
  coach_id: string;
  coach_name: string | null;
  created_at: Date | string;
}

const VISIT_SQL = `SELECT v.id, v.organisation_id, to_char(v.visited_on, 'YYYY-MM-DD') AS visited_on, v.minutes, v.mode,
    v.competences, v.lessons, v.notes, v.next_steps, v.coach_id, u.display_name AS coach_name, v.created_at
  FROM field_visits v LEFT JOIN user_directory u ON u.id = v.coach_id`;

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * A coach's visits to an organisation: recorded by one of its coaches (PUT with the client's id),
 * edited and deleted by the visit's own coach. The DigComp competences worked on are checked against
 * the catalog's reference list; the lessons applied must be of a course the coach is or was enrolled
 * in (the cohorts' published `enrolment_directory` and `cohort_directory`); their keys are checked for
 * shape only (the course's content is not read), their titles are the coach's copy.
 */
@Injectable()
export class VisitsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ofOrganisation(manager: EntityManager, organisationId: string): Promise<Visit[]> {
    const rows = await transactionQuery<VisitRow>(
      manager,
      `${VISIT_SQL} WHERE v.organisation_id = $1 ORDER BY v.visited_on DESC, v.created_at DESC, v.id DESC`,
      [organisationId],
    );
    return rows.map(visitOf);
  }

  /**
   * Records (created: true) or edits a visit. The same visit sent again before any edit answers as its
   * recording did; the id of another organisation's or another coach's record: 409; a coach it is
   * shared with may not edit another coach's visit (403).
   */
  async save(
    principal: AuthPrincipal,
    organisationId: string,
    visitId: string,
    dto: SaveVisitRequest,
  ): Promise<{ created: boolean; visit: Visit }> {
    if (dto.id !== visitId)
      throw validationProblem([{ field: 'id', message: "The path's visit id", code: 'invalid' }]);
    assertFieldDay(dto.visitedOn, 'visitedOn');
    const unknown = dto.competences
      .map((code, i): FieldError | null =>
        COMPETENCES.has(code)
          ? null
          : {
              field: `competences[${i}]`,
              message: 'Not a DigComp 2.2 competence',
              code: 'unknown-competence',
            },
      )
      .filter((e): e is FieldError => e !== null);
    if (unknown.length) throw validationProblem(unknown);
    return this.dataSource.transaction(async (manager) => {
      await writableOrganisation(manager, principal, organisationId);
      await this.assertEnrolled(manager, principal.userId, dto.lessons);
      const values = [
        visitId,
        organisationId,
        principal.userId,
        dto.visitedOn,
        dto.minutes,
        dto.mode,
        JSON.stringify([...new Set(dto.competences)]),
        JSON.stringify(
          dto.lessons.map((l) => ({ courseId: l.courseId, lessonKey: l.lessonKey, title: l.title.trim() })),
        ),
        dto.notes ?? '',
        dto.nextSteps ?? '',
      ];
      const [existing] = await transactionQuery<{
        organisation_id: string;
        coach_id: string;
        same: boolean;
        edited: boolean;
      }>(
        manager,
        `SELECT organisation_id, coach_id,
                (visited_on = $2::date AND minutes = $3 AND mode = $4 AND competences = $5::jsonb
                 AND lessons = $6::jsonb AND notes = $7 AND next_steps = $8) AS same,
                updated_at > created_at AS edited
           FROM field_visits WHERE id = $1 FOR UPDATE`,
        [visitId, ...values.slice(3)],
      );
      let created = false;
      if (!existing) {
        await transactionQuery(
          manager,
          `INSERT INTO field_visits (id, organisation_id, coach_id, visited_on, minutes, mode, competences, lessons,
                  notes, next_steps)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
          values,
        );
        created = true;
      } else {
        if (existing.organisation_id !== organisationId) throw idTakenVisit();
        if (existing.coach_id !== principal.userId) throw notOwnVisit();
        if (existing.same && !existing.edited) created = true;
        else
          await transactionQuery(
            manager,
            `UPDATE field_visits SET visited_on = $4, minutes = $5, mode = $6, competences = $7::jsonb,
                    lessons = $8::jsonb, notes = $9, next_steps = $10,
                    updated_at = GREATEST(now(), created_at + interval '1 microsecond')
              WHERE id = $1 AND organisation_id = $2 AND coach_id = $3`,
            values,
          );
      }
      if (!created || !existing) await refreshImpactFacts(manager, [organisationId]);
      const [row] = await transactionQuery<VisitRow>(manager, `${VISIT_SQL} WHERE v.id = $1`, [visitId]);
      return { created, visit: visitOf(row as VisitRow) };
    });
  }

  /** The visit's own coach deletes it (and the comments on it); already gone: nothing changes. */
  async remove(principal: AuthPrincipal, organisationId: string, visitId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await writableOrganisation(manager, principal, organisationId);
      const [visit] = await transactionQuery<{ coach_id: string }>(
        manager,
        'SELECT coach_id FROM field_visits WHERE id = $1 AND organisation_id = $2 FOR UPDATE',
        [visitId, organisationId],
      );
      if (!visit) return;
      if (visit.coach_id !== principal.userId) throw notOwnVisit();
      await transactionQuery(manager, 'DELETE FROM field_visits WHERE id = $1', [visitId]);
      await refreshImpactFacts(manager, [organisationId]);
    });
  }

  /** Every applied lesson's course is one the coach is or was enrolled in, else a problem on that lesson. */
  private async assertEnrolled(
    manager: EntityManager,
    coachId: string,
    lessons: AppliedLesson[],
  ): Promise<void> {
    if (!lessons.length) return;
    const rows = await transactionQuery<{ course_id: string }>(
      manager,
      `SELECT DISTINCT c.course_id FROM enrolment_directory e JOIN cohort_directory c ON c.id = e.cohort_id
        WHERE e.user_id = $1 AND c.course_id = ANY($2::uuid[])`,
      [coachId, [...new Set(lessons.map((l) => l.courseId))]],
    );
    const enrolled = new Set(rows.map((r) => r.course_id));
    const refused = lessons
      .map((l, i): FieldError | null =>
        enrolled.has(l.courseId)
          ? null
          : {
              field: `lessons[${i}].courseId`,
              message: 'Not a course you are or were enrolled in',
              code: 'lesson-not-enrolled',
            },
      )
      .filter((e): e is FieldError => e !== null);
    if (refused.length) throw validationProblem(refused);
  }
}

const idTakenVisit = () =>
  new ProblemException(HttpStatus.CONFLICT, 'field-record-id-taken', 'This id is taken', undefined, [
    { field: 'id', message: 'Another record has this id', code: 'field-record-id-taken' },
  ]);
const notOwnVisit = () =>
  new ProblemException(HttpStatus.FORBIDDEN, 'field-record-not-own', 'Only its coach may change this visit');

function visitOf(r: VisitRow): Visit {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    visitedOn: r.visited_on,
    minutes: Number(r.minutes),
    mode: r.mode,
    competences: json(r.competences),
    lessons: json(r.lessons),
    notes: r.notes,
    nextSteps: r.next_steps,
    by: { id: r.coach_id, name: r.coach_name ?? '' },
    createdAt: iso(r.created_at),
  };
}
