import { HttpStatus, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  LOCALES,
  type Announcement,
  type AnnouncementPage,
  type AnnouncementsQuery,
  type CoachAnnouncements,
  type CreateAnnouncementRequest,
  type FieldError,
  type LocalizedText,
  type Locale,
  type UpdateAnnouncementRequest,
} from '@tc/shared/contracts';
import { ProblemException, transactionQuery, validationProblem, type AuthPrincipal } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CatalogReader, renderMarkdown } from '@tc/catalog/api';
import { CohortsService, LearnerRecords } from '@tc/cohorts/api';
import { JobQueue, NotificationsService } from '@tc/notifications/api';
import { cohortAudience, notFound } from './cohort-audience';

/** The job that tells a cohort's coaches of a published announcement. */
export const ANNOUNCE_QUEUE = 'conversation.announce';
interface AnnounceJob {
  announcementId: string;
}

interface AnnouncementRow {
  id: string;
  cohort_id: string;
  title: LocalizedText;
  body: LocalizedText;
  body_html: LocalizedText;
  pinned: boolean;
  publish_at: Date;
  publish_key: string;
  scheduled: boolean;
  created_at: Date;
  edited_at: Date | null;
  author_name: string | null;
  read: boolean;
  read_count: number;
}

/** Who reads a cohort's announcements, and as what. */
interface Reader {
  cohortId: string;
  cohortName: string;
  territoryId: string | null;
  locales: Locale[];
  /** Runs the cohort (its trainers, the admins of its territory); else one of its coaches. */
  manages: boolean;
  /** The cohort's coaches (active enrolments), for "read by N of M"; managers only. */
  coaches: string[];
}

const COLUMNS = `a.id, a.cohort_id, a.title, a.body, a.body_html, a.pinned, a.publish_at,
  to_char(a.publish_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS publish_key,
  a.publish_at > now() AS scheduled, a.created_at, a.edited_at, u.display_name AS author_name,
  EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = a.id AND r.user_id = $2) AS read,
  (SELECT count(*)::int FROM announcement_reads r
    WHERE r.announcement_id = a.id AND r.user_id = ANY($3::uuid[])) AS read_count`;
const FROM = 'announcements a LEFT JOIN user_directory u ON u.id = a.author_id';
const ORDER = 'a.pinned DESC, a.publish_at DESC, a.id DESC';

const noAnnouncement = () =>
  new ProblemException(HttpStatus.NOT_FOUND, 'announcement-unknown', 'No such announcement');

/**
 * A position in a cohort's list: the last row's pin, publication time (the database's own text to the
 * microsecond, so that the next page does not begin with that row again) and id.
 */
function encodeCursor(row: AnnouncementRow): string {
  return Buffer.from(`${row.pinned ? 1 : 0}|${row.publish_key}|${row.id}`).toString('base64url');
}
function decodeCursor(cursor: string): { pinned: boolean; at: string; id: string } {
  const [pinned, at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (
    (pinned !== '0' && pinned !== '1') ||
    !at ||
    Number.isNaN(Date.parse(at)) ||
    !id ||
    !/^[0-9a-f-]{36}$/i.test(id)
  )
    throw validationProblem([
      { field: 'cursor', message: 'Not a cursor of this list', code: 'invalid-cursor' },
    ]);
  return { pinned: pinned === '1', at, id };
}

const filled = (text: string | undefined): text is string => !!text?.trim();

/**
 * The languages written (a title and a body each), within the cohort course's languages, with the
 * bodies rendered and sanitised as lessons are. A language with only one of the two is at fault.
 */
export function announcementTexts(
  title: LocalizedText,
  body: LocalizedText,
  locales: readonly Locale[],
): { title: LocalizedText; body: LocalizedText; bodyHtml: LocalizedText } {
  const errors: FieldError[] = [];
  const out = { title: {} as LocalizedText, body: {} as LocalizedText, bodyHtml: {} as LocalizedText };
  for (const locale of LOCALES) {
    const t = title[locale];
    const b = body[locale];
    if (!filled(t) && !filled(b)) continue;
    if (!locales.includes(locale)) {
      const field = filled(t) ? `title.${locale}` : `body.${locale}`;
      errors.push({
        field,
        message: `This cohort's course is not offered in ${locale}`,
        code: 'announcement-locale',
        params: { locale, allowed: [...locales] },
      });
      continue;
    }
    if (!filled(t)) errors.push({ field: `title.${locale}`, message: 'A title is needed', code: 'required' });
    if (!filled(b)) errors.push({ field: `body.${locale}`, message: 'A text is needed', code: 'required' });
    if (filled(t) && filled(b)) {
      out.title[locale] = t.trim();
      out.body[locale] = b;
      out.bodyHtml[locale] = renderMarkdown(b);
    }
  }
  if (!errors.length && !Object.keys(out.title).length)
    errors.push({
      field: 'title',
      message: 'Write a title and a text in at least one language',
      code: 'announcement-empty',
    });
  if (errors.length) throw validationProblem(errors);
  return out;
}

/**
 * A cohort's announcements: its trainers and the admins of its territory write, edit, pin and delete
 * them; its coaches read those whose time has come and are counted once for each they open. Anyone
 * else is told the cohort does not exist (404).
 */
@Injectable()
export class AnnouncementsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly records: LearnerRecords,
    private readonly catalog: CatalogReader,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.define<AnnounceJob>(ANNOUNCE_QUEUE, async ({ announcementId }) => {
      await this.tellCoaches(announcementId);
    });
  }

  async page(
    principal: AuthPrincipal,
    cohortId: string,
    query: AnnouncementsQuery,
  ): Promise<AnnouncementPage> {
    const manager = this.dataSource.manager;
    const reader = await this.reader(manager, principal, cohortId);
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const params: unknown[] = [cohortId, principal.userId, reader.coaches, limit + 1];
    let where = 'a.cohort_id = $1 AND a.deleted_at IS NULL';
    if (!reader.manages) where += ' AND a.publish_at <= now()';
    if (after) {
      params.push(after.pinned, after.at, after.id);
      where += ` AND (a.pinned, a.publish_at, a.id) < ($5::boolean, $6::timestamptz, $7::uuid)`;
    }
    const rows = await transactionQuery<AnnouncementRow>(
      manager,
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY ${ORDER} LIMIT $4`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.view(r, reader)),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      canManage: reader.manages,
      cohortName: reader.cohortName,
      locales: reader.locales,
    };
  }

  /** One announcement; a coach opening it has read it. */
  async get(principal: AuthPrincipal, cohortId: string, id: string): Promise<Announcement> {
    return this.dataSource.transaction(async (manager) => {
      const reader = await this.reader(manager, principal, cohortId);
      if (!reader.manages) await this.markRead(manager, principal, reader, id);
      return this.view(await this.row(manager, principal, reader, id), reader);
    });
  }

  /** Records that the person opened it (once: a second time changes nothing). */
  async read(principal: AuthPrincipal, cohortId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const reader = await this.reader(manager, principal, cohortId);
      await this.markRead(manager, principal, reader, id);
    });
  }

  async create(
    principal: AuthPrincipal,
    cohortId: string,
    dto: CreateAnnouncementRequest,
  ): Promise<Announcement> {
    return this.dataSource.transaction(async (manager) => {
      const reader = await this.managing(manager, principal, cohortId);
      const texts = announcementTexts(dto.title, dto.body, reader.locales);
      const [{ id }] = await transactionQuery<{ id: string }>(
        manager,
        `INSERT INTO announcements (cohort_id, author_id, title, body, body_html, pinned, publish_at)
         VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6, GREATEST(COALESCE($7::timestamptz, now()), now()))
         RETURNING id`,
        [
          cohortId,
          principal.userId,
          JSON.stringify(texts.title),
          JSON.stringify(texts.body),
          JSON.stringify(texts.bodyHtml),
          dto.pinned ?? false,
          dto.publishAt ?? null,
        ],
      );
      const row = await this.row(manager, principal, reader, id as string);
      await this.announced(manager, row);
      return this.view(row, reader);
    });
  }

  /**
   * Replaces the texts and/or the publication time. Once coaches may have seen it, an edit is shown as
   * one (`editedAt`); a time in the past, or null, publishes a scheduled one now.
   */
  async update(
    principal: AuthPrincipal,
    cohortId: string,
    id: string,
    dto: UpdateAnnouncementRequest,
  ): Promise<Announcement> {
    return this.dataSource.transaction(async (manager) => {
      const reader = await this.managing(manager, principal, cohortId);
      const before = await this.row(manager, principal, reader, id, true);
      const texts =
        dto.title || dto.body
          ? announcementTexts(dto.title ?? before.title, dto.body ?? before.body, reader.locales)
          : null;
      const republish = dto.publishAt !== undefined && before.scheduled;
      await transactionQuery(
        manager,
        `UPDATE announcements
            SET title = COALESCE($2::jsonb, title), body = COALESCE($3::jsonb, body),
                body_html = COALESCE($4::jsonb, body_html),
                publish_at = CASE WHEN $5 THEN GREATEST(COALESCE($6::timestamptz, now()), now()) ELSE publish_at END,
                edited_at = CASE WHEN $7 AND publish_at <= now() THEN now() ELSE edited_at END
          WHERE id = $1`,
        [
          id,
          texts ? JSON.stringify(texts.title) : null,
          texts ? JSON.stringify(texts.body) : null,
          texts ? JSON.stringify(texts.bodyHtml) : null,
          republish,
          dto.publishAt ?? null,
          !!texts,
        ],
      );
      const after = await this.row(manager, principal, reader, id);
      // A scheduled one moved (or published now): its coaches are told at the new time.
      if (republish) await this.announced(manager, after);
      return this.view(after, reader);
    });
  }

  async pin(principal: AuthPrincipal, cohortId: string, id: string, pinned: boolean): Promise<Announcement> {
    return this.dataSource.transaction(async (manager) => {
      const reader = await this.managing(manager, principal, cohortId);
      await this.row(manager, principal, reader, id, true);
      await transactionQuery(manager, 'UPDATE announcements SET pinned = $2 WHERE id = $1', [id, pinned]);
      return this.view(await this.row(manager, principal, reader, id), reader);
    });
  }

  /** Hides it for good (the row stays, for the audit log's sake). */
  async remove(principal: AuthPrincipal, cohortId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const reader = await this.managing(manager, principal, cohortId);
      await this.row(manager, principal, reader, id, true);
      await transactionQuery(manager, 'UPDATE announcements SET deleted_at = now() WHERE id = $1', [id]);
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'announcement.deleted',
        subjectType: 'cohort',
        subjectId: cohortId,
        territoryId: reader.territoryId,
        details: { announcementId: id },
      });
    });
  }

  /** For the coach's home page: in each of their cohorts, how many are unread and the newest of them. */
  async unread(principal: AuthPrincipal): Promise<CoachAnnouncements> {
    const manager = this.dataSource.manager;
    const cohorts = await this.records.activeCohortsOf(manager, principal.userId);
    if (!cohorts.length) return { items: [] };
    const rows = await transactionQuery<AnnouncementRow & { unread: number }>(
      manager,
      `SELECT * FROM (
         SELECT ${COLUMNS},
                count(*) OVER (PARTITION BY a.cohort_id)::int AS unread,
                row_number() OVER (PARTITION BY a.cohort_id ORDER BY a.publish_at DESC, a.id DESC) AS n
           FROM ${FROM}
          WHERE a.cohort_id = ANY($1::uuid[]) AND a.deleted_at IS NULL AND a.publish_at <= now()
            AND NOT EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = a.id AND r.user_id = $2)
       ) t WHERE t.n = 1 ORDER BY t.publish_at DESC`,
      [cohorts.map((c) => c.cohortId), principal.userId, []],
    );
    const names = new Map(cohorts.map((c) => [c.cohortId, c.cohortName]));
    return {
      items: rows.map((r) => ({
        cohortId: r.cohort_id,
        cohortName: names.get(r.cohort_id) ?? '',
        unread: r.unread,
        latest: this.view(r, { manages: false } as Reader),
      })),
    };
  }

  /**
   * In the transaction that posts an announcement (or moves a scheduled one): a job that tells the
   * cohort's coaches when it is published. The job, not the request, writes one notification per coach.
   */
  private async announced(manager: EntityManager, announcement: AnnouncementRow): Promise<void> {
    await this.jobs.send<AnnounceJob>(
      manager,
      ANNOUNCE_QUEUE,
      { announcementId: announcement.id },
      announcement.scheduled ? { startAfter: new Date(announcement.publish_at) } : {},
    );
  }

  /**
   * Tells each active coach of the cohort of a published announcement, once each (moment `posted`: a
   * retry, a second job after a rescheduling, another replica add nothing). Deleted, or not yet due
   * (moved later; the move sent its own job): nothing.
   */
  async tellCoaches(announcementId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [a] = await transactionQuery<{ cohort_id: string; title: LocalizedText }>(
        manager,
        `SELECT cohort_id, title FROM announcements
          WHERE id = $1 AND deleted_at IS NULL AND publish_at <= now()`,
        [announcementId],
      );
      if (!a) return 0;
      // All the cohort's coaches in a few statements (notifyMany), not one round trip each.
      const coaches = await this.records.activeCoaches(manager, a.cohort_id);
      const told = await this.notifications.notifyMany(
        manager,
        coaches.map((recipientId) => ({
          recipientId,
          kind: 'announcement.posted' as const,
          subject: { type: 'announcement' as const, id: announcementId },
          moment: 'posted',
          params: { announcementTitle: a.title, cohortId: a.cohort_id },
        })),
      );
      return told.length;
    });
  }

  private async markRead(manager: EntityManager, principal: AuthPrincipal, reader: Reader, id: string) {
    await this.row(manager, principal, reader, id);
    await transactionQuery(
      manager,
      `INSERT INTO announcement_reads (announcement_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [id, principal.userId],
    );
  }

  /** The announcement of this cohort the reader may see (a coach: published ones), else 404. */
  private async row(
    manager: EntityManager,
    principal: AuthPrincipal,
    reader: Reader,
    id: string,
    lock = false,
  ): Promise<AnnouncementRow> {
    const [row] = await transactionQuery<AnnouncementRow>(
      manager,
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE a.id = $1 AND a.cohort_id = $4 AND a.deleted_at IS NULL${reader.manages ? '' : ' AND a.publish_at <= now()'}
        ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id, principal.userId, reader.coaches, reader.cohortId],
    );
    if (!row) throw noAnnouncement();
    return row;
  }

  private view(r: AnnouncementRow, reader: Pick<Reader, 'manages' | 'coaches'>): Announcement {
    return {
      id: r.id,
      cohortId: r.cohort_id,
      title: r.title,
      bodyHtml: r.body_html,
      ...(reader.manages ? { body: r.body } : {}),
      pinned: r.pinned,
      publishAt: new Date(r.publish_at).toISOString(),
      scheduled: r.scheduled,
      createdAt: new Date(r.created_at).toISOString(),
      editedAt: r.edited_at ? new Date(r.edited_at).toISOString() : null,
      authorName: r.author_name ?? '',
      read: reader.manages ? null : r.read,
      readBy: reader.manages ? { count: r.read_count, of: reader.coaches.length } : null,
    };
  }

  /** Whoever runs the cohort, else 404. */
  private async managing(
    manager: EntityManager,
    principal: AuthPrincipal,
    cohortId: string,
  ): Promise<Reader> {
    const reader = await this.reader(manager, principal, cohortId);
    if (!reader.manages) throw notFound();
    return reader;
  }

  /** Whoever runs the cohort or is one of its coaches, else 404 (its existence is not revealed). */
  private async reader(manager: EntityManager, principal: AuthPrincipal, cohortId: string): Promise<Reader> {
    const audience = await cohortAudience(this.cohorts, this.records, manager, principal, cohortId);
    return {
      cohortId,
      cohortName: audience.cohortName,
      territoryId: audience.territoryId,
      locales: await this.locales(manager, audience.courseId, audience.courseVersion),
      manages: audience.runs,
      coaches: audience.runs ? await this.records.activeCoaches(manager, cohortId) : [],
    };
  }

  private async locales(manager: EntityManager, courseId: string, version: number): Promise<Locale[]> {
    return (await this.catalog.version(courseId, version, manager))?.content.locales ?? [];
  }
}
