import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { CourseFile, QuizAnswers } from '@tc/shared/contracts';
import { demoCourse } from '@tc/demo/api';
import { passTask } from './practice-world';
import type { TestApp, TestResponse } from './test-app';

// ------------------------------------------------------------------ routes, from Nest's own router

export interface DiscoveredRoute {
  /** `GET /api/v1/courses/:id`: the method and the path as Fastify registered it. */
  key: string;
  method: string;
  path: string;
  handler: string;
}

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/**
 * Every route of a Nest app on Fastify: the controllers Nest's discovery finds, each handler with its
 * request method and path metadata, resolved against the global prefix (or its exclusions) by asking
 * Fastify which of the two it registered. A handler Fastify does not know is reported with `path: ''`.
 */
export function routesOf(app: INestApplication, prefix: string): DiscoveredRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const routes: DiscoveredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const ctor = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
    if (!ctor || !wrapper.instance) continue;
    const base = [Reflect.getMetadata(PATH_METADATA, ctor) as string | string[] | undefined].flat();
    const proto = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name] as object;
      const own = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (own === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
      for (const b of base) {
        for (const p of [own].flat()) {
          const candidates = [join(prefix, b ?? '', p), join(b ?? '', p)];
          const path = candidates.find((url) => fastify.hasRoute({ method: method as 'GET', url })) ?? '';
          routes.push({
            key: `${method} ${path || candidates[0]}`,
            method,
            path,
            handler: `${ctor.name}.${name}`,
          });
        }
      }
    }
  }
  return routes;
}

// ------------------------------------------------------------------ the fixture world

export const ACTORS = [
  'anonymous',
  'revoked',
  'coach',
  'coachPeer',
  'coachAway',
  'trainer',
  'trainerPeer',
  'trainerAway',
  'observer',
  'observerIn',
  'observerAway',
  'admin',
  'adminIn',
  'adminAway',
] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * Who is who. "In" is L'Oriental (MA-02), "Away" is Souss-Massa (MA-09); observer and admin without a
 * suffix cover the whole tree (the root).
 * - coach: owns the enrolments, progress, certificate and profile under test (demo coach, MA-02).
 * - coachPeer: another coach of the same cohort (MA-02); coachAway: a coach in MA-09.
 * - trainer: the demo trainer (MA-02), owner of the draft course, runs the MA-02 cohort.
 * - trainerPeer: a trainer of MA-02 who neither owns the course nor runs the cohort; trainerAway: MA-09.
 */
export const DESCRIPTION: Record<Actor, string> = {
  anonymous: 'no token',
  revoked: 'token of a signed-out session',
  coach: 'owner coach, MA-02',
  coachPeer: 'other coach, same cohort, MA-02',
  coachAway: 'coach, MA-09',
  trainer: 'owner trainer, MA-02',
  trainerPeer: 'other trainer, MA-02',
  trainerAway: 'trainer, MA-09',
  observer: 'observer, root',
  observerIn: 'observer, MA-02',
  observerAway: 'observer, MA-09',
  admin: 'admin, root',
  adminIn: 'admin, MA-02',
  adminAway: 'admin, MA-09',
};

const PASSWORD = 'matrix-password-2026';
const DEMO_PASSWORD = 'demo-password-2026';

/** The people of the world (a revoked session is the coach's, signed out). */
export type Person = Exclude<Actor, 'anonymous' | 'revoked'>;

export const EMAILS: Record<Person, string> = {
  coach: 'coach@example.org',
  coachPeer: 'coach.peer@authz.test',
  coachAway: 'coach.away@authz.test',
  trainer: 'trainer@example.org',
  trainerPeer: 'trainer.peer@authz.test',
  trainerAway: 'trainer.away@authz.test',
  observer: 'observer@example.org',
  observerIn: 'observer.in@authz.test',
  observerAway: 'observer.away@authz.test',
  admin: 'admin@example.org',
  adminIn: 'admin.in@authz.test',
  adminAway: 'admin.away@authz.test',
};

const lessons = demoCourse().modules.flatMap((m) => m.lessons);
export const TEXT_LESSONS = lessons.filter((l) => l.kind !== 'quiz');
export const QUIZ_LESSONS = lessons.filter((l) => l.kind === 'quiz');

/** The right answers of a demo quiz, from its content (the test knows them; the coach's view must not). */
export function rightAnswers(key: string): QuizAnswers {
  const quiz = QUIZ_LESSONS.find((q) => q.key === key)?.quiz;
  if (!quiz) throw new Error(`no quiz ${key}`);
  return Object.fromEntries(
    quiz.questions.map((q) => [
      q.key,
      q.type === 'short_answer'
        ? (q.acceptedAnswers[0] ?? '')
        : q.type === 'multiple'
          ? q.options.filter((o) => o.correct).map((o) => o.key)
          : (q.options.find((o) => o.correct)?.key ?? ''),
    ]),
  );
}
export function wrongAnswers(key: string): QuizAnswers {
  const quiz = QUIZ_LESSONS.find((q) => q.key === key)?.quiz;
  if (!quiz) throw new Error(`no quiz ${key}`);
  return Object.fromEntries(
    quiz.questions.map((q) => [
      q.key,
      q.type === 'short_answer' ? 'rien du tout' : (q.options.find((o) => !o.correct)?.key ?? ''),
    ]),
  );
}

/** Every text lesson of the demo course completed a minute ago, as a progress batch for `enrolmentId`. */
export function textLessonsCompleted(enrolmentId: string) {
  return {
    events: TEXT_LESSONS.map((l) => ({
      id: randomUUID(),
      enrolmentId,
      lessonKey: l.key,
      type: 'completed',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    })),
  };
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export function multipart(field: string, filename: string, type: string, bytes: Buffer) {
  const boundary = `----authz${randomUUID().replaceAll('-', '')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export interface World {
  t: TestApp;
  tokens: Record<Exclude<Actor, 'anonymous'>, string>;
  userIds: Record<Person, string>;
  displayNames: string[];
  territory: { oriental: string; away: string; berkane: string };
  demoCourseId: string;
  /** The trainer's course: a draft with modules and lessons, published once (version 1). */
  draftCourseId: string;
  cohortIn: string;
  cohortAway: string;
  /** The coach's completed enrolment (certificate issued) in `cohortIn`. */
  enrolmentDone: string;
  /** The coach's enrolment still in progress (no quiz passed: answers never revealed), in MA-02. */
  enrolmentOpen: string;
  peerEnrolment: string;
  awayEnrolment: string;
  certificate: string;
  /** The peer coach's certificate (revocation target). */
  peerCertificate: string;
  mediaHash: string;
  cohortCode: string;
  /** Calls the API as someone (JSON in and out). */
  as(actor: Actor, method: string, url: string, body?: unknown): Promise<TestResponse>;
}

async function expectOk(res: TestResponse, what: string): Promise<TestResponse> {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** Builds the fixture world once per spec file, through the API as each role would. */
export async function buildWorld(t: TestApp): Promise<World> {
  const codes = (await t.dataSource.query(
    `SELECT id, code FROM territories WHERE code IN ('MA-02', 'MA-09', 'MA-BER', 'MA-AGA')`,
  )) as { id: string; code: string }[];
  const id = (code: string) => {
    const row = codes.find((c) => c.code === code);
    if (!row) throw new Error(`no territory ${code}`);
    return row.id;
  };
  const territory = { oriental: id('MA-02'), away: id('MA-09'), berkane: id('MA-BER') };
  const tokens = {} as World['tokens'];
  for (const a of ['coach', 'trainer', 'observer', 'admin'] as const)
    tokens[a] = (await t.signIn(EMAILS[a], DEMO_PASSWORD)).accessToken;
  const ended = await t.signIn(EMAILS.coach, DEMO_PASSWORD);
  await expectOk(await t.request('POST', '/api/v1/auth/sign-out', { cookie: ended.cookie }), 'sign out');
  tokens.revoked = ended.accessToken;
  const as: World['as'] = (actor, method, url, body) =>
    t.request(method, url, {
      ...(actor === 'anonymous' ? {} : { token: tokens[actor] }),
      ...(body !== undefined ? { body } : {}),
    });

  // The other people, invited by the root admin with one role each, and signed in through their link.
  const people: [Person, string, string][] = [
    ['coachPeer', 'coach', territory.oriental],
    ['coachAway', 'coach', territory.away],
    ['trainerPeer', 'trainer', territory.oriental],
    ['trainerAway', 'trainer', territory.away],
    ['observerIn', 'observer', territory.oriental],
    ['observerAway', 'observer', territory.away],
    ['adminIn', 'admin', territory.oriental],
    ['adminAway', 'admin', territory.away],
  ];
  for (const [actor, role, territoryId] of people) {
    const invite = await expectOk(
      await as('admin', 'POST', '/api/v1/users/invitations', {
        email: EMAILS[actor],
        displayName: `Personne ${actor}`,
        role,
        territoryId: role === 'coach' && territoryId === territory.oriental ? territory.berkane : territoryId,
        preferredLanguage: 'fr',
      }),
      `invite ${actor}`,
    );
    const token = String(invite.body.link.url).split('/').pop();
    const accepted = await expectOk(
      await t.request('POST', '/api/v1/auth/links/accept', { body: { token, password: PASSWORD } }),
      `accept ${actor}`,
    );
    tokens[actor] = accepted.body.accessToken as string;
  }
  const users = (await t.dataSource.query(`SELECT id, email, display_name FROM users WHERE email = ANY($1)`, [
    Object.values(EMAILS),
  ])) as { id: string; email: string; display_name: string }[];
  const userIds = Object.fromEntries(
    Object.entries(EMAILS).map(([actor, email]) => [actor, users.find((u) => u.email === email)?.id ?? '']),
  ) as World['userIds'];

  // Courses: the demo course (published, the trainer's) and a draft copy of it, published once.
  const published = await as('trainer', 'GET', '/api/v1/courses?scope=published');
  const demoCourseId = (published.body as { id: string; slug: string }[]).find(
    (c) => c.slug === demoCourse().slug,
  )?.id as string;
  const file = (await as('trainer', 'GET', `/api/v1/courses/${demoCourseId}/export?version=1`))
    .body as CourseFile;
  const draft = await expectOk(
    await as('trainer', 'POST', '/api/v1/courses/import', { ...file, slug: 'matrice-brouillon' }),
    'import draft',
  );
  const draftCourseId = draft.body.id as string;
  await expectOk(await as('trainer', 'POST', `/api/v1/courses/${draftCourseId}/publish`), 'publish draft');

  // Cohorts: one in MA-02 run by the trainer (coach and peer), one in MA-09 (away coach), and a second
  // MA-02 cohort where the coach's enrolment stays open.
  const cohort = async (actor: Actor, name: string, territoryId: string) =>
    (
      await expectOk(
        await as(actor, 'POST', '/api/v1/cohorts', {
          name,
          courseId: demoCourseId,
          courseVersion: 1,
          territoryId,
          startsOn: '2026-01-01',
          endsOn: '2027-12-31',
        }),
        `cohort ${name}`,
      )
    ).body as { id: string; code: string };
  const inCohort = await cohort('trainer', 'Matrice Oriental', territory.oriental);
  const awayCohort = await cohort('trainerAway', 'Matrice Souss-Massa', territory.away);
  const openCohort = await cohort('trainer', 'Matrice Oriental (en cours)', territory.oriental);
  const enrolled = await expectOk(
    await as('trainer', 'POST', `/api/v1/cohorts/${inCohort.id}/enrolments`, {
      emails: [EMAILS.coach, EMAILS.coachPeer],
    }),
    'enrol',
  );
  // The peer coaches in Berkane, not over the whole region: invited, they accept signed in.
  const peerLink = (enrolled.body.invited as { email: string; url: string }[]).find(
    (i) => i.email === EMAILS.coachPeer,
  );
  await expectOk(
    await as('coachPeer', 'POST', '/api/v1/me/cohort-invitations/accept', {
      token: String(peerLink?.url).split('/').pop(),
    }),
    'peer accepts',
  );
  await expectOk(
    await as('trainer', 'POST', `/api/v1/cohorts/${openCohort.id}/enrolments`, { emails: [EMAILS.coach] }),
    'enrol open',
  );
  await expectOk(
    await as('trainerAway', 'POST', `/api/v1/cohorts/${awayCohort.id}/enrolments`, {
      emails: [EMAILS.coachAway],
    }),
    'enrol away',
  );
  const enrolmentOf = async (actor: Actor, cohortId: string) =>
    (
      (await as(actor, 'GET', '/api/v1/me/enrolments')).body as { enrolmentId: string; cohortId: string }[]
    ).find((e) => e.cohortId === cohortId)?.enrolmentId as string;
  const enrolmentDone = await enrolmentOf('coach', inCohort.id);
  const enrolmentOpen = await enrolmentOf('coach', openCohort.id);
  const peerEnrolment = await enrolmentOf('coachPeer', inCohort.id);
  const awayEnrolment = await enrolmentOf('coachAway', awayCohort.id);

  // Progress: the coach and the peer complete the course (certificates); the open enrolment has one lesson.
  const complete = async (actor: Actor, enrolmentId: string) => {
    const res = await as(actor, 'POST', '/api/v1/progress/events', textLessonsCompleted(enrolmentId));
    if (res.body.accepted?.length !== TEXT_LESSONS.length)
      throw new Error(`progress: ${JSON.stringify(res.body)}`);
    for (const q of QUIZ_LESSONS)
      await expectOk(
        await as(actor, 'POST', `/api/v1/enrolments/${enrolmentId}/quizzes/${q.key}/attempts`, {
          answers: rightAnswers(q.key),
        }),
        `quiz ${q.key}`,
      );
    // A required practical task completes only once a trainer of the cohort passes it.
    for (const l of lessons.filter((lesson) => lesson.kind === 'task'))
      await passTask(t, { coach: tokens[actor as Person], trainer: tokens.trainer }, enrolmentId, l);
    return (
      await expectOk(await as(actor, 'GET', `/api/v1/enrolments/${enrolmentId}/certificate`), 'certificate')
    ).body.code as string;
  };
  const certificate = await complete('coach', enrolmentDone);
  const peerCertificate = await complete('coachPeer', peerEnrolment);
  await as('coach', 'POST', '/api/v1/progress/events', {
    id: randomUUID(),
    enrolmentId: enrolmentOpen,
    lessonKey: TEXT_LESSONS[0]?.key,
    type: 'started',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
  });

  const upload = multipart('file', 'pixel.png', 'image/png', PNG);
  const media = await expectOk(
    await t.request('POST', '/api/v1/media', {
      token: tokens.trainer,
      body: upload.body,
      headers: upload.headers,
    }),
    'media',
  );

  return {
    t,
    tokens,
    userIds,
    displayNames: users.map((u) => u.display_name),
    territory,
    demoCourseId,
    draftCourseId,
    cohortIn: inCohort.id,
    cohortAway: awayCohort.id,
    cohortCode: inCohort.code,
    enrolmentDone,
    enrolmentOpen,
    peerEnrolment,
    awayEnrolment,
    certificate,
    peerCertificate,
    mediaHash: media.body.hash as string,
    as,
  };
}
