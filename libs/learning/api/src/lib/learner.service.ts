import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { LearnerCourse, LessonState, Locale } from '@tc/shared/contracts';
import type { AuthPrincipal } from '@tc/shared/api';
import { coachCourse, MediaService } from '@tc/catalog/api';
import { dueDate, LearnerRecords } from '@tc/cohorts/api';
import { UserDirectory } from '@tc/identity/api';
import { ProgressService } from './progress.service';
import { lessonsDone, type LessonFacts } from './rules/completion';

/** The course as one coach follows it: their version, their language, their progress. */
@Injectable()
export class LearnerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: LearnerRecords,
    private readonly progress: ProgressService,
    private readonly directory: UserDirectory,
    private readonly media: MediaService,
  ) {}

  async course(principal: AuthPrincipal, enrolmentId: string, requested?: Locale): Promise<LearnerCourse> {
    const manager = this.dataSource.manager;
    const enrolment = (await this.records.enrolments(manager, [enrolmentId])).get(enrolmentId);
    if (!enrolment || enrolment.userId !== principal.userId)
      throw new NotFoundException('No such enrolment.');
    const content = (await this.progress.contents(manager, [enrolment])).get(enrolment.id);
    if (!content) throw new NotFoundException('The course version is gone.');
    const locale = requested ?? ((await this.preferredLanguage(principal.userId)) as Locale);
    const rows = await this.records.progress(manager, [enrolment.id]);
    const byKey = new Map(rows.map((r) => [r.lessonKey, r]));
    const lessons: LearnerCourse['lessons'] = {};
    const quizzes: LearnerCourse['quizzes'] = {};
    const facts = new Map<string, LessonFacts>();
    let nextLessonKey: string | null = null;
    for (const lesson of content.modules.flatMap((m) => m.lessons)) {
      const row = byKey.get(lesson.key);
      const state: LessonState = row?.completedAt ? 'completed' : row?.startedAt ? 'started' : 'not_started';
      lessons[lesson.key] = {
        state,
        lastActivityAt: row?.lastActivityAt ? new Date(row.lastActivityAt).toISOString() : null,
      };
      facts.set(lesson.key, { completed: !!row?.completedAt, passed: !!row?.completedAt });
      if (lesson.kind === 'quiz' && lesson.quiz) {
        const attempts = row?.attempts ?? 0;
        quizzes[lesson.key] = {
          attempts,
          bestPercent: row?.bestPercent ?? null,
          passed: !!row?.completedAt,
          attemptsLeft:
            lesson.quiz.maxAttempts === null ? null : Math.max(0, lesson.quiz.maxAttempts - attempts),
        };
      }
      if (!nextLessonKey && state !== 'completed') nextLessonKey = lesson.key;
    }
    const deadlines = new Map(enrolment.deadlines.map((d) => [d.moduleKey, d]));
    return {
      enrolmentId: enrolment.id,
      cohortName: enrolment.cohortName,
      status: enrolment.status,
      completedAt: enrolment.completedAt ? new Date(enrolment.completedAt).toISOString() : null,
      course: coachCourse(
        content,
        locale,
        { courseId: enrolment.courseId, version: enrolment.courseVersion },
        await this.media.imagesOf(content),
      ),
      requestedLocale: locale,
      lessons,
      quizzes,
      deadlines: Object.fromEntries(
        content.modules.map((m) => [m.key, dueDate(deadlines.get(m.key), enrolment.startsOn)]),
      ),
      nextLessonKey,
      lessonsDone: lessonsDone(content, facts),
      lessonsTotal: content.modules.reduce((n, m) => n + m.lessons.length, 0),
    };
  }

  private async preferredLanguage(userId: string): Promise<string> {
    return (await this.directory.preferredLanguage(userId)) ?? 'fr';
  }
}
