import { randomUUID } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CourseFile } from '@tc/shared/contracts';
import { SignedIn } from '@tc/shared/api';
import { API_PREFIX } from '../app/bootstrap';
import {
  ACTORS,
  type Actor,
  buildWorld,
  DESCRIPTION,
  EMAILS,
  multipart,
  PNG,
  QUIZ_LESSONS,
  routesOf,
  TEXT_LESSONS,
  wrongAnswers,
  type World,
} from '../testing/authz-world';
import {
  buildPracticeWorld,
  jpeg,
  REVISE,
  uploadMetadata,
  type PracticeWorld,
} from '../testing/practice-world';
import { createTestApp, type TestResponse } from '../testing/test-app';

/**
 * The authorisation matrix: every route Nest's router knows, called as every kind of person (and, for
 * what has an owner, as the owner, as another person of the same role, inside and outside the
 * territory). A 2xx is allowed only where the table says so; every other answer is a 4xx problem (401
 * without a token, 403/404 with one), never a 5xx. The 2xx bodies are checked for what that person may
 * see, and every JSON body for secrets.
 */

type SignedActor = Exclude<Actor, 'anonymous' | 'revoked'>;
interface Call {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send no bearer token even for a signed-in actor (cookie-only routes). */
  noToken?: boolean;
}
interface Entry {
  /** Who gets a 2xx; everyone else a 4xx. */
  allow: readonly Actor[];
  call(actor: Actor): Call | Promise<Call>;
  /** What a 2xx body may hold for this actor. */
  check?(actor: Actor, res: TestResponse): void;
}

const EVERYONE = ACTORS;
const SIGNED_IN = ACTORS.filter((a) => a !== 'anonymous' && a !== 'revoked');
/** Callers every non-public route refuses with 401: no token, or the token of a signed-out session. */
const UNAUTHENTICATED: readonly Actor[] = ['anonymous', 'revoked'];
const COACHES = ['coach', 'coachPeer', 'coachAway'] as const;
const TRAINERS_AND_ADMINS = [
  'trainer',
  'trainerPeer',
  'trainerAway',
  'admin',
  'adminIn',
  'adminAway',
] as const;
/** Courses have no territory: their owner (and co-authors) and any admin edit them. */
const COURSE_EDITORS = ['trainer', 'admin', 'adminIn', 'adminAway'] as const;
/** The MA-02 cohort: the trainer who runs it, trainers of MA-02, admins covering MA-02. */
const COHORT_MANAGERS = ['trainer', 'trainerPeer', 'admin', 'adminIn'] as const;
const TERRITORY_OBSERVERS = ['observer', 'observerIn', 'admin', 'adminIn'] as const;
const ALL_OBSERVERS = ['observer', 'observerIn', 'observerAway', 'admin', 'adminIn', 'adminAway'] as const;
const ADMINS = ['admin', 'adminIn', 'adminAway'] as const;
const ADMINS_IN = ['admin', 'adminIn'] as const;

/** Keys that never appear in any answer, at any depth. */
const SECRET_KEYS = new Set([
  'password',
  'passwordHash',
  'password_hash',
  'tokenHash',
  'token_hash',
  'refreshToken',
  'refresh_token',
  'secret',
  'jwtSecret',
]);
/** Keys that would give a coach a quiz's answers before they are revealed. */
const ANSWER_KEYS = new Set(['correct', 'acceptedAnswers', 'correctAnswers', 'feedback', 'explanation']);
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;
/** Routes that hand out a session (an access token) by design. */
const SESSION_ROUTES = new Set([
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/links/accept',
]);

function keysOf(value: unknown, out: { key: string; value: unknown }[] = []): typeof out {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      out.push({ key, value: v });
      keysOf(v, out);
    }
  return out;
}
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

describe('authorisation matrix: every route × every kind of caller (real database)', () => {
  let w: World;
  let demoFile: CourseFile;
  let pendingLink: string;
  /** Stored secrets (password and token hashes): none may ever come out in an answer. */
  let secrets: string[];
  const results: { route: string; actor: Actor; status: number }[] = [];
  let joinCode: string;
  const id = (actor: SignedActor) => w.userIds[actor];

  const api = (actor: Actor, method: string, url: string, body?: unknown) => w.as(actor, method, url, body);
  const ok = async (res: Promise<TestResponse>, what: string): Promise<TestResponse> => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  /** A course of the trainer's with one module and one lesson, for what a call destroys. */
  const freshCourse = async () => {
    const slug = `matrice-${randomUUID().slice(0, 8)}`;
    const course = await ok(
      api('trainer', 'POST', '/api/v1/courses', {
        slug,
        title: { fr: 'Cours jetable' },
        defaultLocale: 'fr',
        locales: ['fr'],
      }),
      'fresh course',
    );
    const withModule = await ok(
      api('trainer', 'POST', `/api/v1/courses/${course.body.id}/modules`, { title: { fr: 'Module' } }),
      'module',
    );
    const moduleId = withModule.body.modules[0].id as string;
    const withLesson = await ok(
      api('trainer', 'POST', `/api/v1/courses/${course.body.id}/modules/${moduleId}/lessons`, {
        kind: 'text',
        title: { fr: 'Leçon' },
        body: { fr: 'Texte' },
      }),
      'lesson',
    );
    return {
      id: course.body.id as string,
      moduleId,
      lessonId: withLesson.body.modules[0].lessons[0].id as string,
    };
  };
  const draft = async () =>
    (await ok(api('trainer', 'GET', `/api/v1/courses/${w.draftCourseId}`), 'draft')).body;
  /** A new person of MA-02 (invited by the root admin), for what a call changes about a person. */
  const freshPerson = async (role = 'coach') => {
    const res = await ok(
      api('admin', 'POST', '/api/v1/users/invitations', {
        email: `person-${randomUUID().slice(0, 8)}@authz.test`,
        displayName: 'Personne jetable',
        role,
        territoryId: w.territory.berkane,
      }),
      'fresh person',
    );
    return {
      id: res.body.user.id as string,
      assignmentId: res.body.user.roles[0].id as string,
      token: String(res.body.link.url).split('/').pop() as string,
    };
  };
  const freshCohort = async (courseId = w.demoCourseId, territoryId = w.territory.oriental) =>
    (
      await ok(
        api('trainer', 'POST', '/api/v1/cohorts', {
          name: `Matrice ${randomUUID().slice(0, 6)}`,
          courseId,
          courseVersion: 1,
          territoryId,
          startsOn: '2026-01-01',
          endsOn: '2027-12-31',
        }),
        'fresh cohort',
      )
    ).body.id as string;
  /** An invitation into a fresh cohort (MA-02 unless said): of `email`, or of a new address. */
  const freshInvitation = async (
    email = `invited-${randomUUID().slice(0, 8)}@authz.test`,
    territoryId = w.territory.oriental,
  ) => {
    const cohortId = await freshCohort(w.demoCourseId, territoryId);
    const res = await ok(
      api('trainer', 'POST', `/api/v1/cohorts/${cohortId}/enrolments`, { emails: [email] }),
      'invite',
    );
    const roster = await ok(api('trainer', 'GET', `/api/v1/cohorts/${cohortId}/roster`), 'roster');
    return {
      cohortId,
      id: roster.body.invitations[0].id as string,
      token: String(res.body.invited[0].url).split('/').pop() as string,
    };
  };
  /**
   * The away coach's invitation into an MA-02 cohort (they coach elsewhere), made once: only they may
   * see or accept it, so it is never used up by the others' calls.
   */
  let awayInvitation: Promise<{ token: string }> | undefined;
  /** A cohort of the draft course's version 1, whose move to version 2 is previewed. */
  let previewCohort: Promise<string> | undefined;
  /** A cohort with a practical task, the coach's round handed in (made on first use). */
  let practiceWorld: Promise<PracticeWorld> | undefined;
  const practice = () =>
    (practiceWorld ??= buildPracticeWorld(
      w.t,
      { coach: w.tokens.coach, trainer: w.tokens.trainer },
      { courseId: w.demoCourseId, territoryId: w.territory.oriental },
    ));
  let photoSeed = 100;
  /** The coach's "download my data" archive, asked for and waited for on first use: its URL. */
  let coachArchiveUrl: Promise<string> | undefined;
  const coachArchive = () =>
    (coachArchiveUrl ??= (async () => {
      const asked = await ok(
        api('coach', 'POST', '/api/v1/me/data-exports', { confirm: 'export' }),
        'data export',
      );
      for (let tries = 0; tries < 150; tries++) {
        const list = await ok(api('coach', 'GET', '/api/v1/me/data-exports'), 'data exports');
        const item = (list.body.items as { id: string; archiveUrl: string | null }[]).find(
          (i) => i.id === asked.body.id,
        );
        if (item?.archiveUrl) return item.archiveUrl;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('The archive was not built in time.');
    })());
  /** An announcement of the trainer's to `cohortIn` (made on first use), and fresh ones to delete. */
  const ANNOUNCEMENT = { title: { fr: 'Annonce de la matrice' }, body: { fr: 'Texte **court**' } };
  const freshAnnouncement = async () =>
    (
      await ok(
        api('trainer', 'POST', `/api/v1/cohorts/${w.cohortIn}/announcements`, ANNOUNCEMENT),
        'announcement',
      )
    ).body.id as string;
  let announcementId: Promise<string> | undefined;
  const announcement = () => (announcementId ??= freshAnnouncement());
  /**
   * Threads of `cohortIn`: the coach's question with the trainer's reply (made on first use), one to
   * lock (so that locking does not stop the replies of the other rows), and a fresh one per caller who
   * edits or deletes their own post.
   */
  const THREAD = { title: 'Question de la matrice', body: 'Comment **faire** ?' };
  const freshThread = async (actor: Actor = 'coach') => {
    const res = await ok(api(actor, 'POST', `/api/v1/cohorts/${w.cohortIn}/threads`, THREAD), 'thread');
    return { id: res.body.id as string, openingId: res.body.posts[0].id as string };
  };
  let askedThread: Promise<{ id: string; openingId: string; replyId: string }> | undefined;
  const asked = () =>
    (askedThread ??= (async () => {
      const t = await freshThread('coach');
      const reply = await ok(
        api('trainer', 'POST', `/api/v1/cohorts/${w.cohortIn}/threads/${t.id}/posts`, { body: 'Ainsi.' }),
        'reply',
      );
      return { ...t, replyId: reply.body.id as string };
    })());
  let lockableThread: Promise<{ id: string }> | undefined;
  const lockable = () => (lockableThread ??= freshThread('trainer'));
  /** A post of one's own when the caller may write one, else the trainer's reply. */
  const ownPost = async (actor: Actor) => {
    const mayWrite = ['coach', 'coachPeer', ...COHORT_MANAGERS].includes(actor);
    if (!mayWrite) {
      const a = await asked();
      return `/api/v1/cohorts/${w.cohortIn}/threads/${a.id}/posts/${a.replyId}`;
    }
    const t = await freshThread(actor);
    return `/api/v1/cohorts/${w.cohortIn}/threads/${t.id}/posts/${t.openingId}`;
  };
  /**
   * The field log: organisations of the coach's in Berkane, made on first use (one to read and
   * comment, one whose state the share rows change, one for milestones), a twin of coachPeer's (same
   * name), and fresh ones for what a call destroys. coachAway registers in a province of MA-09.
   */
  const FIELD_CHECK = {
    takenOn: '2026-03-01',
    answers: Object.fromEntries(
      [
        'online-profile',
        'findable',
        'sells-online',
        'marketplaces',
        'accepts-digital-payment',
        'uses-mobile-money',
        'digital-accounts',
        'stock-and-members',
        'social-media',
        'customer-messaging',
        'meetings-and-decisions',
        'shared-documents',
      ].map((k) => [k, 2]),
    ),
  };
  const fieldBody = (id: string, name: string, territoryId: string) => ({
    id,
    name,
    kind: 'cooperative',
    sector: 'argan',
    territoryId,
    womenLed: true,
    youthLed: false,
  });
  const freshOrganisation = async (
    name = `Coopérative ${randomUUID().slice(0, 6)}`,
    actor: Actor = 'coach',
  ) => {
    const orgId = randomUUID();
    await ok(
      api(
        actor,
        'PUT',
        `/api/v1/fieldwork/organisations/${orgId}`,
        fieldBody(orgId, name, w.territory.berkane),
      ),
      'organisation',
    );
    return orgId;
  };
  let fieldOrgId: Promise<string> | undefined;
  const fieldOrg = () =>
    (fieldOrgId ??= (async () => {
      const orgId = await freshOrganisation('Coopérative de la matrice');
      await freshOrganisation('cooperative de la MATRICE', 'coachPeer');
      fieldOrgKnown = orgId;
      return orgId;
    })());
  let shareOrgId: Promise<string> | undefined;
  const shareOrg = () => (shareOrgId ??= freshOrganisation());
  let milestoneOrgId: Promise<string> | undefined;
  const milestoneOrg = () => (milestoneOrgId ??= freshOrganisation());
  const freshVisit = async (orgId: string) => {
    const visitId = randomUUID();
    await ok(
      api('coach', 'PUT', `/api/v1/fieldwork/organisations/${orgId}/visits/${visitId}`, {
        id: visitId,
        visitedOn: '2026-05-04',
        minutes: 60,
        mode: 'on-site',
        competences: ['3.1'],
        lessons: [],
      }),
      'visit',
    );
    return visitId;
  };
  let awayProvince: Promise<string> | undefined;
  const awayField = () =>
    (awayProvince ??= (async () =>
      (
        await ok(
          api('admin', 'POST', '/api/v1/territories', {
            parentId: w.territory.away,
            level: 'province',
            code: 'MA-AGD',
            name: { fr: 'Agadir-Ida-Ou-Tanane', ar: 'أكادير إداوتنان', en: 'Agadir-Ida-Ou-Tanane' },
          }),
          'away province',
        )
      ).body.id as string)());
  /** Lists of those who may not see the coach's organisation do not name it. */
  let fieldOrgKnown: string | undefined;
  const fieldOrgHidden = (actor: Actor, res: TestResponse): void =>
    notContaining((a) =>
      ['coachPeer', 'coachAway', 'trainerAway', 'adminAway'].includes(a) && fieldOrgKnown
        ? [fieldOrgKnown]
        : [],
    )(actor, res);
  /** Coaches never get the markdown as written, nor who read it. */
  const asCoachSees = (actor: Actor, res: TestResponse): void => {
    if (!COACHES.includes(actor as (typeof COACHES)[number])) return;
    const items = (Array.isArray(res.body?.items) ? res.body.items : [res.body]).map(
      (i: Record<string, unknown>) => i['latest'] ?? i,
    ) as Record<string, unknown>[];
    expect({ actor, leaked: items.filter((i) => i['body'] !== undefined || i['readBy'] !== null) }).toEqual({
      actor,
      leaked: [],
    });
  };
  const freshSignIn = async () => {
    const res = await w.t.request('POST', '/api/v1/auth/sign-in', {
      body: { email: EMAILS.coachPeer, password: 'matrix-password-2026' },
    });
    return res.refreshCookie as string;
  };
  const notContaining =
    (idsOf: (actor: Actor) => string[]) =>
    (actor: Actor, res: TestResponse): void => {
      const text = JSON.stringify(res.body);
      for (const hidden of idsOf(actor))
        expect({ actor, leaked: text.includes(hidden) ? hidden : null }).toEqual({
          actor,
          leaked: null,
        });
    };
  const noPeople = (actor: Actor, res: TestResponse): void => {
    const strings = stringsOf(res.body);
    expect({ actor, emails: strings.filter((s) => EMAIL.test(s)) }).toEqual({ actor, emails: [] });
    expect({ actor, names: strings.filter((s) => w.displayNames.some((n) => s.includes(n))) }).toEqual({
      actor,
      names: [],
    });
  };
  const noAnswers = (actor: Actor, res: TestResponse): void => {
    expect({
      actor,
      keys: keysOf(res.body)
        .filter((k) => ANSWER_KEYS.has(k.key))
        .map((k) => k.key),
    }).toEqual({
      actor,
      keys: [],
    });
  };

  /** The notification that told the coach of their certificate (the world completed their course). */
  const certificateNotification = async (): Promise<string> => {
    const [row] = (await w.t.dataSource.query(`SELECT id FROM notifications WHERE subject_id = $1`, [
      w.enrolmentDone,
    ])) as { id: string }[];
    return row!.id;
  };

  /** A dead letter of the delivery queue, fresh for each call (a retry removes it). */
  const freshDeadLetter = async (): Promise<string> => {
    const [row] = (await w.t.dataSource.query(
      `INSERT INTO pgboss.job (name, data, source_name, source_id, source_created_on, source_retry_count, source_output)
       VALUES ('notifications.deliver.dead', $1::jsonb, 'notifications.deliver', gen_random_uuid(), now(), 5,
               '{"message": "matrix"}'::jsonb)
       RETURNING id`,
      [JSON.stringify({ notificationId: randomUUID() })],
    )) as { id: string }[];
    return row!.id;
  };

  const table: Record<string, Entry> = {
    // ------------------------------------------------------------ health, auth (public)
    'GET /api/health': { allow: EVERYONE, call: () => ({ url: '/api/health' }) },
    'GET /api/health/live': { allow: EVERYONE, call: () => ({ url: '/api/health/live' }) },
    'GET /api/health/ready': { allow: EVERYONE, call: () => ({ url: '/api/health/ready' }) },
    // No contact is configured here: the answer names nobody.
    'GET /api/v1/help': { allow: EVERYONE, call: () => ({ url: '/api/v1/help' }), check: noPeople },
    'POST /api/v1/auth/sign-in': {
      allow: EVERYONE,
      call: () => ({
        url: '/api/v1/auth/sign-in',
        body: { email: EMAILS.coachPeer, password: 'matrix-password-2026' },
      }),
      check: (_a, res) => expect(res.body.me.email).toBe(EMAILS.coachPeer),
    },
    'POST /api/v1/auth/refresh': {
      allow: EVERYONE,
      call: async () => ({
        url: '/api/v1/auth/refresh',
        headers: { cookie: await freshSignIn() },
        noToken: true,
      }),
      check: (_a, res) => expect(res.body.me.email).toBe(EMAILS.coachPeer),
    },
    'POST /api/v1/auth/sign-out': {
      allow: EVERYONE,
      call: async () => ({ url: '/api/v1/auth/sign-out', headers: { cookie: await freshSignIn() } }),
    },
    'POST /api/v1/auth/password-reset': {
      allow: EVERYONE,
      call: () => ({ url: '/api/v1/auth/password-reset', body: { email: EMAILS.coachAway } }),
    },
    'GET /api/v1/auth/links/:token': {
      allow: EVERYONE,
      call: () => ({ url: `/api/v1/auth/links/${pendingLink}` }),
    },
    'POST /api/v1/auth/links/accept': {
      allow: EVERYONE,
      call: async () => ({
        url: '/api/v1/auth/links/accept',
        body: { token: (await freshPerson()).token, password: 'a-new-password-2026' },
      }),
    },

    // ------------------------------------------------------------ me, territories, users
    'GET /api/v1/me': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me' }),
      check: (actor, res) => expect(res.body.email).toBe(EMAILS[actor as SignedActor]),
    },
    'PATCH /api/v1/me': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me', body: { preferredLanguage: 'fr' } }),
      check: (actor, res) => expect(res.body.email).toBe(EMAILS[actor as SignedActor]),
    },
    'GET /api/v1/territories': { allow: SIGNED_IN, call: () => ({ url: '/api/v1/territories' }) },
    'GET /api/v1/territories/search': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/territories/search?q=oriental' }),
    },
    'GET /api/v1/territories/:id': {
      allow: SIGNED_IN,
      call: () => ({ url: `/api/v1/territories/${w.territory.oriental}` }),
    },
    'POST /api/v1/territories': {
      allow: ADMINS_IN,
      call: () => ({
        url: '/api/v1/territories',
        body: {
          parentId: w.territory.berkane,
          level: 'commune',
          code: null,
          name: { fr: `Commune ${randomUUID().slice(0, 6)}`, ar: 'جماعة', en: 'Commune' },
        },
      }),
    },
    'PATCH /api/v1/territories/:id': {
      allow: ADMINS_IN,
      call: () => ({ url: `/api/v1/territories/${w.territory.berkane}`, body: { name: { en: 'Berkane' } } }),
    },
    'GET /api/v1/users': {
      allow: ADMINS,
      call: () => ({ url: '/api/v1/users?q=coach' }),
      // A regional admin's list holds the people of their territories only.
      check: notContaining((a) =>
        a === 'adminIn' ? [EMAILS.coachAway] : a === 'adminAway' ? [EMAILS.coach, EMAILS.coachPeer] : [],
      ),
    },
    'POST /api/v1/users/invitations': {
      allow: ADMINS_IN,
      call: () => ({
        url: '/api/v1/users/invitations',
        body: {
          email: `invited-${randomUUID().slice(0, 8)}@authz.test`,
          displayName: 'Invité',
          role: 'coach',
          territoryId: w.territory.berkane,
        },
      }),
    },
    'GET /api/v1/users/:id': { allow: ADMINS_IN, call: () => ({ url: `/api/v1/users/${id('coach')}` }) },
    'POST /api/v1/users/:id/roles': {
      allow: ADMINS_IN,
      call: async () => ({
        url: `/api/v1/users/${(await freshPerson()).id}/roles`,
        body: { role: 'observer', territoryId: w.territory.oriental },
      }),
    },
    'PATCH /api/v1/users/:id/roles/:assignmentId': {
      allow: ADMINS_IN,
      call: async () => {
        const p = await freshPerson();
        return {
          url: `/api/v1/users/${p.id}/roles/${p.assignmentId}`,
          body: { role: 'observer', reason: 'Test' },
        };
      },
    },
    'GET /api/v1/users/:id/roles/:assignmentId/impact': {
      allow: ADMINS_IN,
      call: async () => {
        const p = await freshPerson();
        return { url: `/api/v1/users/${p.id}/roles/${p.assignmentId}/impact` };
      },
    },
    'DELETE /api/v1/users/:id/roles/:assignmentId': {
      allow: ADMINS_IN,
      call: async () => {
        const p = await freshPerson();
        await ok(
          api('admin', 'POST', `/api/v1/users/${p.id}/roles`, {
            role: 'observer',
            territoryId: w.territory.berkane,
          }),
          'second role',
        );
        return { url: `/api/v1/users/${p.id}/roles/${p.assignmentId}` };
      },
    },
    'POST /api/v1/users/:id/disable': {
      allow: ADMINS_IN,
      call: async () => ({ url: `/api/v1/users/${(await freshPerson()).id}/disable` }),
    },
    'POST /api/v1/users/:id/enable': {
      allow: ADMINS_IN,
      call: async () => {
        const p = await freshPerson();
        await ok(api('admin', 'POST', `/api/v1/users/${p.id}/disable`), 'disable');
        return { url: `/api/v1/users/${p.id}/enable` };
      },
    },
    'POST /api/v1/users/:id/password-reset': {
      allow: ADMINS_IN,
      call: () => ({ url: `/api/v1/users/${id('coachPeer')}/password-reset` }),
    },
    'GET /api/v1/users/:id/lockout': {
      allow: ADMINS_IN,
      call: () => ({ url: `/api/v1/users/${id('coach')}/lockout` }),
    },
    'DELETE /api/v1/users/:id/lockout': {
      allow: ADMINS_IN,
      call: () => ({ url: `/api/v1/users/${id('coach')}/lockout` }),
    },
    'GET /api/v1/audit': {
      allow: ADMINS,
      call: () => ({ url: '/api/v1/audit' }),
    },
    'GET /api/v1/audit/export': {
      allow: ADMINS,
      call: () => ({ url: '/api/v1/audit/export?format=csv&actor=nadia' }),
    },
    // The job queue's dead letters: the platform's admins only (the root's; a region's admin: 403).
    'GET /api/v1/admin/jobs/dead-letters': {
      allow: ['admin'],
      call: async () => {
        await freshDeadLetter();
        return { url: '/api/v1/admin/jobs/dead-letters?limit=100' };
      },
      check: (_a, res) => expect(res.body.items.length).toBeGreaterThan(0),
    },
    'POST /api/v1/admin/jobs/dead-letters/:id/retry': {
      allow: ['admin'],
      call: async () => ({
        url: `/api/v1/admin/jobs/dead-letters/${await freshDeadLetter()}/retry`,
        body: { reason: 'matrix' },
      }),
      check: (_a, res) => expect(res.body.queue).toBe('notifications.deliver'),
    },

    // ------------------------------------------------------------ catalog
    'GET /api/v1/competences': { allow: SIGNED_IN, call: () => ({ url: '/api/v1/competences' }) },
    'POST /api/v1/catalog/render': {
      allow: TRAINERS_AND_ADMINS,
      call: () => ({ url: '/api/v1/catalog/render', body: { markdown: '# Titre' } }),
    },
    'POST /api/v1/media': {
      allow: TRAINERS_AND_ADMINS,
      call: () => {
        const m = multipart('file', 'pixel.png', 'image/png', PNG);
        return { url: '/api/v1/media', body: m.body, headers: m.headers };
      },
    },
    'GET /api/v1/media/:hash': { allow: EVERYONE, call: () => ({ url: `/api/v1/media/${w.mediaHash}` }) },
    'GET /api/v1/courses': {
      allow: TRAINERS_AND_ADMINS,
      call: () => ({ url: '/api/v1/courses' }),
      // "Mine": another trainer's list does not hold the trainer's courses.
      check: notContaining((a) =>
        a === 'trainerPeer' || a === 'trainerAway' ? [w.draftCourseId, w.demoCourseId] : [],
      ),
    },
    'POST /api/v1/courses': {
      allow: TRAINERS_AND_ADMINS,
      call: () => ({
        url: '/api/v1/courses',
        body: {
          slug: `cours-${randomUUID().slice(0, 8)}`,
          title: { fr: 'Cours' },
          defaultLocale: 'fr',
          locales: ['fr'],
        },
      }),
    },
    'POST /api/v1/courses/import': {
      allow: TRAINERS_AND_ADMINS,
      call: () => ({
        url: '/api/v1/courses/import',
        body: { ...demoFile, slug: `import-${randomUUID().slice(0, 8)}` },
      }),
    },
    // Its editors copy the draft; other trainers and admins its latest published version.
    'POST /api/v1/courses/:id/duplicate': {
      allow: TRAINERS_AND_ADMINS,
      call: () => ({ url: `/api/v1/courses/${w.draftCourseId}/duplicate` }),
    },
    'GET /api/v1/courses/:id': {
      allow: COURSE_EDITORS,
      call: () => ({ url: `/api/v1/courses/${w.draftCourseId}` }),
    },
    'PATCH /api/v1/courses/:id': {
      allow: COURSE_EDITORS,
      call: () => ({ url: `/api/v1/courses/${w.draftCourseId}`, body: { estimatedMinutes: 90 } }),
    },
    'POST /api/v1/courses/:id/archive': {
      allow: COURSE_EDITORS,
      call: async () => ({ url: `/api/v1/courses/${(await freshCourse()).id}/archive` }),
    },
    'POST /api/v1/courses/:id/unarchive': {
      allow: COURSE_EDITORS,
      call: async () => {
        const c = await freshCourse();
        await ok(api('trainer', 'POST', `/api/v1/courses/${c.id}/archive`), 'archive');
        return { url: `/api/v1/courses/${c.id}/unarchive` };
      },
    },
    'POST /api/v1/courses/:id/co-authors': {
      allow: COURSE_EDITORS,
      call: async () => ({
        url: `/api/v1/courses/${(await freshCourse()).id}/co-authors`,
        body: { email: EMAILS.trainerAway },
      }),
    },
    'DELETE /api/v1/courses/:id/co-authors/:userId': {
      allow: COURSE_EDITORS,
      call: async () => {
        const c = await freshCourse();
        await ok(
          api('trainer', 'POST', `/api/v1/courses/${c.id}/co-authors`, { email: EMAILS.trainerAway }),
          'co',
        );
        return { url: `/api/v1/courses/${c.id}/co-authors/${id('trainerAway')}` };
      },
    },
    'POST /api/v1/courses/:id/modules': {
      allow: COURSE_EDITORS,
      call: () => ({
        url: `/api/v1/courses/${w.draftCourseId}/modules`,
        body: { title: { fr: 'Module ajouté' } },
      }),
    },
    'PUT /api/v1/courses/:id/modules/order': {
      allow: COURSE_EDITORS,
      call: async () => ({
        url: `/api/v1/courses/${w.draftCourseId}/modules/order`,
        body: { ids: ((await draft()).modules as { id: string }[]).map((m) => m.id).reverse() },
      }),
    },
    'PATCH /api/v1/courses/:id/modules/:moduleId': {
      allow: COURSE_EDITORS,
      call: async () => ({
        url: `/api/v1/courses/${w.draftCourseId}/modules/${(await draft()).modules[0].id}`,
        body: { title: { fr: 'Module renommé' } },
      }),
    },
    'DELETE /api/v1/courses/:id/modules/:moduleId': {
      allow: COURSE_EDITORS,
      call: async () => {
        const c = await freshCourse();
        return { url: `/api/v1/courses/${c.id}/modules/${c.moduleId}` };
      },
    },
    'POST /api/v1/courses/:id/modules/:moduleId/lessons': {
      allow: COURSE_EDITORS,
      call: async () => ({
        url: `/api/v1/courses/${w.draftCourseId}/modules/${(await draft()).modules[0].id}/lessons`,
        body: { kind: 'text', title: { fr: 'Leçon ajoutée' }, body: { fr: 'Texte' } },
      }),
    },
    'PUT /api/v1/courses/:id/modules/:moduleId/lessons/order': {
      allow: COURSE_EDITORS,
      call: async () => {
        const m = (await draft()).modules[0] as { id: string; lessons: { id: string }[] };
        return {
          url: `/api/v1/courses/${w.draftCourseId}/modules/${m.id}/lessons/order`,
          body: { ids: m.lessons.map((l) => l.id).reverse() },
        };
      },
    },
    'PATCH /api/v1/courses/:id/lessons/:lessonId': {
      allow: COURSE_EDITORS,
      call: async () => ({
        url: `/api/v1/courses/${w.draftCourseId}/lessons/${(await draft()).modules[0].lessons[0].id}`,
        body: { title: { fr: 'Leçon renommée' } },
      }),
    },
    'DELETE /api/v1/courses/:id/lessons/:lessonId': {
      allow: COURSE_EDITORS,
      call: async () => {
        const c = await freshCourse();
        return { url: `/api/v1/courses/${c.id}/lessons/${c.lessonId}` };
      },
    },
    'POST /api/v1/courses/:id/publish': {
      allow: COURSE_EDITORS,
      // A fresh, valid draft of the trainer's (the shared draft's structure is edited by other rows).
      call: async () => {
        const copy = await ok(
          api('trainer', 'POST', '/api/v1/courses/import', {
            ...demoFile,
            slug: `publie-${randomUUID().slice(0, 8)}`,
          }),
          'import to publish',
        );
        return { url: `/api/v1/courses/${copy.body.id}/publish` };
      },
    },
    'GET /api/v1/courses/:id/versions': {
      allow: COURSE_EDITORS,
      call: () => ({ url: `/api/v1/courses/${w.draftCourseId}/versions` }),
    },
    'GET /api/v1/courses/:id/versions/:n': {
      allow: COURSE_EDITORS,
      call: () => ({ url: `/api/v1/courses/${w.draftCourseId}/versions/1` }),
    },
    'GET /api/v1/courses/:id/preview': {
      allow: COURSE_EDITORS,
      call: () => ({ url: `/api/v1/courses/${w.draftCourseId}/preview` }),
    },
    'GET /api/v1/courses/:id/export': {
      allow: COURSE_EDITORS,
      call: () => ({ url: `/api/v1/courses/${w.draftCourseId}/export` }),
    },

    // ------------------------------------------------------------ cohorts
    'GET /api/v1/cohorts': {
      allow: TRAINERS_AND_ADMINS,
      call: () => ({ url: '/api/v1/cohorts' }),
      check: notContaining((a) =>
        a === 'trainerAway' || a === 'adminAway'
          ? [w.cohortIn]
          : a === 'trainerPeer' || a === 'adminIn'
            ? [w.cohortAway]
            : [],
      ),
    },
    'POST /api/v1/cohorts': {
      allow: COHORT_MANAGERS,
      call: () => ({
        url: '/api/v1/cohorts',
        body: {
          name: 'Nouvelle cohorte',
          courseId: w.demoCourseId,
          courseVersion: 1,
          territoryId: w.territory.oriental,
          startsOn: '2026-01-01',
          endsOn: '2027-12-31',
        },
      }),
    },
    'GET /api/v1/cohorts/:id': {
      allow: COHORT_MANAGERS,
      call: () => ({ url: `/api/v1/cohorts/${w.cohortIn}` }),
    },
    'PATCH /api/v1/cohorts/:id': {
      allow: COHORT_MANAGERS,
      call: () => ({ url: `/api/v1/cohorts/${w.cohortIn}`, body: { name: 'Matrice Oriental' } }),
    },
    'POST /api/v1/cohorts/:id/duplicate': {
      allow: COHORT_MANAGERS,
      call: () => ({ url: `/api/v1/cohorts/${w.cohortIn}/duplicate`, body: {} }),
    },
    'POST /api/v1/cohorts/:id/upgrade': {
      allow: COHORT_MANAGERS,
      call: async () => ({
        url: `/api/v1/cohorts/${await freshCohort(w.draftCourseId)}/upgrade`,
        body: { version: 2 },
      }),
    },
    'GET /api/v1/cohorts/:id/upgrade-preview': {
      allow: COHORT_MANAGERS,
      call: async () => {
        // Nothing changes: one cohort for every caller.
        previewCohort ??= freshCohort(w.draftCourseId);
        return { url: `/api/v1/cohorts/${await previewCohort}/upgrade-preview?version=2` };
      },
    },
    'POST /api/v1/cohorts/:id/enrolments': {
      allow: COHORT_MANAGERS,
      call: () => ({
        url: `/api/v1/cohorts/${w.cohortIn}/enrolments`,
        body: { emails: [`enrolled-${randomUUID().slice(0, 8)}@authz.test`] },
      }),
    },
    'POST /api/v1/cohorts/:id/enrolments/import': {
      allow: COHORT_MANAGERS,
      call: () => ({
        url: `/api/v1/cohorts/${w.cohortIn}/enrolments/import?dryRun=true`,
        body: `email;full name\nimported-${randomUUID().slice(0, 8)}@authz.test;Importée`,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
      }),
    },
    'POST /api/v1/cohorts/:id/enrolments/:enrolmentId/withdraw': {
      allow: COHORT_MANAGERS,
      call: async () => {
        const cohortId = await freshCohort();
        await ok(
          api('trainer', 'POST', `/api/v1/cohorts/${cohortId}/enrolments`, { emails: [EMAILS.coach] }),
          'enrol',
        );
        const roster = await ok(api('trainer', 'GET', `/api/v1/cohorts/${cohortId}/roster`), 'roster');
        return { url: `/api/v1/cohorts/${cohortId}/enrolments/${roster.body.rows[0].enrolmentId}/withdraw` };
      },
    },
    // One coach's record, for the cohort's trainers and admins: a name, no e-mail.
    'GET /api/v1/cohorts/:id/enrolments/:enrolmentId': {
      allow: COHORT_MANAGERS,
      call: () => ({ url: `/api/v1/cohorts/${w.cohortIn}/enrolments/${w.enrolmentDone}` }),
      check: (actor, res) => {
        expect({ actor, emails: stringsOf(res.body).filter((s) => EMAIL.test(s)) }).toEqual({
          actor,
          emails: [],
        });
        noAnswers(actor, res);
      },
    },
    'DELETE /api/v1/cohorts/:id/invitations/:invitationId': {
      allow: COHORT_MANAGERS,
      call: async () => {
        const invitation = await freshInvitation();
        return { url: `/api/v1/cohorts/${invitation.cohortId}/invitations/${invitation.id}` };
      },
    },
    'GET /api/v1/cohorts/:id/invitations': {
      allow: COHORT_MANAGERS,
      call: () => ({ url: `/api/v1/cohorts/${w.cohortIn}/invitations` }),
      check: notContaining(() => [EMAILS.coachAway]),
    },
    'POST /api/v1/cohorts/:id/invitations/:invitationId/resend': {
      allow: COHORT_MANAGERS,
      call: async () => {
        const invitation = await freshInvitation();
        return { url: `/api/v1/cohorts/${invitation.cohortId}/invitations/${invitation.id}/resend` };
      },
    },
    'POST /api/v1/cohorts/:id/invitations/resend': {
      allow: COHORT_MANAGERS,
      call: async () => {
        const invitation = await freshInvitation();
        return {
          url: `/api/v1/cohorts/${invitation.cohortId}/invitations/resend`,
          body: { invitationIds: [invitation.id] },
        };
      },
    },
    // Only the account an invitation is for sees it and accepts it, whoever holds the link.
    'GET /api/v1/me/cohort-invitations/:token': {
      allow: ['coachAway'],
      call: async () => {
        awayInvitation ??= freshInvitation(EMAILS.coachAway);
        return { url: `/api/v1/me/cohort-invitations/${(await awayInvitation).token}` };
      },
    },
    'POST /api/v1/me/cohort-invitations/accept': {
      allow: ['coachAway'],
      call: async (actor) => {
        // The away coach accepts one of their own (into a Berkane cohort: the coach role it brings does
        // not cover the MA-02 cohorts they are invited to); the others try theirs.
        awayInvitation ??= freshInvitation(EMAILS.coachAway);
        const token =
          actor === 'coachAway'
            ? (await freshInvitation(EMAILS.coachAway, w.territory.berkane)).token
            : (await awayInvitation).token;
        return { url: '/api/v1/me/cohort-invitations/accept', body: { token } };
      },
      check: (_a, res) => expect(res.body.status).toBe('active'),
    },
    'GET /api/v1/cohorts/:id/roster': {
      allow: COHORT_MANAGERS,
      call: () => ({ url: `/api/v1/cohorts/${w.cohortIn}/roster` }),
      check: notContaining(() => [EMAILS.coachAway]),
    },
    'GET /api/v1/me/enrolments': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me/enrolments' }),
      // Only one's own.
      check: notContaining((a) =>
        a === 'coach'
          ? [w.peerEnrolment, w.awayEnrolment]
          : [w.enrolmentDone, w.enrolmentOpen].concat(a === 'coachPeer' ? [] : [w.peerEnrolment]),
      ),
    },

    // ------------------------------------------------------------ notifications: one's own feed only
    'GET /api/v1/me/notifications': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me/notifications?limit=100' }),
      // The coach was told of their certificate; nobody else sees that notification.
      check: (a, res) => {
        const subjects = (res.body.items as { subject: { id: string } }[]).map((n) => n.subject.id);
        if (a === 'coach') expect(subjects).toContain(w.enrolmentDone);
        else expect(subjects).not.toContain(w.enrolmentDone);
      },
    },
    'GET /api/v1/me/notifications/unread-count': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me/notifications/unread-count' }),
    },
    // Through the coach's certificate notification: only the coach may name it (anyone else: 404).
    'POST /api/v1/me/notifications/read-all': {
      allow: ['coach'],
      call: async () => ({
        url: '/api/v1/me/notifications/read-all',
        body: { throughId: await certificateNotification() },
      }),
    },
    // The coach's certificate notification: only the coach marks it read (anyone else: 404).
    'POST /api/v1/me/notifications/:id/read': {
      allow: ['coach'],
      call: async () => ({ url: `/api/v1/me/notifications/${await certificateNotification()}/read` }),
      check: (_a, res) => expect(res.body.subject.id).toBe(w.enrolmentDone),
    },
    // A person's own notification settings: everyone signed in reads and saves theirs, no one else's.
    'GET /api/v1/me/notification-settings': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me/notification-settings' }),
      check: (_a, res) => expect(res.body.timeZone).toEqual(expect.any(String)),
    },
    'PUT /api/v1/me/notification-settings': {
      allow: SIGNED_IN,
      call: () => ({
        url: '/api/v1/me/notification-settings',
        body: {
          kinds: [{ kind: 'certificate.issued', email: true, push: false }],
          emailMode: 'digest',
          digestHour: 19,
          quietHoursStart: '21:30',
          quietHoursEnd: '06:45',
          timeZone: 'Africa/Casablanca',
        },
      }),
      check: (_a, res) => expect(res.body).toMatchObject({ emailMode: 'digest', quietHoursStart: '21:30' }),
    },

    // ------------------------------------------------------------ privacy: one's own data only
    // The notice's settings are public (the sign-in page links to it); no contact is configured here.
    'GET /api/v1/privacy': {
      allow: EVERYONE,
      call: () => ({ url: '/api/v1/privacy?lang=ar' }),
      check: noPeople,
    },
    // Everyone signed in asks for their own archive and lists their own requests; the coach's archive
    // is the coach's alone (anyone else: 404).
    'POST /api/v1/me/data-exports': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me/data-exports', body: { confirm: 'export' } }),
      check: (_a, res) => expect(res.body.status).toMatch(/^(pending|ready)$/),
    },
    'GET /api/v1/me/data-exports': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me/data-exports' }),
      check: (_a, res) => expect(Array.isArray(res.body.items)).toBe(true),
    },
    'GET /api/v1/me/data-exports/:id/archive': {
      allow: ['coach'],
      call: async () => ({ url: await coachArchive() }),
      check: (_a, res) => expect(res.headers['content-type']).toBe('application/zip'),
    },

    // A request to be erased is everyone's own (nothing is erased until an admin confirms); the
    // admins whose territories cover the person confirm it, for a fresh person of Berkane each time.
    'GET /api/v1/me/erasure-request': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me/erasure-request' }),
      check: (_a, res) => expect(res.body).toHaveProperty('request'),
    },
    'POST /api/v1/me/erasure-request': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me/erasure-request', body: { confirm: 'erase' } }),
      check: (_a, res) => expect(res.body.erasedAt).toBeNull(),
    },
    // Consents are everyone's own: reading them, and withdrawing one (the digest: nothing to clear
    // for most actors, the answer is their state all the same).
    'GET /api/v1/me/consents': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me/consents' }),
      check: (_a, res) => expect(res.body.current).toHaveLength(3),
    },
    'DELETE /api/v1/me/consents/:purpose': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/me/consents/digest' }),
      check: (_a, res) =>
        expect(res.body.current).toContainEqual(expect.objectContaining({ purpose: 'digest', given: false })),
    },
    // The admins' list of requests: each admin sees those of the people they may erase only.
    'GET /api/v1/admin/erasure-requests': {
      allow: ADMINS,
      call: () => ({ url: '/api/v1/admin/erasure-requests?status=pending&pageSize=100' }),
      check: (_a, res) => expect(Array.isArray(res.body.items)).toBe(true),
    },
    'POST /api/v1/admin/users/:id/erase': {
      allow: ADMINS_IN,
      call: async () => {
        const person = await freshPerson();
        const accepted = await ok(
          w.t.request('POST', '/api/v1/auth/links/accept', {
            body: { token: person.token, password: 'erase-me-password-2026' },
          }),
          'accept',
        );
        await ok(
          w.t.request('POST', '/api/v1/me/erasure-request', {
            token: String(accepted.body.accessToken),
            body: { confirm: 'erase' },
          }),
          'erasure request',
        );
        return { url: `/api/v1/admin/users/${person.id}/erase` };
      },
      check: (_a, res) =>
        expect(res.body.changed).toEqual(expect.objectContaining({ identity: expect.any(Number) })),
    },

    // ------------------------------------------------------------ Web Push: one's own browsers only
    'GET /api/v1/push/public-key': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/push/public-key' }),
      check: (_a, res) => expect(res.body.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/),
    },
    // A `.invalid` host (never resolves): a notification to this actor pushes nowhere.
    'POST /api/v1/me/push-subscriptions': {
      allow: SIGNED_IN,
      call: (a) => ({
        url: '/api/v1/me/push-subscriptions',
        body: {
          endpoint: `https://push.invalid/${a}/${randomUUID()}`,
          keys: {
            p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
            auth: 'tBHItJI5svbpez7KI4CCXg',
          },
        },
      }),
    },
    // Names a browser by its endpoint: someone else's is not found (removed: 0), never removed.
    'DELETE /api/v1/me/push-subscriptions': {
      allow: SIGNED_IN,
      call: () => ({
        url: '/api/v1/me/push-subscriptions',
        body: { endpoint: 'https://push.invalid/nobody' },
      }),
      check: (_a, res) => expect(res.body).toEqual({ removed: 0 }),
    },

    // ------------------------------------------------------------ the coach's side
    'POST /api/v1/progress/events': {
      // Any coach may send; only events for one's own enrolment are taken.
      allow: COACHES,
      call: () => ({
        url: '/api/v1/progress/events',
        body: {
          id: randomUUID(),
          enrolmentId: w.enrolmentOpen,
          lessonKey: TEXT_LESSONS[1]?.key,
          type: 'started',
          occurredAt: new Date(Date.now() - 30_000).toISOString(),
        },
      }),
      check: (actor, res) =>
        actor === 'coach'
          ? expect(res.body.accepted.length + res.body.duplicates.length).toBe(1)
          : expect({ actor, ...res.body }).toEqual({
              actor,
              accepted: [],
              duplicates: [],
              rejected: [expect.objectContaining({ reason: 'not_your_enrolment' })],
            }),
    },
    'POST /api/v1/enrolments/:id/quizzes/:lessonKey/attempts': {
      allow: ['coach'],
      call: () => ({
        url: `/api/v1/enrolments/${w.enrolmentOpen}/quizzes/${QUIZ_LESSONS[0]?.key}/attempts`,
        body: { answers: wrongAnswers(QUIZ_LESSONS[0]?.key ?? '') },
      }),
      // Failed, attempts left: the answers stay hidden (the question's own `correct` is whether this answer was).
      check: (actor, res) => {
        expect(res.body).toMatchObject({ passed: false, answersRevealed: false });
        const keys = keysOf(res.body.questions).map((k) => k.key);
        expect({ actor, keys: keys.filter((k) => k !== 'correct' && ANSWER_KEYS.has(k)) }).toEqual({
          actor,
          keys: [],
        });
      },
    },
    'GET /api/v1/enrolments/:id': {
      allow: ['coach'],
      call: () => ({ url: `/api/v1/enrolments/${w.enrolmentOpen}` }),
      check: noAnswers,
    },
    'GET /api/v1/enrolments/:id/certificate': {
      allow: ['coach'],
      call: () => ({ url: `/api/v1/enrolments/${w.enrolmentDone}/certificate` }),
    },
    'GET /api/v1/enrolments/:id/certificate.pdf': {
      allow: ['coach'],
      call: () => ({ url: `/api/v1/enrolments/${w.enrolmentDone}/certificate.pdf` }),
    },
    // The certificate as an Open Badges 3.0 credential: JSON, and the badge with it baked in.
    ...Object.fromEntries(
      ['json', 'svg', 'png'].map((kind) => [
        `GET /api/v1/enrolments/:id/credential.${kind}`,
        {
          allow: ['coach'],
          call: () => ({ url: `/api/v1/enrolments/${w.enrolmentDone}/credential.${kind}` }),
        },
      ]),
    ),
    'GET /api/v1/enrolments/:id/self-assessment': {
      allow: ['coach'],
      call: () => ({ url: `/api/v1/enrolments/${w.enrolmentDone}/self-assessment` }),
    },
    'PUT /api/v1/enrolments/:id/self-assessment/:phase': {
      allow: ['coach'],
      call: () => ({
        url: `/api/v1/enrolments/${w.enrolmentDone}/self-assessment/start`,
        body: { ratings: {} },
      }),
    },
    'GET /api/v1/certificates/:code': {
      allow: EVERYONE,
      call: () => ({ url: `/api/v1/certificates/${w.certificate}` }),
      check: (actor, res) =>
        expect({ actor, emails: stringsOf(res.body).filter((s) => EMAIL.test(s)) }).toEqual({
          actor,
          emails: [],
        }),
    },
    'POST /api/v1/certificates/:code/revoke': {
      allow: COHORT_MANAGERS,
      call: () => ({ url: `/api/v1/certificates/${w.peerCertificate}/revoke`, body: { reason: 'Matrice' } }),
    },
    // The coach's certificate (the peer's is revoked above, and a revoked one is not re-issued).
    'POST /api/v1/certificates/:code/reissue': {
      allow: COHORT_MANAGERS,
      call: () => ({ url: `/api/v1/certificates/${w.certificate}/reissue` }),
    },

    // ------------------------------------------------------------ portable credentials (public but rotation)
    'GET /.well-known/did.json': { allow: EVERYONE, call: () => ({ url: '/.well-known/did.json' }) },
    'GET /did.json': { allow: EVERYONE, call: () => ({ url: '/did.json' }) },
    'GET /api/v1/credentials/issuer': {
      allow: EVERYONE,
      call: () => ({ url: '/api/v1/credentials/issuer?lang=ar' }),
    },
    'GET /api/v1/credentials/status/:list': {
      allow: EVERYONE,
      call: () => ({ url: '/api/v1/credentials/status/1' }),
    },
    'POST /api/v1/credentials/verify': {
      allow: EVERYONE,
      call: () => ({
        url: '/api/v1/credentials/verify',
        body: { credential: { type: ['VerifiableCredential'] } },
      }),
    },
    // Every admin may rotate the platform's one issuer key (earlier credentials keep verifying).
    'POST /api/v1/credentials/keys/rotate': {
      allow: ADMINS,
      call: () => ({ url: '/api/v1/credentials/keys/rotate', body: { confirm: 'rotate' } }),
    },

    // ------------------------------------------------------------ observatory (aggregates only)
    'GET /api/v1/observatory/scope': {
      allow: ALL_OBSERVERS,
      call: () => ({ url: '/api/v1/observatory/scope' }),
      check: noPeople,
    },
    'GET /api/v1/observatory/completion': {
      allow: TERRITORY_OBSERVERS,
      call: () => ({
        url: `/api/v1/observatory/completion?territoryId=${w.territory.oriental}&groupBy=cohort`,
      }),
      check: noPeople,
    },
    'GET /api/v1/observatory/competences': {
      allow: TERRITORY_OBSERVERS,
      call: () => ({ url: `/api/v1/observatory/competences?territoryId=${w.territory.oriental}` }),
      check: noPeople,
    },
    'GET /api/v1/observatory/practice': {
      allow: TERRITORY_OBSERVERS,
      call: () => ({ url: `/api/v1/observatory/practice?territoryId=${w.territory.oriental}` }),
      check: noPeople,
    },
    'GET /api/v1/observatory/threads': {
      allow: TERRITORY_OBSERVERS,
      call: () => ({ url: `/api/v1/observatory/threads?territoryId=${w.territory.oriental}` }),
      check: noPeople,
    },
    'GET /api/v1/observatory/impact': {
      allow: TERRITORY_OBSERVERS,
      call: () => ({ url: `/api/v1/observatory/impact?territoryId=${w.territory.oriental}` }),
      check: noPeople,
    },
    'GET /api/v1/observatory/impact/export': {
      allow: TERRITORY_OBSERVERS,
      call: () => ({
        url: `/api/v1/observatory/impact/export?territoryId=${w.territory.oriental}&format=csv`,
      }),
    },

    // ------------------------------------------------------------ practice (the coach's evidence is private)
    'GET /api/v1/enrolments/:enrolmentId/tasks/:lessonKey': {
      allow: ['coach', ...COHORT_MANAGERS],
      call: async () => {
        const p = await practice();
        return { url: `/api/v1/enrolments/${p.enrolmentId}/tasks/${p.lessonKey}` };
      },
    },
    // A replay of the coach's hand-in: the first answer again (200); nobody else hands in for them.
    'POST /api/v1/enrolments/:enrolmentId/tasks/:lessonKey/submissions': {
      allow: ['coach'],
      call: async () => {
        const p = await practice();
        return {
          url: `/api/v1/enrolments/${p.enrolmentId}/tasks/${p.lessonKey}/submissions`,
          body: { id: p.submissionId, text: 'La vitrine en ligne.', fileIds: [p.evidenceId] },
        };
      },
    },
    // Withdrawing a withdrawn round again changes nothing (200), so the coach's call can repeat.
    'DELETE /api/v1/enrolments/:enrolmentId/tasks/:lessonKey/submissions/:id': {
      allow: ['coach'],
      call: async () => {
        const p = await practice();
        return {
          url: `/api/v1/enrolments/${p.enrolmentId}/tasks/${p.lessonKey}/submissions/${p.withdrawnId}`,
        };
      },
    },
    'GET /api/v1/practice/evidence/:id': {
      allow: ['coach', ...COHORT_MANAGERS],
      call: async () => ({ url: `/api/v1/practice/evidence/${(await practice()).evidenceId}` }),
    },
    // The trainer's voice comment on a returned round: whoever sees the round hears it.
    'GET /api/v1/practice/voice-comments/:id': {
      allow: ['coach', ...COHORT_MANAGERS],
      call: async () => ({ url: `/api/v1/practice/voice-comments/${(await practice()).voiceCommentId}` }),
    },
    // The coach deletes a fresh draft file; the others try the handed-in one.
    'DELETE /api/v1/practice/evidence/:id': {
      allow: ['coach'],
      call: async (actor) => {
        const p = await practice();
        if (actor !== 'coach') return { url: `/api/v1/practice/evidence/${p.evidenceId}` };
        const { patched } = await p.upload(await jpeg(++photoSeed));
        return { url: `/api/v1/practice/evidence/${String(patched.headers['upload-evidence-id'])}` };
      },
    },
    // A cohort's announcements: its coaches and whoever runs it read; whoever runs it writes. Anyone
    // else is told the cohort does not exist (404), or may never write (403).
    'GET /api/v1/cohorts/:cohortId/announcements': {
      allow: ['coach', 'coachPeer', ...COHORT_MANAGERS],
      call: async () => {
        await announcement();
        return { url: `/api/v1/cohorts/${w.cohortIn}/announcements` };
      },
      check: asCoachSees,
    },
    'POST /api/v1/cohorts/:cohortId/announcements': {
      allow: COHORT_MANAGERS,
      call: () => ({ url: `/api/v1/cohorts/${w.cohortIn}/announcements`, body: ANNOUNCEMENT }),
    },
    'GET /api/v1/cohorts/:cohortId/announcements/:id': {
      allow: ['coach', 'coachPeer', ...COHORT_MANAGERS],
      call: async () => ({ url: `/api/v1/cohorts/${w.cohortIn}/announcements/${await announcement()}` }),
      check: asCoachSees,
    },
    'PATCH /api/v1/cohorts/:cohortId/announcements/:id': {
      allow: COHORT_MANAGERS,
      call: async () => ({
        url: `/api/v1/cohorts/${w.cohortIn}/announcements/${await announcement()}`,
        body: { title: { fr: 'Annonce modifiée' }, body: { fr: 'Texte' } },
      }),
    },
    // Each caller deletes a fresh one.
    'DELETE /api/v1/cohorts/:cohortId/announcements/:id': {
      allow: COHORT_MANAGERS,
      call: async () => ({ url: `/api/v1/cohorts/${w.cohortIn}/announcements/${await freshAnnouncement()}` }),
    },
    'PUT /api/v1/cohorts/:cohortId/announcements/:id/read': {
      allow: ['coach', 'coachPeer', ...COHORT_MANAGERS],
      call: async () => ({ url: `/api/v1/cohorts/${w.cohortIn}/announcements/${await announcement()}/read` }),
    },
    // A trainer's nudge to late coaches: whoever runs the cohort; a coach 403, anyone else 404.
    'POST /api/v1/cohorts/:cohortId/nudges': {
      allow: COHORT_MANAGERS,
      call: () => ({
        url: `/api/v1/cohorts/${w.cohortIn}/nudges`,
        body: { enrolmentIds: [w.enrolmentOpen] },
      }),
    },
    'PUT /api/v1/cohorts/:cohortId/announcements/:id/pin': {
      allow: COHORT_MANAGERS,
      call: async () => ({ url: `/api/v1/cohorts/${w.cohortIn}/announcements/${await announcement()}/pin` }),
    },
    'DELETE /api/v1/cohorts/:cohortId/announcements/:id/pin': {
      allow: COHORT_MANAGERS,
      call: async () => ({ url: `/api/v1/cohorts/${w.cohortIn}/announcements/${await announcement()}/pin` }),
    },
    // A coach's own cohorts only.
    'GET /api/v1/announcements/unread': {
      allow: COACHES,
      call: () => ({ url: '/api/v1/announcements/unread' }),
      check: asCoachSees,
    },
    // A cohort's threads: its coaches and whoever runs it read, start and reply; whoever runs it
    // moderates. Anyone else: 404 (or 403 where their role may never write or moderate).
    'GET /api/v1/cohorts/:cohortId/threads': {
      allow: ['coach', 'coachPeer', ...COHORT_MANAGERS],
      call: async () => {
        await asked();
        return { url: `/api/v1/cohorts/${w.cohortIn}/threads` };
      },
      check: (actor, res) => {
        if (COACHES.includes(actor as (typeof COACHES)[number]))
          expect(
            (res.body.items as { reportedPosts: unknown }[]).every((i) => i.reportedPosts === null),
          ).toBe(true);
      },
    },
    'POST /api/v1/cohorts/:cohortId/threads': {
      allow: ['coach', 'coachPeer', ...COHORT_MANAGERS],
      call: () => ({ url: `/api/v1/cohorts/${w.cohortIn}/threads`, body: THREAD }),
    },
    'GET /api/v1/cohorts/:cohortId/threads/:threadId': {
      allow: ['coach', 'coachPeer', ...COHORT_MANAGERS],
      call: async () => ({ url: `/api/v1/cohorts/${w.cohortIn}/threads/${(await asked()).id}` }),
    },
    'POST /api/v1/cohorts/:cohortId/threads/:threadId/posts': {
      allow: ['coach', 'coachPeer', ...COHORT_MANAGERS],
      call: async () => ({
        url: `/api/v1/cohorts/${w.cohortIn}/threads/${(await asked()).id}/posts`,
        body: { body: 'Une réponse' },
      }),
    },
    // Each writer edits (deletes) a post of their own; the others try the trainer's.
    'PATCH /api/v1/cohorts/:cohortId/threads/:threadId/posts/:postId': {
      allow: ['coach', 'coachPeer', ...COHORT_MANAGERS],
      call: async (actor) => ({ url: await ownPost(actor), body: { body: 'Corrigé' } }),
    },
    'DELETE /api/v1/cohorts/:cohortId/threads/:threadId/posts/:postId': {
      allow: ['coach', 'coachPeer', ...COHORT_MANAGERS],
      call: async (actor) => ({ url: await ownPost(actor) }),
    },
    'POST /api/v1/cohorts/:cohortId/threads/:threadId/posts/:postId/reports': {
      allow: ['coach', 'coachPeer', ...COHORT_MANAGERS],
      call: async () => {
        const a = await asked();
        return {
          url: `/api/v1/cohorts/${w.cohortIn}/threads/${a.id}/posts/${a.replyId}/reports`,
          body: { reason: 'Hors sujet' },
        };
      },
    },
    'PUT /api/v1/cohorts/:cohortId/threads/:threadId/posts/:postId/answer': {
      allow: COHORT_MANAGERS,
      call: async () => {
        const a = await asked();
        return { url: `/api/v1/cohorts/${w.cohortIn}/threads/${a.id}/posts/${a.replyId}/answer` };
      },
    },
    'DELETE /api/v1/cohorts/:cohortId/threads/:threadId/posts/:postId/answer': {
      allow: COHORT_MANAGERS,
      call: async () => {
        const a = await asked();
        return { url: `/api/v1/cohorts/${w.cohortIn}/threads/${a.id}/posts/${a.replyId}/answer` };
      },
    },
    'PUT /api/v1/cohorts/:cohortId/threads/:threadId/posts/:postId/hidden': {
      allow: COHORT_MANAGERS,
      call: async () => {
        const a = await asked();
        return {
          url: `/api/v1/cohorts/${w.cohortIn}/threads/${a.id}/posts/${a.replyId}/hidden`,
          body: { reason: 'Modération de la matrice' },
        };
      },
    },
    'DELETE /api/v1/cohorts/:cohortId/threads/:threadId/posts/:postId/hidden': {
      allow: COHORT_MANAGERS,
      call: async () => {
        const a = await asked();
        return { url: `/api/v1/cohorts/${w.cohortIn}/threads/${a.id}/posts/${a.replyId}/hidden` };
      },
    },
    'PUT /api/v1/cohorts/:cohortId/threads/:threadId/lock': {
      allow: COHORT_MANAGERS,
      call: async () => ({
        url: `/api/v1/cohorts/${w.cohortIn}/threads/${(await lockable()).id}/lock`,
        body: { reason: 'Clos' },
      }),
    },
    'DELETE /api/v1/cohorts/:cohortId/threads/:threadId/lock': {
      allow: COHORT_MANAGERS,
      call: async () => ({ url: `/api/v1/cohorts/${w.cohortIn}/threads/${(await lockable()).id}/lock` }),
    },
    'GET /api/v1/cohorts/:cohortId/practice/queue': {
      allow: COHORT_MANAGERS,
      call: async () => ({ url: `/api/v1/cohorts/${(await practice()).cohortId}/practice/queue` }),
    },
    // The roster's task column: each coach's latest round, for those who run the cohort.
    'GET /api/v1/cohorts/:cohortId/task-states': {
      allow: COHORT_MANAGERS,
      call: async () => ({ url: `/api/v1/cohorts/${(await practice()).cohortId}/task-states` }),
    },
    // Each caller reviews a round that waits (handed in anew after the previous one was returned).
    'POST /api/v1/practice/submissions/:id/review': {
      allow: COHORT_MANAGERS,
      call: async () => ({
        url: `/api/v1/practice/submissions/${await (await practice()).waitingRound()}/review`,
        body: REVISE,
      }),
    },
    // Coaches upload evidence for their task; everyone else tries a voice comment on a waiting round,
    // which only who may review it uploads.
    'POST /api/v1/practice/uploads': {
      allow: ['coach', ...COHORT_MANAGERS],
      call: async (actor) => {
        const p = await practice();
        return {
          url: '/api/v1/practice/uploads',
          headers: {
            'tus-resumable': '1.0.0',
            'upload-length': '100',
            'upload-metadata': uploadMetadata(
              COACHES.includes(actor as (typeof COACHES)[number])
                ? { enrolmentId: p.enrolmentId, lessonKey: p.lessonKey, kind: 'photo' }
                : { submissionId: await p.waitingRound(), kind: 'audio' },
            ),
          },
        };
      },
    },
    'HEAD /api/v1/practice/uploads/:uploadId': {
      allow: ['coach'],
      call: async () => ({ url: (await practice()).uploadPath, headers: { 'tus-resumable': '1.0.0' } }),
    },
    // The coach sends the whole file to a fresh upload; the others try the coach's unfinished one.
    'PATCH /api/v1/practice/uploads/:uploadId': {
      allow: ['coach'],
      call: async (actor) => {
        const p = await practice();
        const bytes = await jpeg(++photoSeed);
        return {
          url: actor === 'coach' ? await p.createUpload(bytes.length) : p.uploadPath,
          body: bytes,
          headers: {
            'tus-resumable': '1.0.0',
            'upload-offset': '0',
            'content-type': 'application/offset+octet-stream',
          },
        };
      },
    },

    // The field log: a coach's own (and shared) organisations; the trainers running a cohort of the
    // coach's and the admins of its territory read and comment; anyone else 404, observers 403.
    'GET /api/v1/fieldwork/organisations': {
      allow: [...COACHES, ...TRAINERS_AND_ADMINS],
      call: async () => {
        await fieldOrg();
        return { url: '/api/v1/fieldwork/organisations' };
      },
      check: fieldOrgHidden,
    },
    'PUT /api/v1/fieldwork/organisations/:id': {
      allow: COACHES,
      call: async (actor) => {
        const orgId = randomUUID();
        const territoryId = actor === 'coachAway' ? await awayField() : w.territory.berkane;
        return {
          url: `/api/v1/fieldwork/organisations/${orgId}`,
          body: fieldBody(orgId, `Organisation ${orgId.slice(0, 6)}`, territoryId),
        };
      },
    },
    'GET /api/v1/fieldwork/organisations/:id': {
      allow: ['coach', 'trainer', 'trainerPeer', 'admin', 'adminIn'],
      call: async () => ({ url: `/api/v1/fieldwork/organisations/${await fieldOrg()}` }),
      check: (actor, res) => {
        if (actor !== 'coach')
          expect({ actor, requests: res.body.shareRequests }).toEqual({ actor, requests: [] });
      },
    },
    'DELETE /api/v1/fieldwork/organisations/:id': {
      allow: ['coach'],
      call: async () => ({ url: `/api/v1/fieldwork/organisations/${await freshOrganisation()}` }),
    },
    // Only its coach notes that a young entrepreneur withdrew their agreement (a fresh one each time).
    'POST /api/v1/fieldwork/organisations/:id/consent-withdrawal': {
      allow: ['coach'],
      call: async () => {
        const orgId = randomUUID();
        await ok(
          api('coach', 'PUT', `/api/v1/fieldwork/organisations/${orgId}`, {
            ...fieldBody(orgId, `Atelier ${orgId.slice(0, 6)}`, w.territory.berkane),
            kind: 'young-enterprise',
            consent: true,
          }),
          'young enterprise',
        );
        return { url: `/api/v1/fieldwork/organisations/${orgId}/consent-withdrawal` };
      },
    },
    'POST /api/v1/fieldwork/organisations/:id/checks': {
      allow: ['coach'],
      call: async () => ({
        url: `/api/v1/fieldwork/organisations/${await fieldOrg()}/checks`,
        body: { id: randomUUID(), ...FIELD_CHECK },
      }),
    },
    'PUT /api/v1/fieldwork/organisations/:id/visits/:visitId': {
      allow: ['coach'],
      call: async () => {
        const visitId = randomUUID();
        return {
          url: `/api/v1/fieldwork/organisations/${await fieldOrg()}/visits/${visitId}`,
          body: {
            id: visitId,
            visitedOn: '2026-05-04',
            minutes: 30,
            mode: 'remote',
            competences: [],
            lessons: [],
          },
        };
      },
    },
    'DELETE /api/v1/fieldwork/organisations/:id/visits/:visitId': {
      allow: ['coach'],
      call: async () => {
        const orgId = await fieldOrg();
        return { url: `/api/v1/fieldwork/organisations/${orgId}/visits/${await freshVisit(orgId)}` };
      },
    },
    'POST /api/v1/fieldwork/organisations/:id/milestones': {
      allow: ['coach'],
      call: async () => ({
        url: `/api/v1/fieldwork/organisations/${await milestoneOrg()}/milestones`,
        body: { id: randomUUID(), kind: 'website-live', reachedOn: '2026-05-05' },
      }),
    },
    'DELETE /api/v1/fieldwork/organisations/:id/milestones/:milestoneId': {
      allow: ['coach'],
      call: async () => {
        const orgId = await freshOrganisation();
        const made = await ok(
          api('coach', 'POST', `/api/v1/fieldwork/organisations/${orgId}/milestones`, {
            id: randomUUID(),
            kind: 'social-media-page',
            reachedOn: '2026-05-05',
          }),
          'milestone',
        );
        return { url: `/api/v1/fieldwork/organisations/${orgId}/milestones/${made.body.id}` };
      },
    },
    'POST /api/v1/fieldwork/organisations/:id/comments': {
      allow: ['coach', 'trainer', 'trainerPeer', 'admin', 'adminIn'],
      call: async () => ({
        url: `/api/v1/fieldwork/organisations/${await fieldOrg()}/comments`,
        body: { id: randomUUID(), body: 'Commentaire de la matrice' },
      }),
    },
    // coachPeer registered a twin of it (same name, same province): they may ask; its owner's ask changes nothing.
    'POST /api/v1/fieldwork/organisations/:id/share-requests': {
      allow: ['coach', 'coachPeer'],
      call: async () => ({ url: `/api/v1/fieldwork/organisations/${await fieldOrg()}/share-requests` }),
    },
    'POST /api/v1/fieldwork/organisations/:id/shares': {
      allow: ['coach'],
      call: async () => ({
        url: `/api/v1/fieldwork/organisations/${await shareOrg()}/shares`,
        body: { coachId: w.userIds.coachPeer },
      }),
    },
    'DELETE /api/v1/fieldwork/organisations/:id/shares/:coachId': {
      allow: ['coach'],
      call: async () => ({
        url: `/api/v1/fieldwork/organisations/${await shareOrg()}/shares/${w.userIds.coachPeer}`,
      }),
    },
    'GET /api/v1/fieldwork/coaches': {
      allow: TRAINERS_AND_ADMINS,
      call: () => ({ url: '/api/v1/fieldwork/coaches' }),
    },

    // Last: joining makes the caller a coach of the cohort's territory (it would change later rows).
    'POST /api/v1/cohorts/join': {
      allow: SIGNED_IN,
      call: () => ({ url: '/api/v1/cohorts/join', body: { code: joinCode } }),
    },
  };

  beforeAll(async () => {
    const t = await createTestApp();
    w = await buildWorld(t);
    demoFile = (
      await ok(api('trainer', 'GET', `/api/v1/courses/${w.demoCourseId}/export?version=1`), 'export')
    ).body as CourseFile;
    pendingLink = (await freshPerson()).token;
    // Version 2 of the draft course, for upgrades.
    await ok(api('trainer', 'PATCH', `/api/v1/courses/${w.draftCourseId}`, { summary: { fr: 'v2' } }), 'v2');
    await ok(api('trainer', 'POST', `/api/v1/courses/${w.draftCourseId}/publish`), 'publish v2');
    const joinable = await freshCohort();
    joinCode = (await ok(api('trainer', 'PATCH', `/api/v1/cohorts/${joinable}`, { joinCode: true }), 'code'))
      .body.joinCode as string;
  }, 900_000);
  afterAll(async () => {
    await w?.t.close();
  });

  it('every route of the router has a row in the table, and every row a route', () => {
    const routes = routesOf(w.t.app, API_PREFIX);
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((r) => !r.path).map((r) => r.handler)).toEqual([]);
    expect(routes.map((r) => r.key).filter((k) => !(k in table))).toEqual([]);
    const known = new Set(routes.map((r) => r.key));
    expect(Object.keys(table).filter((k) => !known.has(k))).toEqual([]);
  });

  it('the check catches a route without a row (probe: a Nest app with one more controller)', async () => {
    @Controller('probe')
    class ProbeController {
      @Get(':id')
      @SignedIn()
      read(): string {
        return 'x';
      }
    }
    @Module({ controllers: [ProbeController] })
    class ProbeModule {}
    const app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), {
      logger: false,
    });
    app.setGlobalPrefix(API_PREFIX);
    await app.init();
    try {
      const routes = routesOf(app, API_PREFIX);
      expect(routes).toEqual([
        {
          key: 'GET /api/v1/probe/:id',
          method: 'GET',
          path: '/api/v1/probe/:id',
          handler: 'ProbeController.read',
        },
      ]);
      expect(routes.map((r) => r.key).filter((k) => !(k in table))).toEqual(['GET /api/v1/probe/:id']);
    } finally {
      await app.close();
    }
  });

  it('calls every route as every caller: 2xx only where allowed, else a 4xx problem; bodies hold what the caller may see', async () => {
    secrets = (
      (await w.t.dataSource.query(
        `SELECT password_hash AS s FROM users WHERE password_hash IS NOT NULL
         UNION ALL SELECT token_hash FROM refresh_tokens UNION ALL SELECT token_hash FROM action_tokens`,
      )) as { s: string }[]
    ).map((r) => r.s);
    expect(secrets.length).toBeGreaterThan(10);
    const unexpected: string[] = [];
    const known = new Set(routesOf(w.t.app, API_PREFIX).map((r) => r.key));
    for (const [route, entry] of Object.entries(table)) {
      if (!known.has(route)) continue; // reported by the first test
      const method = route.split(' ')[0] as string;
      for (const actor of ACTORS) {
        const call = await entry.call(actor);
        const token = actor === 'anonymous' || call.noToken ? undefined : w.tokens[actor];
        const res = await w.t.request(method, call.url, {
          ...(token ? { token } : {}),
          ...(call.body !== undefined ? { body: call.body } : {}),
          ...(call.headers ? { headers: call.headers } : {}),
        });
        results.push({ route, actor, status: res.status });
        const allowed = entry.allow.includes(actor);
        const expected = allowed
          ? res.status >= 200 && res.status < 300
          : UNAUTHENTICATED.includes(actor)
            ? res.status === 401
            : res.status === 403 || res.status === 404;
        if (!expected)
          unexpected.push(
            `${route} as ${actor} (${DESCRIPTION[actor]}): ${res.status}, expected ${allowed ? '2xx' : UNAUTHENTICATED.includes(actor) ? '401' : '403/404'} ${
              res.status >= 300 ? JSON.stringify(res.body).slice(0, 200) : ''
            }`,
          );
        if (res.status >= 400 && !/^application\/problem\+json/.test(String(res.headers['content-type'])))
          unexpected.push(`${route} as ${actor}: ${res.status} is not a problem+json`);
        // No shared cache keeps an answer given to a signed-in caller (a roster, a profile, a CSV of e-mails).
        if (token && !/\b(no-store|private)\b/.test(String(res.headers['cache-control'] ?? '')))
          unexpected.push(`${route} as ${actor}: cache-control ${String(res.headers['cache-control'])}`);
        // Secrets never leave, whoever asks and whatever the answer.
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
        const leaked = keysOf(res.body)
          .filter((k) => SECRET_KEYS.has(k.key) || (k.key === 'accessToken' && !SESSION_ROUTES.has(route)))
          .map((k) => k.key)
          .concat(secrets.filter((s) => text.includes(s)).map(() => 'a stored hash'));
        if (leaked.length) unexpected.push(`${route} as ${actor}: leaks ${leaked.join(', ')}`);
        if (allowed && res.status < 300 && entry.check) {
          try {
            entry.check(actor, res);
          } catch (error) {
            unexpected.push(
              `${route} as ${actor}: ${String((error as Error).message)
                .replace(/\s+/g, ' ')
                .slice(0, 300)}`,
            );
          }
        }
      }
    }
    if (process.env['AUTHZ_TABLE'] === '1' || unexpected.length) printTable();
    expect(unexpected).toEqual([]);
  }, 1_800_000);

  function printTable(): void {
    const routes = [...new Set(results.map((r) => r.route))];
    const head = ['route', ...ACTORS.map((a) => a.replace('anonymous', 'anon'))];
    const lines = routes.map((route) => [
      route,
      ...ACTORS.map((a) => String(results.find((r) => r.route === route && r.actor === a)?.status ?? '')),
    ]);
    const width = head.map((_, i) => Math.max(...[head, ...lines].map((l) => l[i]?.length ?? 0)));
    const fmt = (l: string[]) => l.map((c, i) => c.padEnd(width[i] ?? 0)).join(' ');
    console.log([fmt(head), ...lines.map(fmt)].join('\n'));
  }
});
