import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  CreateThreadRequest,
  LocalizedText,
  ThreadAuthorRole,
  ThreadDetail,
  ThreadPage,
  ThreadPost,
  ThreadsQuery,
  ThreadSummary,
} from '@tc/shared/contracts';
import { ProblemException, transactionQuery, validationProblem, type AuthPrincipal } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CatalogReader, renderMarkdown } from '@tc/catalog/api';
import { CohortsService, LearnerRecords } from '@tc/cohorts/api';
import { NotificationsService } from '@tc/notifications/api';
import { cohortAudience } from './cohort-audience';

/** How long after posting its author may still edit a post. */
export const POST_EDIT_MINUTES = 15;

interface ThreadRow {
  id: string;
  cohort_id: string;
  lesson_key: string | null;
  title: string;
  author_id: string;
  author_role: ThreadAuthorRole;
  author_name: string | null;
  reply_count: number;
  answer_post_id: string | null;
  locked_at: Date | null;
  lock_reason: string | null;
  created_at: Date;
  last_activity_at: Date;
  activity_key: string;
  reported_posts: number;
}

interface PostRow {
  id: string;
  thread_id: string;
  opening: boolean;
  author_id: string;
  author_role: ThreadAuthorRole;
  author_name: string | null;
  body: string;
  body_html: string;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  editable: boolean;
  editable_until: Date;
  reported_by_me: boolean;
  reports: number;
}

/** Who reads a cohort's threads, and as what. */
interface Reader {
  userId: string;
  cohortId: string;
  cohortName: string;
  territoryId: string | null;
  /** Runs the cohort (its trainers, the admins of its territory): moderates; else one of its coaches. */
  moderates: boolean;
  /** The lessons of the cohort's pinned course version: key → title. */
  lessons: Map<string, LocalizedText>;
}

const THREAD_COLUMNS = `t.id, t.cohort_id, t.lesson_key, t.title, t.author_id, t.author_role, t.reply_count,
  t.answer_post_id, t.locked_at, t.lock_reason, t.created_at, t.last_activity_at,
  to_char(t.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS activity_key,
  u.display_name AS author_name,
  (SELECT count(DISTINCT r.post_id)::int FROM thread_post_reports r JOIN thread_posts p ON p.id = r.post_id
    WHERE p.thread_id = t.id) AS reported_posts`;
const THREAD_FROM = 'threads t LEFT JOIN user_directory u ON u.id = t.author_id';

const POST_COLUMNS = `p.id, p.thread_id, p.opening, p.author_id, p.author_role, p.body, p.body_html, p.created_at,
  p.edited_at, p.deleted_at, p.hidden_at, p.hidden_reason, u.display_name AS author_name,
  p.created_at > now() - interval '${POST_EDIT_MINUTES} minutes' AS editable,
  p.created_at + interval '${POST_EDIT_MINUTES} minutes' AS editable_until,
  EXISTS (SELECT 1 FROM thread_post_reports r WHERE r.post_id = p.id AND r.user_id = $2) AS reported_by_me,
  (SELECT count(*)::int FROM thread_post_reports r WHERE r.post_id = p.id) AS reports`;
const POST_FROM = 'thread_posts p LEFT JOIN user_directory u ON u.id = p.author_id';

const problem = (
  status: HttpStatus,
  code: ConstructorParameters<typeof ProblemException>[1],
  title: string,
) => new ProblemException(status, code, title);
const noThread = () => problem(HttpStatus.NOT_FOUND, 'thread-unknown', 'No such thread');
const noPost = () => problem(HttpStatus.NOT_FOUND, 'thread-post-unknown', 'No such post');
const locked = () => problem(HttpStatus.CONFLICT, 'thread-locked', 'This thread is locked: no more replies');
const idTaken = () =>
  new ProblemException(HttpStatus.CONFLICT, 'post-id-taken', 'This id is taken', undefined, [
    { field: 'id', message: 'Another post or thread has this id', code: 'post-id-taken' },
  ]);
const deleted = () => problem(HttpStatus.CONFLICT, 'post-deleted', 'This post has been deleted');
const notOwn = () => problem(HttpStatus.FORBIDDEN, 'post-not-own', 'Only its author may change this post');
const notModerator = () =>
  problem(HttpStatus.FORBIDDEN, 'forbidden', "Only the cohort's trainers may moderate its threads");

/** A position in a cohort's list: the last row's activity (the database's text, to the microsecond) and id. */
function encodeCursor(row: ThreadRow): string {
  return Buffer.from(`${row.activity_key}|${row.id}`).toString('base64url');
}
function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || Number.isNaN(Date.parse(at)) || !id || !/^[0-9a-f-]{36}$/i.test(id))
    throw validationProblem([
      { field: 'cursor', message: 'Not a cursor of this list', code: 'invalid-cursor' },
    ]);
  return { at, id };
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * A cohort's questions and discussion threads. Its coaches (active enrolment), its trainers and the
 * admins of its territory read them, start them and reply; the latter moderate (mark the reply that
 * settles a question, hide a post, lock a thread: hiding and locking are audited). Anyone else is told
 * the cohort does not exist (404). A reply tells the thread's author (`question.answered`), in its own
 * transaction, unless they replied to themselves.
 */
@Injectable()
export class ThreadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly records: LearnerRecords,
    private readonly catalog: CatalogReader,
    private readonly notifications: NotificationsService,
  ) {}

  /** Newest activity first, keyset-paged; for the cohort, one of its lessons, or its general threads. */
  async page(principal: AuthPrincipal, cohortId: string, query: ThreadsQuery): Promise<ThreadPage> {
    const manager = this.dataSource.manager;
    const reader = await this.reader(manager, principal, cohortId);
    if (query.lessonKey !== undefined && query.general === 'true')
      throw validationProblem([
        { field: 'general', message: 'Either a lesson or the general threads', code: 'invalid-filter' },
      ]);
    const limit = query.limit ?? 20;
    const params: unknown[] = [cohortId, limit + 1];
    let where = 't.cohort_id = $1';
    if (query.lessonKey !== undefined) where += ` AND t.lesson_key = $${params.push(query.lessonKey)}`;
    else if (query.general === 'true') where += ' AND t.lesson_key IS NULL';
    if (query.reported === 'true' && reader.moderates)
      where += ` AND EXISTS (SELECT 1 FROM thread_post_reports r JOIN thread_posts p ON p.id = r.post_id
                             WHERE p.thread_id = t.id)`;
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      where += ` AND (t.last_activity_at, t.id) < ($${params.push(after.at)}::timestamptz, $${params.push(after.id)}::uuid)`;
    }
    const rows = await transactionQuery<ThreadRow>(
      manager,
      `SELECT ${THREAD_COLUMNS} FROM ${THREAD_FROM} WHERE ${where}
        ORDER BY t.last_activity_at DESC, t.id DESC LIMIT $2`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.summary(r, reader)),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      canModerate: reader.moderates,
      cohortName: reader.cohortName,
    };
  }

  async get(principal: AuthPrincipal, cohortId: string, threadId: string): Promise<ThreadDetail> {
    const manager = this.dataSource.manager;
    const reader = await this.reader(manager, principal, cohortId);
    return this.detail(manager, reader, threadId);
  }

  /** A new thread and its opening post, by a coach of the cohort or one who runs it. */
  async create(principal: AuthPrincipal, cohortId: string, dto: CreateThreadRequest): Promise<ThreadDetail> {
    return this.dataSource.transaction(async (manager) => {
      const reader = await this.reader(manager, principal, cohortId);
      const lessonKey = dto.lessonKey ?? null;
      if (lessonKey !== null && !reader.lessons.has(lessonKey))
        throw validationProblem([
          {
            field: 'lessonKey',
            message: "Not a lesson of this cohort's course",
            code: 'thread-lesson-unknown',
          },
        ]);
      const role = roleOf(reader);
      const [created] = await transactionQuery<{ id: string }>(
        manager,
        `INSERT INTO threads (id, cohort_id, lesson_key, author_id, author_role, title)
         VALUES (COALESCE($6::uuid, gen_random_uuid()), $1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [cohortId, lessonKey, principal.userId, role, dto.title.trim(), dto.id ?? null],
      );
      if (!created) {
        // The id was taken: the same author sending this thread again (a retry) gets it as it is.
        await this.sameThreadAgain(manager, dto.id as string, principal.userId, cohortId);
        return this.detail(manager, reader, dto.id as string);
      }
      const id = created.id;
      await transactionQuery(
        manager,
        `INSERT INTO thread_posts (thread_id, opening, author_id, author_role, body, body_html)
         VALUES ($1, true, $2, $3, $4, $5)`,
        [id, principal.userId, role, dto.body, renderMarkdown(dto.body)],
      );
      return this.detail(manager, reader, id as string);
    });
  }

  /**
   * A reply: counted and dated on the thread in the same transaction; the thread's author is told
   * (once per reply: the reply is the notification's moment), unless they wrote it.
   */
  async reply(
    principal: AuthPrincipal,
    cohortId: string,
    threadId: string,
    body: string,
    clientId?: string,
  ): Promise<ThreadPost> {
    return this.dataSource.transaction(async (manager) => {
      const reader = await this.reader(manager, principal, cohortId);
      const thread = await this.thread(manager, reader, threadId, true);
      if (clientId) {
        // Sent again (a retry after a lost answer): the reply as it is, told and counted once.
        const [again] = await transactionQuery<{ author_id: string; thread_id: string }>(
          manager,
          'SELECT author_id, thread_id FROM thread_posts WHERE id = $1',
          [clientId],
        );
        if (again) {
          if (again.author_id !== principal.userId || again.thread_id !== threadId) throw idTaken();
          return this.view(await this.post(manager, reader, threadId, clientId), reader, thread);
        }
      }
      if (thread.locked_at) throw locked();
      const role = roleOf(reader);
      const [{ id }] = await transactionQuery<{ id: string }>(
        manager,
        `INSERT INTO thread_posts (id, thread_id, author_id, author_role, body, body_html)
         VALUES (COALESCE($6::uuid, gen_random_uuid()), $1, $2, $3, $4, $5) RETURNING id`,
        [threadId, principal.userId, role, body, renderMarkdown(body), clientId ?? null],
      );
      await transactionQuery(
        manager,
        `UPDATE threads SET reply_count = reply_count + 1, last_activity_at = now(),
                first_trainer_reply_at = CASE
                  WHEN first_trainer_reply_at IS NULL AND author_role = 'coach' AND $2 = 'trainer' THEN now()
                  ELSE first_trainer_reply_at END
          WHERE id = $1`,
        [threadId, role],
      );
      if (thread.author_id !== principal.userId)
        await this.notifications.notify(manager, {
          recipientId: thread.author_id,
          kind: 'question.answered',
          subject: { type: 'thread', id: threadId },
          moment: id as string,
          params: {
            threadTitle: thread.title,
            cohortId,
            ...(thread.lesson_key ? { lessonKey: thread.lesson_key } : {}),
          },
        });
      return this.view(await this.post(manager, reader, threadId, id as string), reader, thread);
    });
  }

  /** Its author's new text, within {@link POST_EDIT_MINUTES} of posting (then 409); shown as edited. */
  async edit(
    principal: AuthPrincipal,
    cohortId: string,
    threadId: string,
    postId: string,
    body: string,
  ): Promise<ThreadPost> {
    return this.dataSource.transaction(async (manager) => {
      const reader = await this.reader(manager, principal, cohortId);
      const thread = await this.thread(manager, reader, threadId);
      const post = await this.post(manager, reader, threadId, postId, true);
      if (post.author_id !== principal.userId) throw notOwn();
      if (post.deleted_at) throw deleted();
      if (!post.editable)
        throw problem(
          HttpStatus.CONFLICT,
          'post-edit-window-closed',
          `A post can be edited only within ${POST_EDIT_MINUTES} minutes of posting it`,
        );
      await transactionQuery(
        manager,
        'UPDATE thread_posts SET body = $2, body_html = $3, edited_at = now() WHERE id = $1',
        [postId, body, renderMarkdown(body)],
      );
      return this.view(await this.post(manager, reader, threadId, postId), reader, thread);
    });
  }

  /**
   * Its author deletes it: the text goes, the place stays (the thread reads in order). A reply no longer
   * counts, and is no longer the answer.
   */
  async remove(principal: AuthPrincipal, cohortId: string, threadId: string, postId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const reader = await this.reader(manager, principal, cohortId);
      await this.thread(manager, reader, threadId, true);
      const post = await this.post(manager, reader, threadId, postId, true);
      if (post.author_id !== principal.userId) throw notOwn();
      if (post.deleted_at) throw deleted();
      await transactionQuery(
        manager,
        `UPDATE thread_posts SET body = '', body_html = '', deleted_at = now() WHERE id = $1`,
        [postId],
      );
      await transactionQuery(
        manager,
        `UPDATE threads SET reply_count = reply_count - CASE WHEN $3 THEN 0 ELSE 1 END,
                answer_post_id = CASE WHEN answer_post_id = $2 THEN NULL ELSE answer_post_id END
          WHERE id = $1`,
        [threadId, postId, post.opening],
      );
    });
  }

  /** A reader reports a post to the cohort's trainers, once (again: 409). */
  async report(
    principal: AuthPrincipal,
    cohortId: string,
    threadId: string,
    postId: string,
    reason: string | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const reader = await this.reader(manager, principal, cohortId);
      await this.thread(manager, reader, threadId);
      const post = await this.post(manager, reader, threadId, postId);
      if (post.deleted_at) throw deleted();
      const inserted = await transactionQuery<{ post_id: string }>(
        manager,
        `INSERT INTO thread_post_reports (post_id, user_id, reason) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING post_id`,
        [postId, principal.userId, reason?.trim() || null],
      );
      if (!inserted.length)
        throw problem(HttpStatus.CONFLICT, 'post-already-reported', 'You have already reported this post');
    });
  }

  /** A trainer marks the reply that settles the question (one at a time), or takes the mark back. */
  async answer(
    principal: AuthPrincipal,
    cohortId: string,
    threadId: string,
    postId: string,
    mark: boolean,
  ): Promise<ThreadDetail> {
    return this.dataSource.transaction(async (manager) => {
      const reader = await this.moderating(manager, principal, cohortId);
      await this.thread(manager, reader, threadId, true);
      const post = await this.post(manager, reader, threadId, postId);
      if (mark) {
        if (post.opening)
          throw problem(
            HttpStatus.CONFLICT,
            'thread-answer-opening',
            'The question cannot be its own answer',
          );
        if (post.deleted_at) throw deleted();
      }
      await transactionQuery(
        manager,
        `UPDATE threads SET answer_post_id = CASE WHEN $3 THEN $2::uuid
                  WHEN answer_post_id = $2 THEN NULL ELSE answer_post_id END
          WHERE id = $1`,
        [threadId, postId, mark],
      );
      return this.detail(manager, reader, threadId);
    });
  }

  /** A trainer hides a post from the cohort (saying why) or shows it again; audited. */
  async hide(
    principal: AuthPrincipal,
    cohortId: string,
    threadId: string,
    postId: string,
    reason: string | null,
  ): Promise<ThreadPost> {
    return this.dataSource.transaction(async (manager) => {
      const reader = await this.moderating(manager, principal, cohortId);
      const thread = await this.thread(manager, reader, threadId);
      const post = await this.post(manager, reader, threadId, postId, true);
      if (post.deleted_at) throw deleted();
      const hiding = reason !== null;
      if (hiding !== !!post.hidden_at || (hiding && reason.trim() !== post.hidden_reason)) {
        await transactionQuery(
          manager,
          `UPDATE thread_posts SET hidden_at = CASE WHEN $2 THEN COALESCE(hidden_at, now()) END, hidden_reason = $3
            WHERE id = $1`,
          [postId, hiding, hiding ? reason.trim() : null],
        );
        await writeAudit(manager, {
          actorId: principal.userId,
          action: hiding ? 'thread.post-hidden' : 'thread.post-shown',
          subjectType: 'cohort',
          subjectId: cohortId,
          territoryId: reader.territoryId,
          details: { threadId, postId, ...(hiding ? { reason: reason.trim() } : {}) },
        });
      }
      return this.view(await this.post(manager, reader, threadId, postId), reader, thread);
    });
  }

  /** A trainer locks a thread (no more replies) or opens it again; audited. */
  async lock(
    principal: AuthPrincipal,
    cohortId: string,
    threadId: string,
    lock: { reason: string | null } | null,
  ): Promise<ThreadDetail> {
    return this.dataSource.transaction(async (manager) => {
      const reader = await this.moderating(manager, principal, cohortId);
      const thread = await this.thread(manager, reader, threadId, true);
      if (!!lock !== !!thread.locked_at) {
        const reason = lock?.reason?.trim() || null;
        await transactionQuery(
          manager,
          `UPDATE threads SET locked_at = CASE WHEN $2 THEN now() END, lock_reason = $3 WHERE id = $1`,
          [threadId, !!lock, reason],
        );
        await writeAudit(manager, {
          actorId: principal.userId,
          action: lock ? 'thread.locked' : 'thread.unlocked',
          subjectType: 'cohort',
          subjectId: cohortId,
          territoryId: reader.territoryId,
          details: { threadId, ...(reason ? { reason } : {}) },
        });
      }
      return this.detail(manager, reader, threadId);
    });
  }

  private async detail(manager: EntityManager, reader: Reader, threadId: string): Promise<ThreadDetail> {
    const thread = await this.thread(manager, reader, threadId);
    const posts = await transactionQuery<PostRow>(
      manager,
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM} WHERE p.thread_id = $1 ORDER BY p.created_at, p.id`,
      [threadId, reader.userId],
    );
    return {
      ...this.summary(thread, reader),
      posts: posts.map((p) => this.view(p, reader, thread)),
      answerPostId: thread.answer_post_id,
      lockReason: reader.moderates ? thread.lock_reason : null,
      canModerate: reader.moderates,
      canReply: !thread.locked_at,
      cohortName: reader.cohortName,
    };
  }

  /** The thread of this cohort, else 404. */
  /** A thread sent again with its client id: the same author's in the same cohort, or the id is taken (409). */
  private async sameThreadAgain(
    manager: EntityManager,
    id: string,
    authorId: string,
    cohortId: string,
  ): Promise<void> {
    const [row] = await transactionQuery<{ author_id: string; cohort_id: string }>(
      manager,
      'SELECT author_id, cohort_id FROM threads WHERE id = $1',
      [id],
    );
    if (!row || row.author_id !== authorId || row.cohort_id !== cohortId) throw idTaken();
  }

  private async thread(
    manager: EntityManager,
    reader: Reader,
    threadId: string,
    lock = false,
  ): Promise<ThreadRow> {
    const [row] = await transactionQuery<ThreadRow>(
      manager,
      `SELECT ${THREAD_COLUMNS} FROM ${THREAD_FROM} WHERE t.id = $1 AND t.cohort_id = $2
        ${lock ? 'FOR UPDATE OF t' : ''}`,
      [threadId, reader.cohortId],
    );
    if (!row) throw noThread();
    return row;
  }

  /** The post of this thread, else 404. */
  private async post(
    manager: EntityManager,
    reader: Reader,
    threadId: string,
    postId: string,
    lock = false,
  ): Promise<PostRow> {
    const [row] = await transactionQuery<PostRow>(
      manager,
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM} WHERE p.id = $1 AND p.thread_id = $3
        ${lock ? 'FOR UPDATE OF p' : ''}`,
      [postId, reader.userId, threadId],
    );
    if (!row) throw noPost();
    return row;
  }

  private summary(r: ThreadRow, reader: Reader): ThreadSummary {
    return {
      id: r.id,
      cohortId: r.cohort_id,
      lessonKey: r.lesson_key,
      lessonTitle: r.lesson_key ? (reader.lessons.get(r.lesson_key) ?? null) : null,
      title: r.title,
      authorName: r.author_name ?? '',
      authorRole: r.author_role,
      mine: r.author_id === reader.userId,
      createdAt: iso(r.created_at),
      lastActivityAt: iso(r.last_activity_at),
      replyCount: Number(r.reply_count),
      answered: r.answer_post_id !== null,
      locked: r.locked_at !== null,
      reportedPosts: reader.moderates ? Number(r.reported_posts) : null,
    };
  }

  private view(p: PostRow, reader: Reader, thread: Pick<ThreadRow, 'answer_post_id'>): ThreadPost {
    const mine = p.author_id === reader.userId;
    const state = p.deleted_at ? 'deleted' : p.hidden_at ? 'hidden' : 'visible';
    const editable = mine && state !== 'deleted' && p.editable;
    return {
      id: p.id,
      threadId: p.thread_id,
      opening: p.opening,
      state,
      authorName: state === 'deleted' ? null : (p.author_name ?? ''),
      authorRole: p.author_role,
      mine,
      bodyHtml: state === 'deleted' || (state === 'hidden' && !reader.moderates) ? null : p.body_html,
      ...(editable ? { body: p.body } : {}),
      createdAt: iso(p.created_at),
      editedAt: p.edited_at ? iso(p.edited_at) : null,
      editableUntil: editable ? iso(p.editable_until) : null,
      answer: thread.answer_post_id === p.id,
      reportedByMe: p.reported_by_me,
      reports: reader.moderates ? Number(p.reports) : null,
      hiddenReason: reader.moderates && state === 'hidden' ? p.hidden_reason : null,
    };
  }

  /** Whoever runs the cohort; one of its coaches: 403; anyone else: 404. */
  private async moderating(
    manager: EntityManager,
    principal: AuthPrincipal,
    cohortId: string,
  ): Promise<Reader> {
    const reader = await this.reader(manager, principal, cohortId);
    if (!reader.moderates) throw notModerator();
    return reader;
  }

  /** Whoever runs the cohort or is one of its coaches (active enrolment), else 404 (its existence is not revealed). */
  private async reader(manager: EntityManager, principal: AuthPrincipal, cohortId: string): Promise<Reader> {
    const audience = await cohortAudience(this.cohorts, this.records, manager, principal, cohortId);
    return {
      userId: principal.userId,
      cohortId,
      cohortName: audience.cohortName,
      territoryId: audience.territoryId,
      moderates: audience.runs,
      lessons: await this.lessons(manager, audience.courseId, audience.courseVersion),
    };
  }

  private async lessons(
    manager: EntityManager,
    courseId: string,
    version: number,
  ): Promise<Map<string, LocalizedText>> {
    const content = (await this.catalog.version(courseId, version, manager))?.content;
    return new Map((content?.modules ?? []).flatMap((m) => m.lessons.map((l) => [l.key, l.title] as const)));
  }
}

function roleOf(reader: Reader): ThreadAuthorRole {
  return reader.moderates ? 'trainer' : 'coach';
}
