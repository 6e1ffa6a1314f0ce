import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  type FieldError,
  type Locale,
  type QuizAttemptResult,
  type QuizQuestion,
  type Quiz,
  grade,
} from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { LearnerRecords } from '@tc/cohorts/api';
import { CLOCK_SKEW_MS, ProgressService } from './progress.service';
import type { QuizAttemptDto } from './dto/learning.dto';
import { QuizAttemptEntity } from './entities/quiz-attempt.entity';

function text(t: Partial<Record<Locale, string>> | undefined, locale: Locale, fallback: Locale): string {
  return t?.[locale]?.trim() || t?.[fallback]?.trim() || '';
}

/** Quizzes graded on the server, attempts limited as the trainer set, the best score counting. */
@Injectable()
export class QuizzesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: LearnerRecords,
    private readonly progress: ProgressService,
  ) {}

  async attempt(
    principal: AuthPrincipal,
    enrolmentId: string,
    lessonKey: string,
    dto: QuizAttemptDto,
    locale: Locale,
    now = new Date(),
  ): Promise<QuizAttemptResult> {
    return this.dataSource.transaction(async (manager) => {
      const enrolment = (await this.records.enrolments(manager, [enrolmentId], true)).get(enrolmentId);
      if (!enrolment || enrolment.userId !== principal.userId)
        throw new NotFoundException('No such enrolment.');
      const content = (await this.progress.contents(manager, [enrolment])).get(enrolment.id);
      const lesson = content?.modules.flatMap((m) => m.lessons).find((l) => l.key === lessonKey);
      if (!content || !lesson || lesson.kind !== 'quiz' || !lesson.quiz)
        throw new NotFoundException('No such quiz in this course.');
      const quiz = lesson.quiz;

      if (dto.attemptId) {
        const replay = await manager.findOne(QuizAttemptEntity, { where: { id: dto.attemptId } });
        if (replay) {
          if (replay.enrolmentId !== enrolmentId || replay.lessonKey !== lessonKey)
            throw new NotFoundException('No such attempt.');
          return this.result(manager, quiz, replay, content.defaultLocale, locale);
        }
      }
      if (enrolment.status !== 'active') {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'enrolment-withdrawn',
          'Enrolment withdrawn',
          'You are no longer enrolled in this cohort.',
        );
      }
      const answeredAt = dto.answeredAt ? new Date(dto.answeredAt) : now;
      if (answeredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          'attempt-in-future',
          'Answer time in the future',
          undefined,
          [{ field: 'answeredAt', message: 'is in the future', code: 'attempt-in-future' }],
        );
      }
      if (answeredAt.getTime() < enrolment.enrolledAt.getTime() - CLOCK_SKEW_MS) {
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          'attempt-before-enrolment',
          'Answer time before the enrolment',
          undefined,
          [{ field: 'answeredAt', message: 'is before the enrolment', code: 'attempt-before-enrolment' }],
        );
      }
      this.assertAnswerShapes(quiz.questions, dto.answers);
      const previous = await manager.count(QuizAttemptEntity, { where: { enrolmentId, lessonKey } });
      const alreadyPassed = await manager.exists(QuizAttemptEntity, {
        where: { enrolmentId, lessonKey, passed: true },
      });
      // A pass completes the lesson; answering again is for improving the score, when allowed.
      if (alreadyPassed && quiz.allowImprove !== true) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'quiz-already-passed',
          'Quiz already passed',
          'This quiz is passed; the trainer does not allow answering it again.',
        );
      }
      if (quiz.maxAttempts !== null && previous >= quiz.maxAttempts) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'attempts-exhausted',
          'No attempt left',
          `This quiz allows ${quiz.maxAttempts} attempt(s).`,
        );
      }
      const g = grade(quiz, dto.answers);
      const attempt = await manager.save(
        manager.create(QuizAttemptEntity, {
          id: dto.attemptId ?? randomUUID(),
          enrolmentId,
          lessonKey,
          attemptNumber: previous + 1,
          courseVersion: enrolment.courseVersion,
          answers: dto.answers,
          score: g.score,
          maxScore: g.maxScore,
          percent: g.percent,
          passed: g.passed,
          correct: g.correct,
          answeredAt,
        }),
      );
      const merged = await this.records.mergeProgress(manager, [
        {
          enrolmentId,
          cohortId: enrolment.cohortId,
          lessonKey,
          startedAt: answeredAt,
          completedAt: g.passed ? answeredAt : null,
          lastActivityAt: answeredAt,
          attemptPercent: g.percent,
        },
      ]);
      if (g.passed && !alreadyPassed)
        await this.progress.updateCompletion(
          manager,
          [enrolment],
          new Map([[enrolment.id, content]]),
          now,
          merged.rows,
        );
      return this.result(manager, quiz, attempt, content.defaultLocale, locale);
    });
  }

  private assertAnswerShapes(questions: QuizQuestion[], answers: Record<string, unknown>): void {
    const byKey = new Map(questions.map((q) => [q.key, q]));
    const errors: FieldError[] = [];
    for (const [key, value] of Object.entries(answers)) {
      const q = byKey.get(key);
      if (!q) errors.push({ field: `answers.${key}`, message: 'No such question', code: 'question-unknown' });
      else if (
        q.type === 'short_answer'
          ? typeof value !== 'string' || value.length > 500
          : !(
              typeof value === 'string' ||
              (Array.isArray(value) && value.length <= 20 && value.every((v) => typeof v === 'string'))
            )
      ) {
        errors.push({
          field: `answers.${key}`,
          message:
            q.type === 'short_answer'
              ? 'must be a text of at most 500 characters'
              : 'must be an option key or a list of option keys',
          code: 'answer-invalid',
        });
      }
    }
    if (errors.length)
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'validation',
        'Invalid request',
        'The answers do not fit the quiz.',
        errors,
      );
  }

  private async result(
    manager: import('typeorm').EntityManager,
    quiz: Quiz,
    attempt: QuizAttemptEntity,
    fallback: Locale,
    locale: Locale,
  ): Promise<QuizAttemptResult> {
    const all = await manager.find(QuizAttemptEntity, {
      where: { enrolmentId: attempt.enrolmentId, lessonKey: attempt.lessonKey },
      select: { percent: true, passed: true, attemptNumber: true },
    });
    const used = all.length;
    const attemptsLeft = quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - used);
    const everPassed = all.some((a) => a.passed && a.attemptNumber <= attempt.attemptNumber);
    const lastAllowed = quiz.maxAttempts !== null && attempt.attemptNumber >= quiz.maxAttempts;
    const reveal = quiz.revealAnswers !== 'never' && (everPassed || lastAllowed);
    return {
      attemptId: attempt.id,
      attemptNumber: attempt.attemptNumber,
      score: attempt.score,
      maxScore: attempt.maxScore,
      percent: attempt.percent,
      passed: attempt.passed,
      passMark: quiz.passMark,
      attemptsLeft,
      bestPercent: Math.max(...all.map((a) => a.percent)),
      answersRevealed: reveal,
      questions: quiz.questions.map((q) => {
        const base = { key: q.key, correct: !!attempt.correct[q.key] };
        if (!reveal) return base;
        const chosen = new Set(
          Array.isArray(attempt.answers[q.key])
            ? (attempt.answers[q.key] as string[])
            : [attempt.answers[q.key] as string],
        );
        return {
          ...base,
          correctAnswers:
            q.type === 'short_answer'
              ? q.acceptedAnswers.slice(0, 1)
              : q.options.filter((o) => o.correct).map((o) => o.key),
          feedback: q.options
            .filter((o) => chosen.has(o.key) && o.feedback)
            .map((o) => text(o.feedback, locale, fallback)),
          explanation: text(q.explanation, locale, fallback) || undefined,
        };
      }),
    };
  }
}
