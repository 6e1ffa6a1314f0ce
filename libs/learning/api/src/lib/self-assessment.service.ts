import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AssessmentPhase, FieldError, SelfAssessment } from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { DIGCOMP_AREAS, DIGCOMP_LEVELS } from '@tc/catalog/api';
import { LearnerRecords } from '@tc/cohorts/api';
import { SelfAssessmentEntity } from './entities/self-assessment.entity';
import { ProgressService } from './progress.service';

const TITLES = new Map(DIGCOMP_AREAS.flatMap((a) => a.competences.map((c) => [c.code, c.title] as const)));

/** Coaches rate themselves on the course's DigComp competences before and after; skippable. */
@Injectable()
export class SelfAssessmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: LearnerRecords,
    private readonly progress: ProgressService,
  ) {}

  async get(principal: AuthPrincipal, enrolmentId: string): Promise<SelfAssessment> {
    const { enrolment, codes } = await this.context(principal, enrolmentId);
    const rows = await this.dataSource.manager.find(SelfAssessmentEntity, { where: { enrolmentId } });
    const phase = (p: AssessmentPhase) =>
      Object.fromEntries(rows.filter((r) => r.phase === p).map((r) => [r.competenceCode, r.level]));
    return {
      competences: codes.map((code) => ({
        code,
        title: TITLES.get(code) as SelfAssessment['competences'][number]['title'],
      })),
      levels: DIGCOMP_LEVELS,
      start: phase('start'),
      end: phase('end'),
      endAvailable: !!enrolment.completedAt,
    };
  }

  /** Replaces the ratings of a phase (an empty object records a skip: nothing). */
  async put(
    principal: AuthPrincipal,
    enrolmentId: string,
    phase: AssessmentPhase,
    ratings: Record<string, unknown>,
  ): Promise<SelfAssessment> {
    const { enrolment, codes } = await this.context(principal, enrolmentId);
    if (phase === 'end' && !enrolment.completedAt) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'assessment-too-early',
        'Not yet',
        'The end self-assessment opens when you complete the course.',
      );
    }
    const allowed = new Set(codes);
    const errors = Object.entries(ratings).flatMap(([code, level]): FieldError[] =>
      !allowed.has(code)
        ? [
            {
              field: `ratings.${code}`,
              message: 'This course does not cover this competence',
              code: 'competence-not-covered',
            },
          ]
        : !Number.isInteger(level) || (level as number) < 1 || (level as number) > 8
          ? [
              {
                field: `ratings.${code}`,
                message: 'A level is a whole number from 1 to 8',
                code: 'out-of-range',
                params: { min: 1, max: 8 },
              },
            ]
          : [],
    );
    if (errors.length)
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'validation', 'Invalid request', undefined, errors);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(SelfAssessmentEntity, { enrolmentId, phase });
      const rows = Object.entries(ratings).map(([competenceCode, level]) => ({
        enrolmentId,
        phase,
        competenceCode,
        level: level as number,
      }));
      if (rows.length) await manager.insert(SelfAssessmentEntity, rows);
    });
    return this.get(principal, enrolmentId);
  }

  private async context(principal: AuthPrincipal, enrolmentId: string) {
    const enrolment = (await this.records.enrolments(this.dataSource.manager, [enrolmentId])).get(
      enrolmentId,
    );
    if (!enrolment || enrolment.userId !== principal.userId)
      throw new NotFoundException('No such enrolment.');
    const content = (await this.progress.contents(this.dataSource.manager, [enrolment])).get(enrolmentId);
    const codes = [
      ...new Set([
        ...(content?.competences ?? []),
        ...(content?.modules.flatMap((m) => m.lessons.flatMap((l) => l.competences)) ?? []),
      ]),
    ]
      .filter((c) => TITLES.has(c))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return { enrolment, codes };
  }
}
