import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  NUDGE_COACH_INTERVAL_HOURS,
  NUDGES_PER_TRAINER_PER_HOUR,
  type NudgeRequest,
  type NudgeResult,
} from '@tc/shared/contracts';
import { ProblemException, transactionQuery, type AuthPrincipal } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CohortsService, LearnerRecords } from '@tc/cohorts/api';
import { NotificationsService } from '@tc/notifications/api';

/** A trainer's hourly cap reached: 429, and when to try again. */
export class NudgeLimitReached extends ProblemException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      'too-many-requests',
      'Too many nudges',
      `At most ${NUDGES_PER_TRAINER_PER_HOUR} nudges an hour. Try again in ${retryAfterSeconds} seconds.`,
    );
  }
}

/**
 * A trainer's nudges to some of a cohort's coaches (tables `nudges`, `nudge_recipients`; SQL only).
 * Whoever may manage the cohort (its trainers, the admins of its territory) sends them; anyone else
 * is told the cohort does not exist (404). Each coach named gets a `coach.nudged` notification (moment:
 * the nudge), unless nudged in this cohort within {@link NUDGE_COACH_INTERVAL_HOURS} hours, withdrawn or
 * finished, or not of this cohort: those are listed as skipped, with the reason. A trainer sends at
 * most {@link NUDGES_PER_TRAINER_PER_HOUR} nudges an hour, counted in the database (so across
 * replicas); past it, 429. Audited (`cohort.nudged`): who, the cohort, how many told and skipped; not
 * the message, free text that may say something personal about the coach (it goes to the coaches'
 * notifications only).
 */
@Injectable()
export class NudgesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly records: LearnerRecords,
    private readonly notifications: NotificationsService,
  ) {}

  async nudge(principal: AuthPrincipal, cohortId: string, dto: NudgeRequest): Promise<NudgeResult> {
    return this.dataSource.transaction(async (manager) => {
      const cohort = await this.cohorts.requireManageable(principal, cohortId, manager);
      // One nudge of this trainer at a time (the hourly count), and one per cohort at a time (each
      // coach's last nudge): two requests at once cannot both pass a limit.
      await transactionQuery(manager, `SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `nudges:trainer:${principal.userId}`,
      ]);
      await transactionQuery(manager, `SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `nudges:cohort:${cohortId}`,
      ]);
      const [sent] = await transactionQuery<{ n: number; wait: number | null }>(
        manager,
        `SELECT count(*)::int AS n,
                ceil(extract(epoch FROM min(created_at) + interval '1 hour' - now()))::int AS wait
           FROM nudges WHERE trainer_id = $1 AND created_at > now() - interval '1 hour'`,
        [principal.userId],
      );
      if ((sent?.n ?? 0) >= NUDGES_PER_TRAINER_PER_HOUR)
        throw new NudgeLimitReached(Math.max(1, sent?.wait ?? 3600));

      const ids = [...new Set(dto.enrolmentIds.map((id) => id.toLowerCase()))];
      const enrolments = await this.records.enrolments(manager, ids);
      const recent = new Set(
        (
          await transactionQuery<{ enrolment_id: string }>(
            manager,
            `SELECT DISTINCT enrolment_id FROM nudge_recipients
              WHERE enrolment_id = ANY($1::uuid[]) AND created_at > now() - make_interval(hours => $2)`,
            [ids, NUDGE_COACH_INTERVAL_HOURS],
          )
        ).map((r) => r.enrolment_id),
      );
      const result: NudgeResult = { nudgeId: null, nudged: [], skipped: [] };
      const told: { enrolmentId: string; userId: string }[] = [];
      for (const id of ids) {
        const e = enrolments.get(id);
        if (!e || e.cohortId !== cohortId) result.skipped.push({ enrolmentId: id, reason: 'not-in-cohort' });
        else if (e.status !== 'active' || e.completedAt)
          result.skipped.push({ enrolmentId: id, reason: 'not-active' });
        else if (recent.has(id)) result.skipped.push({ enrolmentId: id, reason: 'nudged-recently' });
        else told.push({ enrolmentId: id, userId: e.userId });
      }
      if (told.length) {
        const [nudge] = await transactionQuery<{ id: string }>(
          manager,
          `INSERT INTO nudges (cohort_id, trainer_id, recipients) VALUES ($1, $2, $3) RETURNING id`,
          [cohortId, principal.userId, told.length],
        );
        const nudgeId = nudge!.id;
        await transactionQuery(
          manager,
          `INSERT INTO nudge_recipients (nudge_id, enrolment_id) SELECT $1, unnest($2::uuid[])`,
          [nudgeId, told.map((t) => t.enrolmentId)],
        );
        const message = dto.message?.trim();
        await this.notifications.notifyMany(
          manager,
          told.map((t) => ({
            recipientId: t.userId,
            kind: 'coach.nudged' as const,
            subject: { type: 'enrolment' as const, id: t.enrolmentId },
            moment: nudgeId,
            params: { cohortId, enrolmentId: t.enrolmentId, ...(message ? { message } : {}) },
          })),
        );
        result.nudgeId = nudgeId;
        result.nudged = told.map((t) => t.enrolmentId);
      }
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'cohort.nudged',
        subjectType: 'cohort',
        subjectId: cohortId,
        territoryId: cohort.territoryId,
        details: { count: result.nudged.length, skipped: result.skipped.length },
      });
      return result;
    });
  }
}
