import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CourseContent, CourseDraft, FieldError } from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { unknownCompetences } from './content/competences';
import { refreshDraftHash } from './course-draft-content';
import { CourseDraftReader } from './course-drafts.service';
import type { CourseFileDto } from './dto/catalog.dto';
import { CourseLessonEntity } from './entities/course-lesson.entity';
import { CourseModuleEntity } from './entities/course-module.entity';
import { freeSlug, saveNewCourse } from './new-course';

/** Course files (`tc-course/1`) and other whole contents become new drafts. */
@Injectable()
export class CourseImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drafts: CourseDraftReader,
  ) {}

  /** A file becomes a new draft owned by the importer; keys are kept, a taken slug gets a suffix. */
  async importFile(principal: AuthPrincipal, file: CourseFileDto): Promise<CourseDraft> {
    const { format: _format, exportedAt: _exportedAt, source: _source, ...content } = file;
    const errors = [
      ...duplicateKeys(content),
      ...unknownCompetences(content).map((field): FieldError => ({
        field,
        message: 'Not a DigComp 2.2 competence',
        code: 'unknown-competence',
      })),
    ];
    for (const [i, m] of content.modules.entries()) {
      for (const [j, l] of m.lessons.entries()) {
        if (l.kind !== 'quiz' && l.quiz)
          errors.push({
            field: `modules[${i}].lessons[${j}].quiz`,
            message: `A ${l.kind} lesson has no quiz`,
            code: 'lesson-without-quiz',
            params: { kind: l.kind },
          });
        if (l.kind !== 'media' && l.media)
          errors.push({
            field: `modules[${i}].lessons[${j}].media`,
            message: `A ${l.kind} lesson has no media`,
            code: 'lesson-without-media',
            params: { kind: l.kind },
          });
        if (l.kind !== 'task' && l.task)
          errors.push({
            field: `modules[${i}].lessons[${j}].task`,
            message: `A ${l.kind} lesson has no task`,
            code: 'lesson-without-task',
            params: { kind: l.kind },
          });
      }
    }
    if (errors.length) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'import-invalid',
        'The course file is not valid',
        `${errors.length} problem(s) in the file.`,
        errors,
      );
    }
    const id = await this.dataSource.transaction((manager) =>
      this.createFromContent(manager, principal.userId, content as CourseContent),
    );
    return this.drafts.draft(principal, id);
  }

  /**
   * Creates a whole draft from content in the caller's transaction (keys kept, a taken slug gets a
   * suffix) and answers its id. The content is not checked here: the caller has checked it.
   */
  async createFromContent(manager: EntityManager, ownerId: string, content: CourseContent): Promise<string> {
    const slug = await freeSlug(manager, content.slug, true);
    const course = await saveNewCourse(manager, ownerId, slug, content);
    for (const [i, m] of content.modules.entries()) {
      const module = await manager.save(
        manager.create(CourseModuleEntity, { courseId: course.id, key: m.key, position: i, title: m.title }),
      );
      for (const [j, l] of m.lessons.entries()) {
        await manager.insert(CourseLessonEntity, {
          courseId: course.id,
          moduleId: module.id,
          key: l.key,
          position: j,
          kind: l.kind,
          title: l.title,
          body: l.body,
          media: l.kind === 'media' ? l.media : null,
          quiz: l.kind === 'quiz' ? l.quiz : null,
          task: l.kind === 'task' ? (l.task ?? null) : null,
          competences: l.competences,
          estimatedMinutes: l.estimatedMinutes,
        });
      }
    }
    await refreshDraftHash(manager, course.id);
    return course.id;
  }
}

/**
 * Lesson keys are unique in a course, module keys too, question keys in a quiz, option keys in a
 * question, criterion keys in a task and level keys in a criterion.
 */
function duplicateKeys(content: Pick<CourseContent, 'modules'>): FieldError[] {
  const errors: FieldError[] = [];
  const seen = (keys: string[], field: (i: number) => string) => {
    const s = new Set<string>();
    keys.forEach((k, i) => {
      if (s.has(k))
        errors.push({
          field: field(i),
          message: `Duplicate key "${k}"`,
          code: 'duplicate-key',
          params: { key: k },
        });
      s.add(k);
    });
  };
  seen(
    content.modules.map((m) => m.key),
    (i) => `modules[${i}].key`,
  );
  const lessonPaths = content.modules.flatMap((m, i) =>
    m.lessons.map((l, j) => ({ key: l.key, path: `modules[${i}].lessons[${j}].key` })),
  );
  seen(
    lessonPaths.map((l) => l.key),
    (n) => lessonPaths[n]?.path ?? '',
  );
  content.modules.forEach((m, i) =>
    m.lessons.forEach((l, j) => {
      const questions = l.quiz?.questions ?? [];
      seen(
        questions.map((q) => q.key),
        (k) => `modules[${i}].lessons[${j}].quiz.questions[${k}].key`,
      );
      questions.forEach((q, k) =>
        seen(
          q.options.map((o) => o.key),
          (o) => `modules[${i}].lessons[${j}].quiz.questions[${k}].options[${o}].key`,
        ),
      );
      const criteria = l.task?.criteria ?? [];
      seen(
        criteria.map((c) => c.key),
        (k) => `modules[${i}].lessons[${j}].task.criteria[${k}].key`,
      );
      criteria.forEach((c, k) =>
        seen(
          c.levels.map((v) => v.key),
          (v) => `modules[${i}].lessons[${j}].task.criteria[${k}].levels[${v}].key`,
        ),
      );
    }),
  );
  return errors;
}
