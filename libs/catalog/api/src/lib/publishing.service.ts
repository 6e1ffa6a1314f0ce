import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type {
  CoachCourse,
  CourseContent,
  CourseDraft,
  CourseFile,
  CourseVersion,
  CourseVersionSummary,
  Locale,
} from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { UserDirectory } from '@tc/identity/api';
import { contentHash } from './content/canonical';
import { coachCourse } from './content/coach-view';
import { MediaService } from './media.service';
import { publishProblems } from './content/publish-validation';
import { CoursesService } from './courses.service';
import type { CourseFileDto } from './dto/catalog.dto';
import { CourseEntity } from './entities/course.entity';
import { CourseVersionEntity } from './entities/course-version.entity';
import { MediaEntity } from './entities/media.entity';
import { DIGCOMP_AREAS } from './reference/digcomp';

const COMPETENCE_CODES = new Set(DIGCOMP_AREAS.flatMap((a) => a.competences.map((c) => c.code)));

/** Publishing drafts as numbered immutable versions; previews, exports and imports. */
@Injectable()
export class PublishingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesService,
    private readonly directory: UserDirectory,
    private readonly media: MediaService,
  ) {}

  /**
   * Validates the draft and freezes it as version N+1, or answers 422 with every problem. Publishing an
   * unchanged draft again is refused (409): it would be the same version twice.
   */
  async publish(principal: AuthPrincipal, courseId: string): Promise<CourseVersion> {
    const version = await this.dataSource.transaction(async (manager) => {
      const course = await this.courses.requireEditable(principal, courseId, manager, true);
      if (course.archivedAt) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'course-archived',
          'Course archived',
          'Unarchive the course to publish it.',
        );
      }
      const content = await this.courses.content(manager, courseId);
      const hashes = referencedMedia(content);
      const known = new Set(
        hashes.length
          ? (await manager.find(MediaEntity, { where: { hash: In(hashes) }, select: { hash: true } })).map(
              (m) => m.hash,
            )
          : [],
      );
      const problems = [
        ...publishProblems(content, (h) => known.has(h)),
        ...unknownCompetences(content).map((field) => ({ field, message: 'Not a DigComp 2.2 competence' })),
      ];
      if (problems.length) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'publish-invalid',
          'The draft cannot be published yet',
          `${problems.length} problem(s) to fix before publishing.`,
          problems,
        );
      }
      const hash = contentHash(content);
      if (course.latestVersion !== null) {
        const latest = await manager.findOneOrFail(CourseVersionEntity, {
          where: { courseId, number: course.latestVersion },
        });
        if (latest.contentHash === hash) {
          throw new ProblemException(
            HttpStatus.CONFLICT,
            'publish-unchanged',
            'Nothing new to publish',
            `Version ${latest.number} already has this content.`,
          );
        }
      }
      const number = (course.latestVersion ?? 0) + 1;
      const saved = await manager.save(
        manager.create(CourseVersionEntity, {
          courseId,
          number,
          content,
          contentHash: hash,
          publishedAt: new Date(),
          publishedBy: principal.userId,
        }),
      );
      await manager.update(CourseEntity, { id: courseId }, { latestVersion: number });
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'course.published',
        subjectType: 'course',
        subjectId: courseId,
        details: { version: number, versionId: saved.id, contentHash: hash },
      });
      return saved;
    });
    return (await this.withNames([version]))[0] as CourseVersion;
  }

  async versions(principal: AuthPrincipal, courseId: string): Promise<CourseVersionSummary[]> {
    await this.courses.requireEditable(principal, courseId);
    const rows = await this.dataSource.manager.find(CourseVersionEntity, {
      where: { courseId },
      order: { number: 'DESC' },
      select: {
        id: true,
        courseId: true,
        number: true,
        contentHash: true,
        publishedAt: true,
        publishedBy: true,
      },
    });
    return (await this.withNames(rows)).map(({ content: _content, ...summary }) => summary);
  }

  async version(principal: AuthPrincipal, courseId: string, number: number): Promise<CourseVersion> {
    await this.courses.requireEditable(principal, courseId);
    return (await this.withNames([await this.requireVersion(courseId, number)]))[0] as CourseVersion;
  }

  /** What a coach will see, of the draft or of a version. */
  async preview(
    principal: AuthPrincipal,
    courseId: string,
    locale: Locale | undefined,
    version?: number,
  ): Promise<CoachCourse> {
    const course = await this.courses.requireEditable(principal, courseId);
    const content = version
      ? (await this.requireVersion(courseId, version)).content
      : await this.courses.content(this.dataSource.manager, courseId);
    return coachCourse(
      content,
      locale ?? content.defaultLocale,
      { courseId: course.id, version: version ?? null },
      await this.media.imagesOf(content),
    );
  }

  async exportFile(principal: AuthPrincipal, courseId: string, version?: number): Promise<CourseFile> {
    await this.courses.requireEditable(principal, courseId);
    const content = version
      ? (await this.requireVersion(courseId, version)).content
      : await this.courses.content(this.dataSource.manager, courseId);
    return {
      format: 'tc-course/1',
      exportedAt: new Date().toISOString(),
      source: { courseId, version: version ?? null },
      ...content,
    };
  }

  /** A file becomes a new draft owned by the importer; keys are kept, a taken slug gets a suffix. */
  async importFile(principal: AuthPrincipal, file: CourseFileDto): Promise<CourseDraft> {
    const { format: _format, exportedAt: _exportedAt, source: _source, ...content } = file;
    const errors = [
      ...duplicateKeys(content),
      ...unknownCompetences(content).map((field) => ({ field, message: 'Not a DigComp 2.2 competence' })),
    ];
    for (const [i, m] of content.modules.entries()) {
      for (const [j, l] of m.lessons.entries()) {
        if (l.kind !== 'quiz' && l.quiz)
          errors.push({
            field: `modules[${i}].lessons[${j}].quiz`,
            message: `A ${l.kind} lesson has no quiz`,
          });
        if (l.kind !== 'media' && l.media)
          errors.push({
            field: `modules[${i}].lessons[${j}].media`,
            message: `A ${l.kind} lesson has no media`,
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
      this.courses.createFromContent(manager, principal.userId, content as CourseContent),
    );
    return this.courses.draft(principal, id);
  }

  private async requireVersion(courseId: string, number: number): Promise<CourseVersionEntity> {
    const v = await this.dataSource.manager.findOne(CourseVersionEntity, { where: { courseId, number } });
    if (!v) throw new NotFoundException(`No version ${number} of this course.`);
    return v;
  }

  private async withNames(rows: CourseVersionEntity[]): Promise<CourseVersion[]> {
    const people = await this.directory.entries(rows.map((r) => r.publishedBy));
    return rows.map((r) => ({
      courseId: r.courseId,
      number: r.number,
      contentHash: r.contentHash,
      publishedAt: r.publishedAt.toISOString(),
      publishedBy: r.publishedBy,
      publishedByName: people.get(r.publishedBy)?.displayName ?? '',
      content: r.content,
    }));
  }
}

function referencedMedia(content: CourseContent): string[] {
  const hashes = new Set<string>();
  if (content.coverImageHash) hashes.add(content.coverImageHash);
  for (const m of content.modules)
    for (const l of m.lessons) if (l.media?.mediaHash) hashes.add(l.media.mediaHash);
  return [...hashes];
}

function unknownCompetences(content: Pick<CourseContent, 'competences' | 'modules'>): string[] {
  const fields: string[] = [];
  content.competences.forEach((c, i) => !COMPETENCE_CODES.has(c) && fields.push(`competences[${i}]`));
  content.modules.forEach((m, i) =>
    m.lessons.forEach((l, j) =>
      l.competences.forEach(
        (c, k) => !COMPETENCE_CODES.has(c) && fields.push(`modules[${i}].lessons[${j}].competences[${k}]`),
      ),
    ),
  );
  return fields;
}

/** Lesson keys are unique in a course, module keys too, question keys in a quiz, option keys in a question. */
function duplicateKeys(content: Pick<CourseContent, 'modules'>): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const seen = (keys: string[], field: (i: number) => string) => {
    const s = new Set<string>();
    keys.forEach((k, i) => {
      if (s.has(k)) errors.push({ field: field(i), message: `Duplicate key "${k}"` });
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
    }),
  );
  return errors;
}
