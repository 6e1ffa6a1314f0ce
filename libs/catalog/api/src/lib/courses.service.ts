import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { CourseContent, CourseDraft, CourseSummary, LessonContent, Quiz } from '@tc/shared/contracts';
import { AuthPrincipal, hasRole, ProblemException } from '@tc/shared/api';
import { UserDirectory } from '@tc/identity/api';
import { contentHash } from './content/canonical';
import type {
  CreateCourseDto,
  CreateLessonDto,
  CreateModuleDto,
  ReorderDto,
  UpdateCourseDto,
  UpdateLessonDto,
  UpdateModuleDto,
} from './dto/catalog.dto';
import { CourseCoAuthorEntity } from './entities/course-co-author.entity';
import { CourseEntity } from './entities/course.entity';
import { CourseLessonEntity } from './entities/course-lesson.entity';
import { CourseModuleEntity } from './entities/course-module.entity';
import { CourseVersionEntity } from './entities/course-version.entity';
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

/** Lesson fields as stored, shaped for the content snapshot. */
function lessonContent(l: CourseLessonEntity): LessonContent {
  return {
    key: l.key,
    kind: l.kind,
    title: l.title,
    competences: l.competences,
    estimatedMinutes: l.estimatedMinutes,
    body: l.body,
    media: l.media,
    quiz: l.quiz,
  };
}

/**
 * The course draft: who may edit it, and every edit. Each edit runs in one transaction that locks the
 * course row (edits of one course are serialised), then refreshes the draft's content hash.
 */
@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: UserDirectory,
  ) {}

  // ------------------------------------------------------------------ access

  /** Owners, co-authors and admins edit; anyone else gets a 404, as if the course did not exist. */
  async requireEditable(
    principal: AuthPrincipal,
    courseId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CourseEntity> {
    const course = await manager.findOne(CourseEntity, {
      where: { id: courseId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!course || !(await this.canEdit(principal, course, manager)))
      throw new NotFoundException('No such course.');
    return course;
  }

  private async canEdit(
    principal: AuthPrincipal,
    course: CourseEntity,
    manager: EntityManager,
  ): Promise<boolean> {
    if (hasRole(principal, 'admin')) return true;
    if (!hasRole(principal, 'trainer')) return false;
    if (course.ownerId === principal.userId) return true;
    return manager.exists(CourseCoAuthorEntity, { where: { courseId: course.id, userId: principal.userId } });
  }

  /** Runs an edit on a locked, editable, not archived course and answers the whole new draft. */
  private async edit(
    principal: AuthPrincipal,
    courseId: string,
    change: (manager: EntityManager, course: CourseEntity) => Promise<void>,
  ): Promise<CourseDraft> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.requireEditable(principal, courseId, manager, true);
      if (course.archivedAt) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'course-archived',
          'Course archived',
          'Unarchive the course to edit it.',
        );
      }
      await change(manager, course);
      await this.refreshDraftHash(manager, courseId);
    });
    return this.draft(principal, courseId);
  }

  private async refreshDraftHash(manager: EntityManager, courseId: string): Promise<void> {
    const content = await this.content(manager, courseId);
    await manager.update(
      CourseEntity,
      { id: courseId },
      { draftHash: contentHash(content), updatedAt: new Date() },
    );
  }

  // ------------------------------------------------------------------ reading

  /** The draft's content, exactly what a publish would freeze. */
  async content(manager: EntityManager, courseId: string): Promise<CourseContent> {
    const course = await manager.findOneOrFail(CourseEntity, { where: { id: courseId } });
    const modules = await manager.find(CourseModuleEntity, {
      where: { courseId },
      order: { position: 'ASC' },
    });
    const lessons = await manager.find(CourseLessonEntity, {
      where: { courseId },
      order: { position: 'ASC' },
    });
    return {
      slug: course.slug,
      defaultLocale: course.defaultLocale,
      locales: course.locales,
      title: course.title,
      summary: course.summary,
      estimatedMinutes: course.estimatedMinutes,
      coverImageHash: course.coverImageHash,
      competences: course.competences,
      modules: modules.map((m) => ({
        key: m.key,
        title: m.title,
        lessons: lessons.filter((l) => l.moduleId === m.id).map(lessonContent),
      })),
    };
  }

  async draft(principal: AuthPrincipal, courseId: string): Promise<CourseDraft> {
    const manager = this.dataSource.manager;
    const course = await this.requireEditable(principal, courseId, manager);
    const modules = await manager.find(CourseModuleEntity, {
      where: { courseId },
      order: { position: 'ASC' },
    });
    const lessons = await manager.find(CourseLessonEntity, {
      where: { courseId },
      order: { position: 'ASC' },
    });
    const coAuthorIds = (await manager.find(CourseCoAuthorEntity, { where: { courseId } })).map(
      (c) => c.userId,
    );
    const people = await this.directory.entries(coAuthorIds);
    const latestHash = await this.latestHash(courseId, course.latestVersion);
    return {
      id: course.id,
      slug: course.slug,
      defaultLocale: course.defaultLocale,
      locales: course.locales,
      title: course.title,
      summary: course.summary,
      estimatedMinutes: course.estimatedMinutes,
      coverImageHash: course.coverImageHash,
      competences: course.competences,
      status: course.archivedAt ? 'archived' : 'active',
      ownerId: course.ownerId,
      coAuthors: coAuthorIds.map((id) => people.get(id)).filter((p): p is NonNullable<typeof p> => !!p),
      latestVersion: course.latestVersion,
      hasUnpublishedChanges: latestHash !== course.draftHash,
      updatedAt: course.updatedAt.toISOString(),
      modules: modules.map((m) => ({
        id: m.id,
        key: m.key,
        title: m.title,
        lessons: lessons.filter((l) => l.moduleId === m.id).map((l) => ({ id: l.id, ...lessonContent(l) })),
      })),
    };
  }

  private async latestHash(courseId: string, latest: number | null): Promise<string | null> {
    if (latest === null) return null;
    const v = await this.dataSource.manager.findOne(CourseVersionEntity, {
      where: { courseId, number: latest },
      select: { contentHash: true },
    });
    return v?.contentHash ?? null;
  }

  /** Mine: owned or co-authored (admins: all). Published: every course with a version, not archived. */
  async list(principal: AuthPrincipal, scope: 'mine' | 'published'): Promise<CourseSummary[]> {
    const qb = this.dataSource
      .getRepository(CourseEntity)
      .createQueryBuilder('c')
      .leftJoin(CourseVersionEntity, 'v', 'v.course_id = c.id AND v.number = c.latest_version')
      .addSelect('v.content_hash', 'latest_hash')
      .orderBy('c.updated_at', 'DESC');
    if (scope === 'published') {
      qb.where('c.latest_version IS NOT NULL AND c.archived_at IS NULL');
    } else if (!hasRole(principal, 'admin')) {
      qb.where(
        '(c.owner_id = :me OR EXISTS (SELECT 1 FROM course_co_authors ca WHERE ca.course_id = c.id AND ca.user_id = :me))',
        {
          me: principal.userId,
        },
      );
    }
    const { entities, raw } = await qb.getRawAndEntities<{ latest_hash: string | null }>();
    const owners = await this.directory.entries(entities.map((c) => c.ownerId));
    return entities.map((c, i) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      defaultLocale: c.defaultLocale,
      locales: c.locales,
      status: c.archivedAt ? 'archived' : 'active',
      ownerId: c.ownerId,
      ownerName: owners.get(c.ownerId)?.displayName ?? '',
      latestVersion: c.latestVersion,
      hasUnpublishedChanges: (raw[i]?.latest_hash ?? null) !== c.draftHash,
      updatedAt: c.updatedAt.toISOString(),
    }));
  }

  // ------------------------------------------------------------------ course

  async create(principal: AuthPrincipal, dto: CreateCourseDto): Promise<CourseDraft> {
    const id = await this.dataSource.transaction(async (manager) => {
      const slug = await this.freeSlug(manager, dto.slug, false);
      const course = await manager.save(
        manager.create(CourseEntity, {
          slug,
          ownerId: principal.userId,
          defaultLocale: dto.defaultLocale,
          locales: dto.locales.includes(dto.defaultLocale)
            ? dto.locales
            : [dto.defaultLocale, ...dto.locales],
          title: { ...dto.title },
          summary: { ...(dto.summary ?? {}) },
          estimatedMinutes: dto.estimatedMinutes ?? null,
          coverImageHash: null,
          competences: dto.competences ?? [],
          archivedAt: null,
          latestVersion: null,
          draftHash: '',
        }),
      );
      await this.refreshDraftHash(manager, course.id);
      return course.id;
    });
    return this.draft(principal, id);
  }

  /** A slug not taken yet: the requested one (409 when taken), or with `-2`, `-3`… when `suffix`. */
  async freeSlug(
    manager: EntityManager,
    wanted: string,
    suffix: boolean,
    exceptCourseId?: string,
  ): Promise<string> {
    const taken = async (slug: string) => {
      const row = await manager.findOne(CourseEntity, { where: { slug }, select: { id: true } });
      return !!row && row.id !== exceptCourseId;
    };
    if (!(await taken(wanted))) return wanted;
    if (!suffix) {
      throw new ProblemException(HttpStatus.CONFLICT, 'course-slug-taken', 'Slug already used', undefined, [
        { field: 'slug', message: `Another course already uses "${wanted}"` },
      ]);
    }
    for (let n = 2; ; n++) {
      const candidate = `${wanted.slice(0, 75)}-${n}`;
      if (!(await taken(candidate))) return candidate;
    }
  }

  update(principal: AuthPrincipal, courseId: string, dto: UpdateCourseDto): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager, course) => {
      if (dto.slug !== undefined && dto.slug !== course.slug)
        course.slug = await this.freeSlug(manager, dto.slug, false, course.id);
      if (dto.title) course.title = { ...course.title, ...dto.title };
      if (dto.summary) course.summary = { ...course.summary, ...dto.summary };
      if (dto.defaultLocale) course.defaultLocale = dto.defaultLocale;
      if (dto.locales) course.locales = dto.locales;
      if (!course.locales.includes(course.defaultLocale)) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'course-locales',
          'Default language not offered',
          undefined,
          [
            {
              field: 'locales',
              message: `The offered languages must include the default language (${course.defaultLocale})`,
            },
          ],
        );
      }
      if (dto.estimatedMinutes !== undefined) course.estimatedMinutes = dto.estimatedMinutes;
      if (dto.competences) course.competences = dto.competences;
      if (dto.coverImageHash !== undefined) course.coverImageHash = dto.coverImageHash;
      await manager.save(course);
    });
  }

  async setArchived(principal: AuthPrincipal, courseId: string, archived: boolean): Promise<CourseDraft> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.requireEditable(principal, courseId, manager, true);
      await manager.update(
        CourseEntity,
        { id: course.id },
        { archivedAt: archived ? (course.archivedAt ?? new Date()) : null },
      );
    });
    return this.draft(principal, courseId);
  }

  addCoAuthor(principal: AuthPrincipal, courseId: string, email: string): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager, course) => {
      // Only a trainer or an admin writes courses; anyone else is answered as an unknown address, so
      // the answer does not tell whether an address has an account.
      const person = await this.directory.findActiveWithRoleByEmail(email, ['trainer', 'admin'], manager);
      if (!person) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'co-author-unknown',
          'Unknown trainer',
          undefined,
          [{ field: 'email', message: 'No trainer with this e-mail' }],
        );
      }
      if (person.id === course.ownerId) return;
      await manager
        .createQueryBuilder()
        .insert()
        .into(CourseCoAuthorEntity)
        .values({ courseId, userId: person.id })
        .orIgnore()
        .execute();
    });
  }

  removeCoAuthor(principal: AuthPrincipal, courseId: string, userId: string): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager) => {
      await manager.delete(CourseCoAuthorEntity, { courseId, userId });
    });
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
      const module = await this.requireModule(manager, courseId, moduleId);
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
      await this.requireModule(manager, courseId, moduleId);
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
      await this.requireModule(manager, courseId, moduleId);
      this.assertKindFits(dto.kind, dto.media ?? null, dto.quiz ?? null);
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
        competences: dto.competences ?? [],
        estimatedMinutes: dto.estimatedMinutes ?? null,
      });
    });
  }

  updateLesson(
    principal: AuthPrincipal,
    courseId: string,
    lessonId: string,
    dto: UpdateLessonDto,
  ): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager) => {
      const lesson = await this.requireLesson(manager, courseId, lessonId);
      this.assertKindFits(
        lesson.kind,
        dto.media === undefined ? lesson.media : dto.media,
        dto.quiz === undefined ? lesson.quiz : dto.quiz,
      );
      if (dto.title) lesson.title = { ...lesson.title, ...dto.title };
      if (dto.body) lesson.body = { ...lesson.body, ...dto.body };
      if (dto.media !== undefined) lesson.media = dto.media;
      if (dto.quiz !== undefined) lesson.quiz = dto.quiz;
      if (dto.competences) lesson.competences = dto.competences;
      if (dto.estimatedMinutes !== undefined) lesson.estimatedMinutes = dto.estimatedMinutes;
      const from = lesson.moduleId;
      if (dto.moduleId && dto.moduleId !== lesson.moduleId) {
        await this.requireModule(manager, courseId, dto.moduleId, 'moduleId');
        lesson.moduleId = dto.moduleId;
        lesson.position = await manager.count(CourseLessonEntity, { where: { moduleId: dto.moduleId } });
      }
      await manager.save(lesson);
      if (from !== lesson.moduleId) await closeGap(manager, CourseLessonEntity, { moduleId: from });
    });
  }

  deleteLesson(principal: AuthPrincipal, courseId: string, lessonId: string): Promise<CourseDraft> {
    return this.edit(principal, courseId, async (manager) => {
      const lesson = await this.requireLesson(manager, courseId, lessonId);
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
      await this.requireModule(manager, courseId, moduleId);
      const current = await manager.find(CourseLessonEntity, { where: { moduleId }, select: { id: true } });
      assertSameSet(
        current.map((l) => l.id),
        dto.ids,
      );
      await renumber(manager, CourseLessonEntity, dto.ids);
    });
  }

  // ------------------------------------------------------------------ helpers

  private async requireModule(
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
          [{ field, message: 'No such module in this course' }],
        );
      }
      throw new NotFoundException('No such module in this course.');
    }
    return module;
  }

  private async requireLesson(
    manager: EntityManager,
    courseId: string,
    lessonId: string,
  ): Promise<CourseLessonEntity> {
    const lesson = await manager.findOne(CourseLessonEntity, { where: { id: lessonId, courseId } });
    if (!lesson) throw new NotFoundException('No such lesson in this course.');
    return lesson;
  }

  private assertKindFits(kind: string, media: unknown, quiz: unknown): void {
    const errors = [];
    if (kind !== 'media' && media) errors.push({ field: 'media', message: `A ${kind} lesson has no media` });
    if (kind !== 'quiz' && quiz) errors.push({ field: 'quiz', message: `A ${kind} lesson has no quiz` });
    if (errors.length)
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'lesson-kind',
        'Content does not fit the lesson kind',
        undefined,
        errors,
      );
  }

  /** For import: create a full draft from content (keys kept). */
  async createFromContent(manager: EntityManager, ownerId: string, content: CourseContent): Promise<string> {
    const slug = await this.freeSlug(manager, content.slug, true);
    const course = await manager.save(
      manager.create(CourseEntity, {
        slug,
        ownerId,
        defaultLocale: content.defaultLocale,
        locales: content.locales.includes(content.defaultLocale)
          ? content.locales
          : [content.defaultLocale, ...content.locales],
        title: content.title,
        summary: content.summary,
        estimatedMinutes: content.estimatedMinutes,
        coverImageHash: content.coverImageHash,
        competences: content.competences,
        archivedAt: null,
        latestVersion: null,
        draftHash: '',
      }),
    );
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
          competences: l.competences,
          estimatedMinutes: l.estimatedMinutes,
        });
      }
    }
    await this.refreshDraftHash(manager, course.id);
    return course.id;
  }
}
