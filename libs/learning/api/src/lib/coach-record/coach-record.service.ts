import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CoachRecord, CourseContent } from '@tc/shared/contracts';
import type { AuthPrincipal } from '@tc/shared/api';
import { DIGCOMP_AREAS, DIGCOMP_LEVELS } from '@tc/catalog/api';
import { RosterService } from '@tc/cohorts/api';
import { QuizAttemptEntity } from '../entities/quiz-attempt.entity';
import { SelfAssessmentEntity } from '../entities/self-assessment.entity';

const TITLES = new Map(DIGCOMP_AREAS.flatMap((a) => a.competences.map((c) => [c.code, c.title] as const)));

/** The DigComp competences a course covers (its own and its lessons'), in DigComp's order. */
export function coveredCompetences(content: Pick<CourseContent, 'competences' | 'modules'>): string[] {
  return [
    ...new Set([
      ...content.competences,
      ...content.modules.flatMap((m) => m.lessons.flatMap((l) => l.competences)),
    ]),
  ]
    .filter((c) => TITLES.has(c))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * A coach's record in a cohort, for its trainers and admins: the cohorts domain's part (who may see it,
 * lessons, best scores) completed with what this domain keeps: every graded quiz attempt (scores, not
 * answers) and the self-assessment at the start and the end.
 */
@Injectable()
export class CoachRecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roster: RosterService,
  ) {}

  async record(principal: AuthPrincipal, cohortId: string, enrolmentId: string): Promise<CoachRecord> {
    const { content, ...progress } = await this.roster.coach(principal, cohortId, enrolmentId);
    const attempts = await this.dataSource.manager.find(QuizAttemptEntity, {
      where: { enrolmentId },
      order: { answeredAt: 'ASC', attemptNumber: 'ASC' },
    });
    const ratings = await this.dataSource.manager.find(SelfAssessmentEntity, { where: { enrolmentId } });
    const level = (phase: 'start' | 'end', code: string) =>
      ratings.find((r) => r.phase === phase && r.competenceCode === code)?.level ?? null;
    return {
      ...progress,
      quizAttempts: attempts.map((a) => ({
        lessonKey: a.lessonKey,
        attemptNumber: a.attemptNumber,
        answeredAt: a.answeredAt.toISOString(),
        score: a.score,
        maxScore: a.maxScore,
        percent: a.percent,
        passed: a.passed,
        courseVersion: a.courseVersion,
      })),
      selfAssessment: {
        competences: coveredCompetences(content).map((code) => ({
          code,
          title: TITLES.get(code) as CoachRecord['selfAssessment']['competences'][number]['title'],
          start: level('start', code),
          end: level('end', code),
        })),
        levels: DIGCOMP_LEVELS,
      },
    };
  }
}
