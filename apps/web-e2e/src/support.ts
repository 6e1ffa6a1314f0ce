import { type APIRequestContext, type Locator, type Page, expect } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';

export const DEMO_PASSWORD = 'demo-password-2026';

/** The French interface (the default for a fresh browser). */
export const fr = {
  email: /^Adresse e-mail/,
  password: /^Mot de passe/,
  signIn: 'Se connecter',
  mainNav: 'Navigation principale',
  greeting: /^Bonjour, /,
};

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(fr.email).fill(email);
  await page.getByLabel(fr.password).fill(password);
  await page.getByRole('button', { name: fr.signIn }).click();
}

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: fr.mainNav });
}

export async function expectSignedIn(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: fr.greeting })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Compte de / }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

const API = '/api/v1';
const DEMO_COURSE_SLUG = 'numerique-territoires-ess';

/** `YYYY-MM-DD`, `days` from today. */
export function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** An access token for a demo account, through the API. */
export async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post(`${API}/auth/sign-in`, { data: { email, password: DEMO_PASSWORD } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * A new coach of the demo admin's territory, invited by the admin and signed up through their link
 * (never a demo account, which other specs use): answers their id, address and a session.
 */
export async function freshCoach(
  request: APIRequestContext,
  displayName: string,
  password: string,
): Promise<{ id: string; email: string; accessToken: string }> {
  const admin = { authorization: `Bearer ${await tokenOf(request, 'admin@example.org')}` };
  const me = (await (await request.get(`${API}/me`, { headers: admin })).json()) as {
    roles: { role: string; territoryId: string }[];
  };
  const email = `coach-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  const invite = await request.post(`${API}/users/invitations`, {
    headers: admin,
    data: {
      email,
      displayName,
      role: 'coach',
      territoryId: me.roles.find((r) => r.role === 'admin')?.territoryId,
    },
  });
  expect(invite.ok()).toBe(true);
  const invited = (await invite.json()) as { user: { id: string }; link: { url: string } };
  const accepted = await request.post(`${API}/auth/links/accept`, {
    data: { token: invited.link.url.split('/').pop(), password },
  });
  expect(accepted.ok()).toBe(true);
  const { accessToken } = (await accepted.json()) as { accessToken: string };
  return { id: invited.user.id, email, accessToken };
}

/** The trainer, through the API: a fresh cohort of the demo course with the demo coach in it. */
export async function cohortWithDemoCoach(request: APIRequestContext, name: string): Promise<void> {
  const headers = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const courses = (await (await request.get(`${API}/courses?scope=published`, { headers })).json()) as {
    id: string;
    slug: string;
  }[];
  const course = courses.find((c) => c.slug === DEMO_COURSE_SLUG);
  const me = (await (await request.get(`${API}/me`, { headers })).json()) as {
    roles: { role: string; territoryId: string }[];
  };
  const created = await request.post(`${API}/cohorts`, {
    headers,
    data: {
      name,
      courseId: course?.id,
      courseVersion: 1,
      territoryId: me.roles.find((r) => r.role === 'trainer')?.territoryId,
      startsOn: dayFromToday(-10),
      endsOn: dayFromToday(80),
    },
  });
  expect(created.ok()).toBe(true);
  const { id } = (await created.json()) as { id: string };
  const enrolled = await request.post(`${API}/cohorts/${id}/enrolments`, {
    headers,
    data: { emails: ['coach@example.org'] },
  });
  expect(enrolled.ok()).toBe(true);
}

/**
 * Through the API, as in the field: the demo coach hands in a practical task (the text and the fewest
 * photos its rules take, each a small JPEG of its own) and the trainer passes it with each criterion's
 * highest level. For specs that need a course with required tasks completed.
 */
export async function passTask(
  request: APIRequestContext,
  enrolmentId: string,
  lessonKey: string,
): Promise<void> {
  const coach = { authorization: `Bearer ${await tokenOf(request, 'coach@example.org')}` };
  const trainer = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const taskUrl = `${API}/enrolments/${enrolmentId}/tasks/${lessonKey}`;
  const stateRes = await request.get(taskUrl, { headers: coach });
  expect(stateRes.ok()).toBe(true);
  const { task } = (await stateRes.json()) as {
    task: {
      evidence: { kind: string; min: number }[];
      criteria: { key: string; levels: { key: string; points: number }[] }[];
    };
  };
  const rule = (kind: string) => task.evidence.find((r) => r.kind === kind);
  const fileIds: string[] = [];
  for (let i = 0; i < Math.max(rule('photo') ? 1 : 0, rule('photo')?.min ?? 0); i++) {
    const bytes = await sharp({
      create: { width: 16, height: 16, channels: 3, background: { r: 40 * i, g: 120, b: 200 - 40 * i } },
    })
      .jpeg()
      .toBuffer();
    const tus = { ...coach, 'tus-resumable': '1.0.0' };
    const created = await request.post(`${API}/practice/uploads`, {
      headers: {
        ...tus,
        'upload-length': String(bytes.length),
        'upload-metadata': Object.entries({ enrolmentId, lessonKey, kind: 'photo' })
          .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
          .join(','),
      },
    });
    expect(created.status()).toBe(201);
    const patched = await request.patch(created.headers()['location'] as string, {
      headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      data: bytes,
    });
    expect(patched.status()).toBe(204);
    fileIds.push(patched.headers()['upload-evidence-id'] as string);
  }
  const handedIn = await request.post(`${taskUrl}/submissions`, {
    headers: coach,
    data: { id: randomUUID(), text: rule('text') ? 'Fait avec la coopérative.' : null, fileIds },
  });
  expect(handedIn.status()).toBe(201);
  const { id } = (await handedIn.json()) as { id: string };
  const passed = await request.post(`${API}/practice/submissions/${id}/review`, {
    headers: trainer,
    data: {
      decision: 'pass',
      scores: task.criteria.map((c) => ({
        criterionKey: c.key,
        levelKey: [...c.levels].sort((a, b) => b.points - a.points)[0]?.key,
      })),
      comment: 'Validé.',
    },
  });
  expect(passed.status()).toBe(200);
}
