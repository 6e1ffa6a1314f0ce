import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  maturityScores,
  type CreateFieldCommentRequest,
  type CreateMaturityCheckRequest,
  type CreateMilestoneRequest,
  type FieldComment,
  type MaturityAnswers,
  type MaturityCheck,
  type MaturityScores,
  type Milestone,
  type OrganisationLog,
} from '@tc/shared/contracts';
import { ProblemException, transactionQuery, validationProblem, type AuthPrincipal } from '@tc/shared/api';
import { NotificationsService } from '@tc/notifications/api';
import { iso, organisationOf, readableOrganisation, writableOrganisation } from './field-access';
import { assertFieldDay } from './field-dates';
import { refreshImpactFacts } from './impact/impact-facts';
import { VisitsService } from './visits.service';

export const idTaken = () =>
  new ProblemException(HttpStatus.CONFLICT, 'field-record-id-taken', 'This id is taken', undefined, [
    { field: 'id', message: 'Another record has this id', code: 'field-record-id-taken' },
  ]);

interface CheckRow {
  id: string;
  organisation_id: string;
  taken_on: string;
  answers: MaturityAnswers | string;
  overall: number;
  dimensions: MaturityScores['dimensions'] | string;
  coach_id: string;
  coach_name: string | null;
  created_at: Date | string;
}

interface MilestoneRow {
  id: string;
  organisation_id: string;
  kind: Milestone['kind'];
  reached_on: string;
  evidence_url: string | null;
  evidence_note: string | null;
  coach_id: string;
  coach_name: string | null;
  created_at: Date | string;
}

interface CommentRow {
  id: string;
  organisation_id: string;
  visit_id: string | null;
  author_id: string;
  author_name: string | null;
  author_role: FieldComment['authorRole'];
  body: string;
  created_at: Date | string;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

const CHECK_SQL = `SELECT c.id, c.organisation_id, to_char(c.taken_on, 'YYYY-MM-DD') AS taken_on, c.answers, c.overall,
    c.dimensions, c.coach_id, u.display_name AS coach_name, c.created_at
  FROM field_checks c LEFT JOIN user_directory u ON u.id = c.coach_id`;
const MILESTONE_SQL = `SELECT m.id, m.organisation_id, m.kind, to_char(m.reached_on, 'YYYY-MM-DD') AS reached_on,
    m.evidence_url, m.evidence_note, m.coach_id, u.display_name AS coach_name, m.created_at
  FROM field_milestones m LEFT JOIN user_directory u ON u.id = m.coach_id`;
const COMMENT_SQL = `SELECT f.id, f.organisation_id, f.visit_id, f.author_id, u.display_name AS author_name, f.author_role,
    f.body, f.created_at
  FROM field_comments f LEFT JOIN user_directory u ON u.id = f.author_id`;

/**
 * One organisation's log: its maturity checks, milestones and comments (visits: {@link VisitsService}),
 * read by whoever may see the organisation and written by its coaches; supervisors comment. Records
 * carry the client's id: the same record sent again answers as it did, an id held by another record
 * is a conflict (409).
 */
@Injectable()
export class FieldLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly visits: VisitsService,
    private readonly notifications: NotificationsService,
  ) {}

  async log(principal: AuthPrincipal, id: string): Promise<OrganisationLog> {
    const manager = this.dataSource.manager;
    const row = await readableOrganisation(manager, principal, id);
    // One after the other: the embedded database has one connection.
    const checks = await transactionQuery<CheckRow>(
      manager,
      `${CHECK_SQL} WHERE c.organisation_id = $1 ORDER BY c.taken_on DESC, c.created_at DESC, c.id DESC`,
      [id],
    );
    const visits = await this.visits.ofOrganisation(manager, id);
    const milestones = await transactionQuery<MilestoneRow>(
      manager,
      `${MILESTONE_SQL} WHERE m.organisation_id = $1 ORDER BY m.reached_on DESC, m.created_at DESC, m.id DESC`,
      [id],
    );
    const comments = await transactionQuery<CommentRow>(
      manager,
      `${COMMENT_SQL} WHERE f.organisation_id = $1 ORDER BY f.created_at DESC, f.id DESC`,
      [id],
    );
    const requests =
      row.access === 'owner'
        ? await transactionQuery<{ coach_id: string; name: string | null; requested_at: Date | string }>(
            manager,
            `SELECT r.coach_id, u.display_name AS name, r.requested_at
               FROM field_share_requests r LEFT JOIN user_directory u ON u.id = r.coach_id
              WHERE r.organisation_id = $1 ORDER BY r.requested_at DESC, r.coach_id`,
            [id],
          )
        : [];
    return {
      organisation: organisationOf(row),
      checks: checks.map(checkOf),
      visits,
      milestones: milestones.map(milestoneOf),
      comments: comments.map(commentOf),
      shareRequests: requests.map((r) => ({
        coach: { id: r.coach_id, name: r.name ?? '' },
        requestedAt: iso(r.requested_at),
      })),
    };
  }

  /** A check by one of its coaches, scored by the contracts' one rule. */
  async createCheck(
    principal: AuthPrincipal,
    organisationId: string,
    dto: CreateMaturityCheckRequest,
  ): Promise<MaturityCheck> {
    assertFieldDay(dto.takenOn, 'takenOn');
    return this.dataSource.transaction(async (manager) => {
      await writableOrganisation(manager, principal, organisationId);
      const again = await this.sameRecord(
        manager,
        'field_checks',
        'coach_id',
        dto.id,
        organisationId,
        principal,
      );
      if (!again) {
        const scores = maturityScores(dto.answers);
        await transactionQuery(
          manager,
          `INSERT INTO field_checks (id, organisation_id, coach_id, taken_on, answers, overall, dimensions)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb)`,
          [
            dto.id,
            organisationId,
            principal.userId,
            dto.takenOn,
            JSON.stringify(dto.answers),
            scores.overall,
            JSON.stringify(scores.dimensions),
          ],
        );
        await refreshImpactFacts(manager, [organisationId]);
      }
      const [row] = await transactionQuery<CheckRow>(manager, `${CHECK_SQL} WHERE c.id = $1`, [dto.id]);
      return checkOf(row as CheckRow);
    });
  }

  /** A milestone, reached once per organisation (another record of a reached kind: 409). */
  async createMilestone(
    principal: AuthPrincipal,
    organisationId: string,
    dto: CreateMilestoneRequest,
  ): Promise<Milestone> {
    assertFieldDay(dto.reachedOn, 'reachedOn');
    return this.dataSource.transaction(async (manager) => {
      await writableOrganisation(manager, principal, organisationId);
      const again = await this.sameRecord(
        manager,
        'field_milestones',
        'coach_id',
        dto.id,
        organisationId,
        principal,
      );
      if (!again) {
        const inserted = await transactionQuery<{ id: string }>(
          manager,
          `INSERT INTO field_milestones (id, organisation_id, coach_id, kind, reached_on, evidence_url, evidence_note)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (organisation_id, kind) DO NOTHING RETURNING id`,
          [
            dto.id,
            organisationId,
            principal.userId,
            dto.kind,
            dto.reachedOn,
            dto.evidenceUrl?.trim() || null,
            dto.evidenceNote?.trim() || null,
          ],
        );
        if (!inserted.length)
          throw new ProblemException(
            HttpStatus.CONFLICT,
            'milestone-already-reached',
            'This milestone is already recorded for this organisation',
            undefined,
            [{ field: 'kind', message: 'Already reached', code: 'milestone-already-reached' }],
          );
        await refreshImpactFacts(manager, [organisationId]);
      }
      const [row] = await transactionQuery<MilestoneRow>(manager, `${MILESTONE_SQL} WHERE m.id = $1`, [
        dto.id,
      ]);
      return milestoneOf(row as MilestoneRow);
    });
  }

  /** One of its coaches takes a milestone back (recorded by mistake); already gone: nothing changes. */
  async removeMilestone(
    principal: AuthPrincipal,
    organisationId: string,
    milestoneId: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await writableOrganisation(manager, principal, organisationId);
      const removed = await transactionQuery(
        manager,
        'DELETE FROM field_milestones WHERE id = $1 AND organisation_id = $2 RETURNING id',
        [milestoneId, organisationId],
      );
      if (removed.length) await refreshImpactFacts(manager, [organisationId]);
    });
  }

  /**
   * A comment by whoever may see the organisation. A supervisor's tells its coach and, on a visit, the
   * visit's coach (`fieldwork.commented`), once per comment.
   */
  async comment(
    principal: AuthPrincipal,
    organisationId: string,
    dto: CreateFieldCommentRequest,
  ): Promise<FieldComment> {
    return this.dataSource.transaction(async (manager) => {
      const org = await readableOrganisation(manager, principal, organisationId);
      const role =
        org.access === 'owner' || org.access === 'shared' ? 'coach' : (org.access as 'admin' | 'trainer');
      const again = await this.sameRecord(
        manager,
        'field_comments',
        'author_id',
        dto.id,
        organisationId,
        principal,
      );
      if (!again) {
        const visitId = dto.visitId ?? null;
        let visitCoach: string | null = null;
        if (visitId !== null) {
          const [visit] = await transactionQuery<{ coach_id: string }>(
            manager,
            'SELECT coach_id FROM field_visits WHERE id = $1 AND organisation_id = $2',
            [visitId, organisationId],
          );
          if (!visit)
            throw validationProblem([
              { field: 'visitId', message: 'Not a visit of this organisation', code: 'visit-unknown' },
            ]);
          visitCoach = visit.coach_id;
        }
        await transactionQuery(
          manager,
          `INSERT INTO field_comments (id, organisation_id, visit_id, author_id, author_role, body)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [dto.id, organisationId, visitId, principal.userId, role, dto.body.trim()],
        );
        if (role !== 'coach')
          for (const recipientId of new Set([org.owner_id, ...(visitCoach ? [visitCoach] : [])]))
            if (recipientId !== principal.userId)
              await this.notifications.notify(manager, {
                recipientId,
                kind: 'fieldwork.commented',
                subject: { type: 'organisation', id: organisationId },
                moment: dto.id,
                params: { organisationName: org.name },
              });
      }
      const [row] = await transactionQuery<CommentRow>(manager, `${COMMENT_SQL} WHERE f.id = $1`, [dto.id]);
      return commentOf(row as CommentRow);
    });
  }

  /**
   * Whether this id is already this person's record of this organisation (a resend: true); held by
   * another record: 409; free: false.
   */
  private async sameRecord(
    manager: EntityManager,
    table: 'field_checks' | 'field_milestones' | 'field_comments',
    personColumn: 'coach_id' | 'author_id',
    id: string,
    organisationId: string,
    principal: AuthPrincipal,
  ): Promise<boolean> {
    const [row] = await transactionQuery<{ organisation_id: string; person: string }>(
      manager,
      `SELECT organisation_id, ${personColumn} AS person FROM ${table} WHERE id = $1`,
      [id],
    );
    if (!row) return false;
    if (row.organisation_id !== organisationId || row.person !== principal.userId) throw idTaken();
    return true;
  }
}

function checkOf(r: CheckRow): MaturityCheck {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    takenOn: r.taken_on,
    answers: json(r.answers),
    scores: { overall: Number(r.overall), dimensions: json(r.dimensions) },
    by: { id: r.coach_id, name: r.coach_name ?? '' },
    createdAt: iso(r.created_at),
  };
}

function milestoneOf(r: MilestoneRow): Milestone {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind,
    reachedOn: r.reached_on,
    evidenceUrl: r.evidence_url,
    evidenceNote: r.evidence_note,
    by: { id: r.coach_id, name: r.coach_name ?? '' },
    createdAt: iso(r.created_at),
  };
}

function commentOf(r: CommentRow): FieldComment {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    visitId: r.visit_id,
    author: { id: r.author_id, name: r.author_name ?? '' },
    authorRole: r.author_role,
    body: r.body,
    createdAt: iso(r.created_at),
  };
}
