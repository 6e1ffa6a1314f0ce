import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { dayFromToday, DEMO_PASSWORD, expectSignedIn, signIn } from './support';
import { oneLine, XSS_VECTORS } from './fixtures/xss-vectors';

/**
 * Stored XSS: the OWASP filter-evasion vectors go in through the API as a trainer would type them
 * (lesson bodies, quiz prompts, options, feedback and explanations, course/module/lesson titles, the
 * cohort's name, a coach's profile name), the course is published, and every page that shows them is
 * opened in chromium as the coach and as the trainer. A payload that ran would call a hooked
 * alert/confirm/prompt/print or push onto `window.__xss`; neither may happen, no dialog may open, and
 * no `javascript:` URL, inline handler, frame or foreign script may be in the DOM.
 */

const API = '/api/v1';
const PASSWORD = 'xss-coach-password-2026';
const V = XSS_VECTORS;
const payload = (i: number) => V[i % V.length]?.payload ?? '';
/** A one-line field (titles, names, options: at most 300 characters) with a payload after a prefix. */
const short = (prefix: string, i: number) => `${prefix} ${oneLine(payload(i))}`.slice(0, 300);

interface Seeded {
  courseId: string;
  cohortId: string;
  enrolmentId: string;
  lessonKeys: string[];
  lessonIds: string[];
  coachEmail: string;
}

async function json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** The course file: every vector somewhere, most of them in several places. */
function hostileCourse(slug: string) {
  const text = (s: string) => ({ fr: s });
  const chunks: string[][] = [];
  for (let i = 0; i < V.length; i += 10) chunks.push(V.slice(i, i + 10).map((v) => v.payload));
  const textLessons = chunks.map((bodies, i) => ({
    key: `l${i + 1}`,
    kind: 'text',
    title: text(short(`Leçon ${i + 1}`, i * 7 + 3)),
    competences: [],
    estimatedMinutes: 5,
    body: text(`Contenu de la leçon ${i + 1}\n\n${bodies.join('\n\n')}\n\nFin de la leçon ${i + 1}`),
    media: null,
    quiz: null,
  }));
  const questions = V.slice(0, 12).map((v, i) => ({
    key: `q${i + 1}`,
    type: 'single',
    prompt: text(`Q${i + 1} ${v.payload}`),
    points: 1,
    options: [0, 1, 2].map((o) => ({
      key: `o${o + 1}`,
      text: text(short(`Option ${o + 1}`, i * 3 + o + 20)),
      correct: o === 1,
      feedback: text(payload(i + o + 30)),
    })),
    acceptedAnswers: [],
    explanation: text(payload(i + 40)),
  }));
  const quizLesson = {
    key: 'quiz',
    kind: 'quiz',
    title: text(short('Quiz', 5)),
    competences: [],
    estimatedMinutes: 5,
    body: text(payload(11)),
    media: null,
    // One attempt: submitting it reveals the answers, their feedback and the explanations.
    quiz: { passMark: 100, maxAttempts: 1, revealAnswers: 'after_pass_or_last_attempt', questions },
  };
  return {
    format: 'tc-course/1',
    exportedAt: new Date().toISOString(),
    source: { courseId: '00000000-0000-4000-8000-000000000000', version: null },
    slug,
    defaultLocale: 'fr',
    locales: ['fr'],
    title: text(short('Cours XSS', 10)),
    summary: text(payload(13)),
    estimatedMinutes: 60,
    coverImageHash: null,
    competences: [],
    modules: [
      { key: 'm1', title: text(short('Module 1', 14)), lessons: textLessons.slice(0, 4) },
      {
        key: 'm2',
        title: text(short('Module 2', 15)),
        lessons: [...textLessons.slice(4), quizLesson],
      },
    ],
  };
}

async function seed(request: APIRequestContext): Promise<Seeded> {
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e4)}`;
  const signInAs = async (email: string, password: string) =>
    (
      await json<{ accessToken: string }>(
        await request.post(`${API}/auth/sign-in`, { data: { email, password } }),
        'sign-in',
      )
    ).accessToken;
  const trainer = { authorization: `Bearer ${await signInAs('trainer@example.org', DEMO_PASSWORD)}` };
  const draft = await json<{
    id: string;
    modules: { lessons: { id: string; key: string; kind: string }[] }[];
  }>(
    await request.post(`${API}/courses/import`, { headers: trainer, data: hostileCourse(`xss-${stamp}`) }),
    'import',
  );
  await json(await request.post(`${API}/courses/${draft.id}/publish`, { headers: trainer }), 'publish');
  const me = await json<{ roles: { role: string; territoryId: string }[] }>(
    await request.get(`${API}/me`, { headers: trainer }),
    'me',
  );
  const cohort = await json<{ id: string }>(
    await request.post(`${API}/cohorts`, {
      headers: trainer,
      data: {
        name: short('Cohorte', 0).slice(0, 160),
        courseId: draft.id,
        courseVersion: 1,
        territoryId: me.roles.find((r) => r.role === 'trainer')?.territoryId,
        startsOn: dayFromToday(-5),
        endsOn: dayFromToday(60),
      },
    }),
    'cohort',
  );
  // A new coach, invited by enrolment, who names themself with a payload.
  const coachEmail = `xss-${stamp}@coop.ma`;
  const enrolled = await json<{ invited: { url: string }[] }>(
    await request.post(`${API}/cohorts/${cohort.id}/enrolments`, {
      headers: trainer,
      data: { emails: [coachEmail] },
    }),
    'enrol',
  );
  const token = enrolled.invited[0]?.url.split('/').pop();
  const session = await json<{ accessToken: string }>(
    await request.post(`${API}/auth/links/accept`, { data: { token, password: PASSWORD } }),
    'accept',
  );
  const coach = { authorization: `Bearer ${session.accessToken}` };
  await json(
    await request.patch(`${API}/me`, {
      headers: coach,
      data: { displayName: short('Coach', 1).slice(0, 120) },
    }),
    'profile name',
  );
  const mine = await json<{ enrolmentId: string; cohortId: string }[]>(
    await request.get(`${API}/me/enrolments`, { headers: coach }),
    'enrolments',
  );
  const lessons = draft.modules.flatMap((m) => m.lessons);
  return {
    courseId: draft.id,
    cohortId: cohort.id,
    enrolmentId: mine.find((e) => e.cohortId === cohort.id)?.enrolmentId ?? '',
    lessonKeys: lessons.map((l) => l.key),
    lessonIds: lessons.map((l) => l.id),
    coachEmail,
  };
}

/** Hooks the dialog functions before any of the app's scripts run, in every frame. */
async function watch(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __xss: string[] };
    w.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      w[name] = (...args: unknown[]) => {
        w.__xss.push(`${name}(${String(args[0])})`);
        return name === 'confirm' ? false : null;
      };
    }
  });
  return dialogs;
}

/** What would have run, and what should never be in the DOM. */
async function findings(page: Page): Promise<{ ran: string[]; dom: string[] }> {
  // Every image has loaded or failed: an onerror/onload would have fired by now.
  await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
  return page.evaluate(() => {
    const dom: string[] = [];
    const URL_ATTRS = [
      'href',
      'src',
      'action',
      'formaction',
      'xlink:href',
      'data',
      'background',
      'poster',
      'srcset',
      'content',
    ];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      for (const attr of Array.from(el.attributes)) {
        // As a browser reads a URL: control characters and spaces do not count.
        const value = Array.from(attr.value)
          .filter((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) !== 0x7f)
          .join('')
          .toLowerCase();
        if (attr.name.startsWith('on')) dom.push(`<${tag} ${attr.name}>`);
        if (attr.name === 'srcdoc') dom.push(`<${tag} srcdoc>`);
        if (URL_ATTRS.includes(attr.name) && /(^|url=)(javascript|vbscript):|^data:text\/html/.test(value))
          dom.push(`<${tag} ${attr.name}="${attr.value.slice(0, 60)}">`);
      }
      if (['iframe', 'object', 'embed', 'frame', 'frameset'].includes(tag)) dom.push(`<${tag}>`);
      // The app's own <base href="/"> is the only one there may be.
      if (tag === 'base' && el.getAttribute('href') !== '/')
        dom.push(`<base href="${el.getAttribute('href')}">`);
      if (tag === 'meta' && el.getAttribute('http-equiv')?.toLowerCase() === 'refresh')
        dom.push('<meta refresh>');
      const style = el.getAttribute('style') ?? '';
      if (/expression\(|javascript:/i.test(style)) dom.push(`<${tag} style="${style.slice(0, 60)}">`);
    }
    for (const a of Array.from(document.querySelectorAll('a[href], area[href]')) as HTMLAnchorElement[])
      if (/^(javascript|vbscript|data):/i.test(a.protocol)) dom.push(`link ${a.protocol}`);
    for (const s of Array.from(document.scripts))
      if (!s.src || new URL(s.src).origin !== location.origin) dom.push(`<script ${s.src || 'inline'}>`);
    return { ran: (window as unknown as { __xss: string[] }).__xss ?? ['no hook'], dom };
  });
}

async function expectInert(page: Page, dialogs: string[], where: string): Promise<void> {
  const found = await findings(page);
  expect({ where, ...found, dialogs }).toEqual({ where, ran: [], dom: [], dialogs: [] });
}

test.describe.configure({ mode: 'serial' });

let seeded: Seeded;
test.beforeAll(async ({ request }) => {
  seeded = await seed(request);
});

test('the checks catch a payload that ran and markup that could run (they can fail)', async ({ page }) => {
  const dialogs = await watch(page);
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  // The app's CSP (script-src 'self') would block an inline handler, so "ran" is shown by calling the
  // hooked function as a payload would; the DOM checks are what catch markup the CSP happens to stop.
  await page.evaluate(() => {
    window.alert('probe');
    const div = document.createElement('div');
    div.innerHTML =
      '<img src="x" onerror="alert(1)"><a href="javascript:void(0)">x</a><iframe srcdoc="x"></iframe>';
    document.body.append(div);
  });
  const found = await findings(page);
  expect(found.ran).toEqual(['alert(probe)']);
  expect(found.dom).toEqual(
    expect.arrayContaining([
      '<img onerror>',
      '<a href="javascript:void(0)">',
      '<iframe srcdoc>',
      '<iframe>',
      'link javascript:',
    ]),
  );
  expect(dialogs).toEqual([]);
});

test('as the coach: my courses, the course page, every lesson and the quiz with its revealed answers', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dialogs = await watch(page);
  await signIn(page, seeded.coachEmail, PASSWORD);
  await expectSignedIn(page);
  await expectInert(page, dialogs, 'home');

  await page.goto('/learn');
  await expect(page.getByText(/Cours XSS/).first()).toBeVisible();
  await expectInert(page, dialogs, 'my courses');

  await page.goto(`/learn/${seeded.enrolmentId}`);
  await expect(page.getByRole('heading', { level: 1, name: /Cours XSS/ })).toBeVisible();
  await expectInert(page, dialogs, 'course page');

  for (const [i, key] of seeded.lessonKeys.filter((k) => k !== 'quiz').entries()) {
    await page.goto(`/learn/${seeded.enrolmentId}/lessons/${key}`);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^Leçon ${i + 1} `) })).toBeVisible();
    // The body is there: its first and last paragraphs around the vectors.
    await expect(page.getByText(`Contenu de la leçon ${i + 1}`)).toBeVisible();
    await expect(page.getByText(`Fin de la leçon ${i + 1}`)).toBeVisible();
    await expectInert(page, dialogs, `lesson ${key}`);
  }

  await page.goto(`/learn/${seeded.enrolmentId}/lessons/quiz`);
  await expect(page.getByRole('heading', { level: 1, name: /^Quiz / })).toBeVisible();
  await expectInert(page, dialogs, 'quiz');
  const questions = page.getByRole('group', { name: /^Question \d+/ });
  await expect(questions).toHaveCount(12);
  for (const q of await questions.all()) await q.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Valider mes réponses' }).click();
  // The last attempt: the correction (right answers, feedback, explanations) is shown.
  await expect(page.getByText('La bonne réponse :').first()).toBeVisible();
  await expectInert(page, dialogs, 'quiz result');
});

test('as the trainer: the editor, its lesson previews, the coach-side preview and the roster', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dialogs = await watch(page);
  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);

  await page.goto(`/courses/${seeded.courseId}`);
  await expect(page.getByText(/Module 1/).first()).toBeVisible();
  await expectInert(page, dialogs, 'course editor');

  for (const [i, lessonId] of seeded.lessonIds.entries()) {
    await page.goto(`/courses/${seeded.courseId}/lessons/${lessonId}`);
    if (seeded.lessonKeys[i] === 'quiz') {
      await expect(page.getByText('Question 12').first()).toBeVisible();
    } else {
      // The editor's live preview renders the body through the server's renderer.
      await expect(
        page.getByRole('region', { name: 'Aperçu' }).getByText(`Fin de la leçon ${i + 1}`),
      ).toBeVisible();
    }
    await expectInert(page, dialogs, `lesson editor ${seeded.lessonKeys[i]}`);
  }

  await page.goto(`/courses/${seeded.courseId}/preview`);
  await expect(page.getByText(/Cours XSS/).first()).toBeVisible();
  await expectInert(page, dialogs, 'coach-side preview');

  await page.goto(`/cohorts/${seeded.cohortId}`);
  await expect(page.getByRole('cell', { name: seeded.coachEmail })).toBeVisible();
  await expectInert(page, dialogs, 'roster');

  await page.goto('/cohorts');
  await expect(page.getByText(/Cohorte /).first()).toBeVisible();
  await expectInert(page, dialogs, 'cohorts');
});
