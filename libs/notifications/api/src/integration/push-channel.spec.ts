import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '@tc/shared/testing';
import {
  DELIVERY_QUEUE,
  JobQueue,
  NotificationsService,
  PUSH_QUEUE,
  PushChannel,
  type NotifyRequest,
} from '../index';
import { PUSH_OPTIONS, type PushOptions } from '../lib/push/push.options';
import { VapidKeysService } from '../lib/push/vapid-keys.service';

/**
 * Web Push against a real push service stand-in: web-push-testing (a local server that hands out
 * subscriptions, checks the VAPID signature, decrypts what it receives and lists it), on a port of
 * its own. The API pushes to it through web-push, as it would to a browser vendor's service.
 */
const PUSH_PORT = 4211;
const PUSH_SERVICE = `http://127.0.0.1:${PUSH_PORT}`;

/** Polls `check` until it holds (the job queue works in the background), or fails after `ms`. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 20000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('still not true after waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function service<T>(path: string, body: unknown = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${PUSH_SERVICE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T,
  };
}

interface Browser {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  clientHash: string;
}

/** A browser subscribing with the server's key, as `PushManager.subscribe` would. */
async function subscribeBrowser(applicationServerKey: string): Promise<Browser> {
  const res = await service<{ data: Browser }>('/subscribe', {
    applicationServerKey,
    userVisibleOnly: 'true',
  });
  if (res.status !== 200) throw new Error(`subscribe: ${res.status} ${JSON.stringify(res.body)}`);
  // The stand-in names itself `localhost`; the API accepts only 127.0.0.1-style loopback hosts too.
  return { ...res.body.data, endpoint: res.body.data.endpoint.replace('//localhost:', '//127.0.0.1:') };
}

interface Shown {
  notification: {
    title: string;
    body: string;
    icon: string;
    lang: string;
    dir: string;
    data: { onActionClick: { default: { operation: string; url: string } } };
  };
}

/** What the browser received, decrypted by the stand-in. */
async function received(browser: Browser): Promise<Shown[]> {
  const res = await service<{ data: { messages: string[] } }>('/get-notifications', {
    clientHash: browser.clientHash,
  });
  return res.body.data.messages.map((m) => JSON.parse(m) as Shown);
}

async function waitForService(): Promise<void> {
  await eventually(async () => {
    try {
      return (await fetch(`${PUSH_SERVICE}/status`, { method: 'POST' })).status === 200;
    } catch {
      return false;
    }
  });
}

describe('Web Push channel (real database, local push service)', () => {
  let pushService: ChildProcess;
  let t: TestApp;
  let notifications: NotificationsService;
  let coach: string;
  let coachId: string;
  let trainer: string;
  let publicKey: string;

  const notify = (r: NotifyRequest) =>
    t.dataSource.transaction((manager) => notifications.notify(manager, r));
  const certificate = (subjectId: string): NotifyRequest => ({
    recipientId: coachId,
    kind: 'certificate.issued',
    subject: { type: 'enrolment', id: subjectId },
    moment: 'issued',
    params: { courseTitle: { fr: 'Budget communal', ar: 'الميزانية الجماعية', en: 'Municipal budget' } },
  });
  /** The coach's settings: quiet hours (minutes after midnight, UTC) and the kinds muted for push. */
  const settings = (quiet: { start: number; end: number } | null, mutedPush: string[] = []) =>
    t.dataSource.query(
      `INSERT INTO notification_settings (user_id, quiet_start, quiet_end, time_zone, muted)
       VALUES ($1, $2, $3, 'UTC', $4::jsonb)
       ON CONFLICT (user_id) DO UPDATE SET quiet_start = $2, quiet_end = $3, time_zone = 'UTC', muted = $4::jsonb`,
      [coachId, quiet?.start ?? null, quiet?.end ?? null, JSON.stringify({ push: mutedPush })],
    );
  const subscriptionCount = async (endpoint: string) =>
    (
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM push_subscriptions WHERE endpoint = $1`, [
        endpoint,
      ])) as { n: number }[]
    )[0]!.n;
  const register = (browser: Browser, token = coach) =>
    t.request('POST', '/api/v1/me/push-subscriptions', {
      token,
      body: { endpoint: browser.endpoint, keys: browser.keys },
    });

  beforeAll(async () => {
    pushService = spawn(
      process.execPath,
      [
        join(require.resolve('web-push-testing/package.json'), '..', 'src', 'bin', 'server.js'),
        String(PUSH_PORT),
      ],
      { stdio: 'ignore' },
    );
    await waitForService();
    t = await createTestApp({ JOB_POLL_SECONDS: '0.5', PUSH_ALLOW_LOCAL: 'true' });
    notifications = t.app.get(NotificationsService);
    coach = (await t.signIn('coach@example.org')).accessToken;
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    const [row] = (await t.dataSource.query(`SELECT id FROM users WHERE email = 'coach@example.org'`)) as {
      id: string;
    }[];
    coachId = row!.id;
    await settings(null);
    const key = await t.request('GET', '/api/v1/push/public-key', { token: coach });
    expect(key.status).toBe(200);
    publicKey = key.body.publicKey as string;
  }, 300000);
  afterAll(async () => {
    await t?.close();
    pushService?.kill();
  });

  it('keeps one VAPID key pair: generated at the first start, the same after a restart and for racing replicas', async () => {
    expect(publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const [row] = (await t.dataSource.query(`SELECT public_key FROM push_vapid_keys`)) as {
      public_key: string;
    }[];
    expect(row!.public_key).toBe(publicKey);
    expect((await t.request('GET', '/api/v1/push/public-key')).status).toBe(401);

    // Two processes that find no pair at the same time: one insert wins, both use its pair.
    const options = t.app.get<PushOptions>(PUSH_OPTIONS);
    await t.dataSource.query(`DELETE FROM push_vapid_keys`);
    const replicas = [
      new VapidKeysService(t.dataSource, options),
      new VapidKeysService(t.dataSource, options),
    ];
    const [a, b] = await Promise.all(replicas.map((r) => r.keys()));
    expect(a).toEqual(b);
    const [kept] = (await t.dataSource.query(`SELECT public_key FROM push_vapid_keys`)) as {
      public_key: string;
    }[];
    expect(kept!.public_key).toBe(a!.publicKey);

    // A restart reads the kept pair; put the first pair back for the rest of the spec.
    await t.dataSource.query(`UPDATE push_vapid_keys SET public_key = $1, private_key = $2`, [
      publicKey,
      (await t.app.get(VapidKeysService).keys()).privateKey,
    ]);
    t = await t.reopen({});
    notifications = t.app.get(NotificationsService);
    coach = (await t.signIn('coach@example.org')).accessToken;
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    expect((await t.request('GET', '/api/v1/push/public-key', { token: coach })).body.publicKey).toBe(
      publicKey,
    );
  }, 300000);

  it('takes a browser’s subscription only with an https endpoint (or the allowed loopback) and both keys', async () => {
    const browser = await subscribeBrowser(publicKey);
    const bad = [
      { endpoint: 'http://push.example.org/x', keys: browser.keys },
      { endpoint: 'https://10.0.0.1/x', keys: browser.keys },
      { endpoint: 'https://[fd00::1]/x', keys: browser.keys },
      { endpoint: 'not a url', keys: browser.keys },
      { endpoint: browser.endpoint },
      { endpoint: browser.endpoint, keys: { p256dh: 'a b', auth: browser.keys.auth } },
    ];
    for (const body of bad) {
      const res = await t.request('POST', '/api/v1/me/push-subscriptions', { token: coach, body });
      expect(res.status).toBe(400);
    }
    const ok = await register(browser);
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({
      id: expect.any(String),
      endpoint: browser.endpoint,
      createdAt: expect.any(String),
    });
    expect((await register(browser)).body.id).toBe(ok.body.id); // again: the same one
    expect(await subscriptionCount(browser.endpoint)).toBe(1);

    // Off on this browser: only its owner removes it.
    const notTheirs = await t.request('DELETE', '/api/v1/me/push-subscriptions', {
      token: trainer,
      body: { endpoint: browser.endpoint },
    });
    expect(notTheirs.body).toEqual({ removed: 0 });
    const off = await t.request('DELETE', '/api/v1/me/push-subscriptions', {
      token: coach,
      body: { endpoint: browser.endpoint },
    });
    expect(off.body).toEqual({ removed: 1 });
    expect(await subscriptionCount(browser.endpoint)).toBe(0);
  });

  it('keeps at most 10 browsers per person: the oldest goes', async () => {
    const browsers: Browser[] = [];
    for (let i = 0; i < 11; i++) {
      const b = await subscribeBrowser(publicKey);
      expect((await register(b, trainer)).status).toBe(201);
      browsers.push(b);
    }
    expect(await subscriptionCount(browsers[0]!.endpoint)).toBe(0);
    for (const b of browsers.slice(1)) expect(await subscriptionCount(b.endpoint)).toBe(1);
  });

  it('pushes each notification in the person’s language, with the link to its page', async () => {
    const browser = await subscribeBrowser(publicKey);
    expect((await register(browser)).status).toBe(201);
    const expected = {
      fr: {
        title: 'Certificat délivré',
        body: 'Votre certificat du cours Budget communal est délivré.',
        dir: 'ltr',
      },
      ar: { title: 'تم إصدار الشهادة', body: 'تم إصدار شهادتك لدورة الميزانية الجماعية.', dir: 'rtl' },
      en: {
        title: 'Certificate issued',
        body: 'Your certificate for the course Municipal budget has been issued.',
        dir: 'ltr',
      },
    };
    for (const lang of ['fr', 'ar', 'en'] as const) {
      expect(
        (await t.request('PATCH', '/api/v1/me', { token: coach, body: { preferredLanguage: lang } })).status,
      ).toBe(200);
      const before = (await received(browser)).length;
      const enrolmentId = randomUUID();
      expect(await notify(certificate(enrolmentId))).not.toBeNull();
      await eventually(async () => (await received(browser)).length > before);
      const shown = (await received(browser))[before]!;
      expect(shown.notification).toEqual({
        title: expected[lang].title,
        body: expected[lang].body,
        icon: '/icons/icon-192.png',
        lang,
        dir: expected[lang].dir,
        data: {
          onActionClick: {
            default: { operation: 'navigateLastFocusedOrOpen', url: `/learn/${enrolmentId}` },
          },
        },
      });
    }
    await t.request('PATCH', '/api/v1/me', { token: coach, body: { preferredLanguage: 'fr' } });
  }, 60000);

  it('pushes a notification once per browser, however often its delivery job runs', async () => {
    const browser = await subscribeBrowser(publicKey);
    expect((await register(browser)).status).toBe(201);
    const created = await notify(certificate(randomUUID()));
    await eventually(async () => (await received(browser)).length === 1);

    // The delivery job again (a retry after a crash), through the queue and straight to the channel.
    const jobId = await t.dataSource.transaction((manager) =>
      t.app.get(JobQueue).send(manager, DELIVERY_QUEUE, { notificationId: created!.id }),
    );
    await eventually(async () => {
      const [job] = (await t.dataSource.query(`SELECT state FROM pgboss.job WHERE id = $1`, [jobId])) as {
        state: string;
      }[];
      return job?.state === 'completed';
    });
    const [row] = (await t.dataSource.query(`SELECT created_at FROM notifications WHERE id = $1`, [
      created!.id,
    ])) as { created_at: Date }[];
    const { kind, subject, params } = certificate(randomUUID());
    const delivery = {
      notificationId: created!.id,
      recipientId: coachId,
      kind,
      subject,
      params: params ?? {},
      createdAt: row!.created_at,
    };
    await Promise.all([t.app.get(PushChannel).deliver(delivery), t.app.get(PushChannel).deliver(delivery)]);
    expect(await received(browser)).toHaveLength(1);
    // One row per browser of the coach's (this one and the previous case's), each pushed once.
    const [sent] = (await t.dataSource.query(
      `SELECT (SELECT count(*) FROM push_deliveries WHERE notification_id = $1)::int AS n,
              (SELECT count(*) FROM push_subscriptions WHERE recipient_id = $2)::int AS browsers`,
      [created!.id, coachId],
    )) as { n: number; browsers: number }[];
    expect(sent).toEqual({ n: 2, browsers: 2 });
  }, 60000);

  it('forgets a browser whose push service answers 410 Gone', async () => {
    const browser = await subscribeBrowser(publicKey);
    expect((await register(browser)).status).toBe(201);
    expect((await service(`/expire-subscription/${browser.clientHash}`)).status).toBe(200);
    await notify(certificate(randomUUID()));
    await eventually(async () => (await subscriptionCount(browser.endpoint)) === 0);
    expect(await received(browser)).toHaveLength(0);
  }, 60000);

  it('pushes nothing for a kind the person muted for push', async () => {
    const browser = await subscribeBrowser(publicKey);
    expect((await register(browser)).status).toBe(201);
    await settings(null, ['certificate.issued']);
    try {
      const created = await notify(certificate(randomUUID()));
      await t.app.get(PushChannel).deliver({
        notificationId: created!.id,
        recipientId: coachId,
        kind: 'certificate.issued',
        subject: { type: 'enrolment', id: randomUUID() },
        params: {},
        createdAt: new Date(),
      });
      expect(await received(browser)).toHaveLength(0);
    } finally {
      await settings(null);
    }
  });

  it('holds a push during quiet hours and sends it when they end', async () => {
    const browser = await subscribeBrowser(publicKey);
    expect((await register(browser)).status).toBe(201);
    const now = new Date();
    const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
    // Quiet from an hour ago to two hours from now (UTC), across midnight or not.
    await settings({ start: (minute + 1380) % 1440, end: (minute + 120) % 1440 });
    const created = await notify(certificate(randomUUID()));
    const held = async () =>
      (await t.dataSource.query(
        `SELECT id, start_after FROM pgboss.job WHERE name = $1 AND data->>'notificationId' = $2`,
        [PUSH_QUEUE, created!.id],
      )) as { id: string; start_after: Date }[];
    await eventually(async () => (await held()).length === 1);
    const [job] = await held();
    expect(job!.start_after.getTime()).toBeGreaterThan(now.getTime() + 3600_000);
    expect(await received(browser)).toHaveLength(0);

    // The quiet hours are over (the person cleared them; the job's time has come): it is pushed.
    await settings(null);
    await t.dataSource.query(`UPDATE pgboss.job SET start_after = now() WHERE id = $1`, [job!.id]);
    await eventually(async () => (await received(browser)).length === 1);
    expect((await received(browser))[0]!.notification.title).toBe('Certificat délivré');
  }, 60000);
});
