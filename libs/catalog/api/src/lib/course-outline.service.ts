import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { CourseDraft, FieldError, PracticalTask, Quiz } from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { CourseAccess } from './course-access.service';
import { CourseDraftReader } from './course-drafts.service';
import type {
  CreateLessonDto,
  CreateModuleDto,
  ReorderDto,
  UpdateLessonDto,
  UpdateModuleDto,
} from './dto/catalog.dto';
import { CourseLessonEntity } from './entities/course-lesson.entity';
import { CourseModuleEntity } from './entities/course-module.entity';
import { assertSameSet, closeGap, renumber } from './outline-order';

/** A short, readable, unguessable-enough key for a new module or lesson (`l-3f9a0c1d2b`). */
export function newKey(prefix: 'm' | 'l'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

const EMPTY_QUIZ: Quiz = {
  passMark: 70,
  maxAttempts: null,
  revealAnswers: 'after_pass_or_last_attempt',
  questions: [],
};

/** A new task: a written answer, no rubric yet (publishing asks for one). */
const EMPTY_TASK: PracticalTask = {
  instructions: {},
  evidence: [{ kind: 'text', min: 1, max: 1 }],
  criteria: [],
  passPoints: 0,
  required: false,
};

/** The outline of a draft: its modules and their lessons, each added, changed, moved or deleted. */
@Injectable()
export class CourseOutlineService {
  constructor(
    private readonly access: CourseAccess,
    private readonly drafts: CourseDraftReader,
  ) {}

  /** Runs one change of the outline as an edit of the course and answers the whole new draft. */
  private async edit(
    principal: AuthPrincipal,
    courseId: string,
    change: (manager: EntityManager) => Promise<void>,
  ): Promise<CourseDraft> {
    await this.access.edit(principal, courseId, change);
    return this.drafts.draft(principal, courseId);
  }

  // ------------------------------------------------------------------ modules

  addModule(principal: AuthPrincipal, courseId: string, dto: CreateModuleDto): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager) => {
      const position = await manager.count(CourseModuleEntity, { where: { courseId } });
      await manager.insert(CourseModuleEntity, {
        courseId,
        key: newKey('m'),
        position,
        title: { ...dto.title },
      });
    });
  }

  updateModule(
    principal: AuthPrincipal,
    courseId: string,
    moduleId: string,
    dto: UpdateModuleDto,
  ): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager) => {
      const module = await requireModule(manager, courseId, moduleId);
      if (dto.title)
        await manager.update(
          CourseModuleEntity,
          { id: module.id },
          { title: { ...module.title, ...dto.title } },
        );
    });
  }

  deleteModule(principal: AuthPrincipal, courseId: string, moduleId: string): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager) => {
      await requireModule(manager, courseId, moduleId);
      await closeGap(manager, CourseModuleEntity, { courseId }, moduleId);
    });
  }

  reorderModules(principal: AuthPrincipal, courseId: string, dto: ReorderDto): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager) => {
      const current = await manager.find(CourseModuleEntity, { where: { courseId }, select: { id: true } });
      assertSameSet(
        current.map((m) => m.id),
        dto.ids,
      );
      await renumber(manager, CourseModuleEntity, dto.ids);
    });
  }

  // ------------------------------------------------------------------ lessons

  addLesson(
    principal: AuthPrincipal,
    courseId: string,
    moduleId: string,
    dto: CreateLessonDto,
  ): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager) => {
      await requireModule(manager, courseId, moduleId);
      assertKindFits(dto.kind, dto.media ?? null, dto.quiz ?? null, dto.task ?? null);
      assertKeys(dto.quiz);
      const position = await manager.count(CourseLessonEntity, { where: { moduleId } });
      await manager.insert(CourseLessonEntity, {
        courseId,
        moduleId,
        key: newKey('l'),
        position,
        kind: dto.kind,
        title: { ...dto.title },
        body: { ...(dto.body ?? {}) },
        media:
          dto.kind === 'media'
            ? (dto.media ?? { type: 'image', mediaHash: null, url: null, caption: {}, transcript: {} })
            : null,
        quiz: dto.kind === 'quiz' ? (dto.quiz ?? EMPTY_QUIZ) : null,
        task: dto.kind === 'task' ? (dto.task ?? EMPTY_TASK) : null,
        competences: dto.competences ?? [],
        estimatedMinutes: dto.estimatedMinutes ?? null,
      });
    });
  }

  /** Changes a lesson's fields; a new `moduleId` moves it to the end of that module. */
  updateLesson(
    principal: AuthPrincipal,
    courseId: string,
    lessonId: string,
    dto: UpdateLessonDto,
  ): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager) => {
      const lesson = await requireLesson(manager, courseId, lessonId);
      assertKindFits(
        lesson.kind,
        dto.media === undefined ? lesson.media : dto.media,
        dto.quiz === undefined ? lesson.quiz : dto.quiz,
        dto.task === undefined ? lesson.task : dto.task,
      );
      assertKeys(dto.quiz);
      if (dto.title) lesson.title = { ...lesson.title, ...dto.title };
      if (dto.body) lesson.body = { ...lesson.body, ...dto.body };
      if (dto.media !== undefined) lesson.media = dto.media;
      if (dto.quiz !== undefined) lesson.quiz = dto.quiz;
      if (dto.task !== undefined) lesson.task = dto.task;
      if (dto.competences) lesson.competences = dto.competences;
      if (dto.estimatedMinutes !== undefined) lesson.estimatedMinutes = dto.estimatedMinutes;
      const from = lesson.moduleId;
      if (dto.moduleId && dto.moduleId !== lesson.moduleId) {
        await requireModule(manager, courseId, dto.moduleId, 'moduleId');
        lesson.moduleId = dto.moduleId;
        lesson.position = await manager.count(CourseLessonEntity, { where: { moduleId: dto.moduleId } });
      }
      await manager.save(lesson);
      if (from !== lesson.moduleId) await closeGap(manager, CourseLessonEntity, { moduleId: from });
    });
  }

  deleteLesson(principal: AuthPrincipal, courseId: string, lessonId: string): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager) => {
      const lesson = await requireLesson(manager, courseId, lessonId);
      await closeGap(manager, CourseLessonEntity, { moduleId: lesson.moduleId }, lesson.id);
    });
  }

  reorderLessons(
    principal: AuthPrincipal,
    courseId: string,
    moduleId: string,
    dto: ReorderDto,
  ): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager) => {
      await requireModule(manager, courseId, moduleId);
      const current = await manager.find(CourseLessonEntity, { where: { moduleId }, select: { id: true } });
      assertSameSet(
        current.map((l) => l.id),
        dto.ids,
      );
      await renumber(manager, CourseLessonEntity, dto.ids);
    });
  }
}

/** The module of this course, or a 404 (a 422 naming `field` when the id came in the body). */
async function requireModule(
  manager: EntityManager,
  courseId: string,
  moduleId: string,
  field?: string,
): Promise<CourseModuleEntity> {
  const module = await manager.findOne(CourseModuleEntity, { where: { id: moduleId, courseId } });
  if (!module) {
    if (field) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'module-not-found',
        'Unknown module',
        undefined,
        [{ field, message: 'No such module in this course', code: 'module-unknown' }],
      );
    }
    throw new NotFoundException('No such module in this course.');
  }
  return module;
}

async function requireLesson(
  manager: EntityManager,
  courseId: string,
  lessonId: string,
): Promise<CourseLessonEntity> {
  const lesson = await manager.findOne(CourseLessonEntity, { where: { id: lessonId, courseId } });
  if (!lesson) throw new NotFoundException('No such lesson in this course.');
  return lesson;
}

/**
 * A choice question is saved with at least one option marked correct (422 otherwise, naming each such
 * question's options): a question saved without its key would grade every coach wrong.
 */
function assertKeys(quiz: Quiz | null | undefined): void {
  const errors = (quiz?.questions ?? []).flatMap((q, i) =>
    q.type !== 'short_answer' && !q.options.some((o) => o.correct)
      ? [
          {
            field: `quiz.questions[${i}].options`,
            message: `Question ${i + 1} has no option marked correct`,
            code: 'correct-option-missing' as const,
            params: { question: i + 1 },
          },
        ]
      : [],
  );
  if (errors.length)
    throw new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'correct-option-missing',
      'A question has no correct answer',
      'Mark the correct option of each choice question before saving.',
      errors,
    );
}

/** Only a media lesson has media, only a quiz lesson a quiz, only a task lesson a task (422 otherwise). */
function assertKindFits(kind: string, media: unknown, quiz: unknown, task: unknown): void {
  const errors: FieldError[] = [];
  const params = { kind };
  if (kind !== 'media' && media)
    errors.push({
      field: 'media',
      message: `A ${kind} lesson has no media`,
      code: 'lesson-without-media',
      params,
    });
  if (kind !== 'quiz' && quiz)
    errors.push({
      field: 'quiz',
      message: `A ${kind} lesson has no quiz`,
      code: 'lesson-without-quiz',
      params,
    });
  if (kind !== 'task' && task)
    errors.push({
      field: 'task',
      message: `A ${kind} lesson has no task`,
      code: 'lesson-without-task',
      params,
    });
  if (errors.length)
    throw new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'lesson-kind',
      'Content does not fit the lesson kind',
      undefined,
      errors,
    );
}
