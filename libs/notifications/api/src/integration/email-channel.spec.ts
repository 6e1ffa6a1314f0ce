import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { NotificationSettings } from '@tc/shared/contracts';
import { createTestApp, type TestApp } from '@tc/shared/testing';
import {
  DELIVERY_QUEUE,
  DIGEST_QUEUE,
  EMAIL_QUEUE,
  JobQueue,
  NotificationsService,
  type NotifyRequest,
} from '../index';

/** A mail as the SMTP server received it, decoded: headers, and the text and HTML parts. */
interface Mail {
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
}

/** A real SMTP server on a loopback port that keeps what it receives. */
async function startSmtp(): Promise<{ port: number; inbox: Mail[]; close(): Promise<void> }> {
  const inbox: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push(
          parseMail(
            session.envelope.rcptTo.map((r) => r.address),
            Buffer.concat(chunks).toString('latin1'),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, inbox, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Just enough MIME for what nodemailer writes: folded headers, encoded words, multipart, QP, base64. */
function parseMail(to: string[], raw: string): Mail {
  const { headers, body } = splitEntity(raw);
  const parts: Record<string, string> = {};
  const collect = (h: Record<string, string>, b: string): void => {
    const type = h['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) {
      for (const piece of b.split(`--${boundary}`).slice(1)) {
        if (piece.startsWith('--')) break;
        const inner = splitEntity(piece.replace(/^\r?\n/, ''));
        collect(inner.headers, inner.body);
      }
      return;
    }
    const enc = (h['content-transfer-encoding'] ?? '').toLowerCase();
    const bytes =
      enc === 'base64'
        ? Buffer.from(b.replace(/\s+/g, ''), 'base64')
        : enc === 'quoted-printable'
          ? Buffer.from(
              b
                .replace(/=\r?\n/g, '')
                .replace(/=([0-9A-F]{2})/gi, (_m, x: string) => String.fromCharCode(parseInt(x, 16))),
              'latin1',
            )
          : Buffer.from(b, 'latin1');
    parts[type.split(';')[0]!.trim()] = bytes.toString('utf8');
  };
  collect(headers, body);
  return {
    to,
    headers,
    subject: decodeWords(headers['subject'] ?? ''),
    text: parts['text/plain'] ?? '',
    html: parts['text/html'] ?? '',
  };
}

function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(at).replace(/^\r?\n\r?\n/, '') };
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, how: string, text: string) =>
      how.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** Polls `check` until it holds (the job queue works in the background), or fails after `ms`. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 30000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('still not true after waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `HH:MM` in Africa/Casablanca, `minutes` from now. */
function clockIn(minutes: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Africa/Casablanca',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(Date.now() + minutes * 60000));
}

describe('the e-mail channel (real SMTP server, real database)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let notifications: NotificationsService;
  let queue: JobQueue;
  const people: Record<'fr' | 'ar' | 'en', { id: string; email: string; token: string }> = {} as never;

  const notify = (r: NotifyRequest) => t.dataSource.transaction((m) => notifications.notify(m, r));
  const certificate = (recipientId: string, subjectId = randomUUID()): NotifyRequest => ({
    recipientId,
    kind: 'certificate.issued',
    subject: { type: 'enrolment', id: subjectId },
    moment: 'issued',
    params: { courseTitle: { fr: 'Gouvernance locale', ar: 'الحكامة المحلية', en: 'Local governance' } },
  });
  const mailsTo = (email: string) => smtp.inbox.filter((m) => m.to.includes(email));
  const mailsWithId = (id: string) => smtp.inbox.filter((m) => m.headers['message-id']?.includes(id));
  const settings = async (
    token: string,
    change: Partial<NotificationSettings>,
  ): Promise<NotificationSettings> => {
    const current = await t.request('GET', '/api/v1/me/notification-settings', { token });
    expect(current.status).toBe(200);
    const res = await t.request('PUT', '/api/v1/me/notification-settings', {
      token,
      body: { ...(current.body as NotificationSettings), ...change },
    });
    expect(res.status).toBe(200);
    return res.body as NotificationSettings;
  };
  const emailState = async (notificationId: string) =>
    (
      (await t.dataSource.query(`SELECT "state" FROM "notification_emails" WHERE "notification_id" = $1`, [
        notificationId,
      ])) as { state: string }[]
    )[0]?.state;
  /** Time passes for the held jobs of a queue: they are due now. */
  const dueNow = (queueName: string) =>
    t.dataSource.query(`UPDATE pgboss.job SET start_after = now() WHERE name = $1 AND state = 'created'`, [
      queueName,
    ]);
  const completed = async (jobId: string) =>
    (
      (await t.dataSource.query(`SELECT state FROM pgboss.job WHERE id = $1`, [jobId])) as { state: string }[]
    )[0]?.state === 'completed';

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Academy <academy@example.org>',
      JOB_POLL_SECONDS: '0.5',
    });
    notifications = t.app.get(NotificationsService);
    queue = t.app.get(JobQueue);
    const accounts = {
      fr: 'coach@example.org',
      ar: 'trainer@example.org',
      en: 'observer@example.org',
    } as const;
    for (const [lang, email] of Object.entries(accounts) as ['fr' | 'ar' | 'en', string][]) {
      await t.dataSource.query(`UPDATE users SET preferred_language = $2 WHERE email = $1`, [email, lang]);
      const [row] = (await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [email])) as {
        id: string;
      }[];
      people[lang] = { id: row!.id, email, token: (await t.signIn(email)).accessToken };
      // The default quiet hours (22:00–07:00) would hold the mails when this runs at night.
      await settings(people[lang].token, { quietHoursStart: null, quietHoursEnd: null });
    }
    // Booting the app (PGlite: migrations and the demo data in one process) on a busy machine.
  }, 180000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('answers the defaults, and refuses an unknown time zone naming the field', async () => {
    const token = (await t.signIn('admin@example.org')).accessToken;
    const res = await t.request('GET', '/api/v1/me/notification-settings', { token });
    expect(res.status).toBe(200);
    const defaults = res.body as NotificationSettings;
    expect(defaults).toMatchObject({
      emailMode: 'immediate',
      digestHour: 18,
      quietHoursStart: '22:00',
      quietHoursEnd: '07:00',
      timeZone: 'Africa/Casablanca',
    });
    expect(defaults.kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(['certificate.issued', 'task.reviewed']),
    );
    expect(defaults.kinds.every((k) => k.email && k.push)).toBe(true);
    const bad = await t.request('PUT', '/api/v1/me/notification-settings', {
      token,
      body: { ...defaults, timeZone: 'Mars/Olympus' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('timeZone');
    const half = await t.request('PUT', '/api/v1/me/notification-settings', {
      token,
      body: { ...defaults, quietHoursEnd: null },
    });
    expect(half.status).toBe(400);
    const saved = await t.request('PUT', '/api/v1/me/notification-settings', {
      token,
      body: {
        ...defaults,
        timeZone: 'Europe/Paris',
        kinds: [{ kind: 'task.reviewed', email: false, push: true }],
      },
    });
    expect(saved.status).toBe(200);
    const after = saved.body as NotificationSettings;
    expect(after.timeZone).toBe('Europe/Paris');
    expect(after.kinds.find((k) => k.kind === 'task.reviewed')).toEqual({
      kind: 'task.reviewed',
      email: false,
      push: true,
    });
    expect(after.kinds.find((k) => k.kind === 'certificate.issued')).toMatchObject({ email: true });
  });

  it('mails each person in their language (fr, ar, en), text and HTML, with the link back into the app', async () => {
    const subjects = { fr: randomUUID(), ar: randomUUID(), en: randomUUID() };
    for (const lang of ['fr', 'ar', 'en'] as const)
      await notify(certificate(people[lang].id, subjects[lang]));
    await eventually(() => (['fr', 'ar', 'en'] as const).every((l) => mailsTo(people[l].email).length >= 1));

    const fr = mailsTo(people.fr.email)[0]!;
    expect(fr.subject).toBe('Votre certificat du cours Gouvernance locale est délivré');
    expect(fr.text).toContain('Bonjour');
    expect(fr.text).toContain(`http://academy.test/learn/${subjects.fr}`);
    expect(fr.html).toContain(`href="http://academy.test/learn/${subjects.fr}"`);
    expect(fr.html).toContain('dir="ltr"');
    expect(fr.headers['from']).toContain('academy@example.org');

    const ar = mailsTo(people.ar.email)[0]!;
    expect(ar.subject).toBe('تم إصدار شهادتك لدورة الحكامة المحلية');
    expect(ar.text).toContain('مرحبا');
    expect(ar.text).toContain(`http://academy.test/learn/${subjects.ar}`);
    expect(ar.html).toContain('dir="rtl"');
    expect(ar.html).toContain('lang="ar"');

    const en = mailsTo(people.en.email)[0]!;
    expect(en.subject).toBe('Your certificate for Local governance has been issued');
    expect(en.text).toContain(`http://academy.test/learn/${subjects.en}`);
    expect(en.text).toContain('http://academy.test/notifications/settings');
  });

  it('writes the other kinds too, and a generic text for a kind it has no text for', async () => {
    const before = mailsTo(people.en.email).length;
    const enrolmentId = randomUUID();
    await notify({
      recipientId: people.en.id,
      kind: 'task.reviewed',
      subject: { type: 'submission', id: randomUUID() },
      moment: 'round-1',
      params: { lessonTitle: { en: 'Field visit' }, decision: 'revise', enrolmentId, lessonKey: 'visit' },
    });
    // A kind added after this channel was written (no text of its own).
    await notify({
      recipientId: people.en.id,
      kind: 'something.new' as NotifyRequest['kind'],
      subject: { type: 'enrolment', id: randomUUID() },
      moment: 'x',
    });
    await eventually(() => mailsTo(people.en.email).length >= before + 2);
    const [review, generic] = mailsTo(people.en.email).slice(before);
    const mails = [review!, generic!].sort((a, b) => a.subject.localeCompare(b.subject));
    expect(mails[0]!.subject).toBe('You have a new notification');
    expect(mails[1]!.subject).toBe('Your work “Field visit” needs another round');
    expect(mails[1]!.text).toContain(`http://academy.test/learn/${enrolmentId}/lessons/visit`);
  });

  it('does not mail twice when the delivery job runs again', async () => {
    const created = await notify(certificate(people.fr.id));
    await eventually(() => mailsWithId(`notification-${created!.id}@academy.test`).length === 1);
    // Marked sent right after the SMTP server took it.
    await eventually(async () => (await emailState(created!.id)) === 'sent');
    const again = await t.dataSource.transaction((m) =>
      queue.send(m, DELIVERY_QUEUE, { notificationId: created!.id }),
    );
    await eventually(() => completed(again!));
    expect(mailsWithId(`notification-${created!.id}@academy.test`)).toHaveLength(1);
  });

  it('mails nothing during quiet hours, and the mail when they are over', async () => {
    const { id, token, email } = people.ar;
    await settings(token, { quietHoursStart: clockIn(-60), quietHoursEnd: clockIn(60) });
    const before = mailsTo(email).length;
    const created = await notify(certificate(id));
    await eventually(async () => (await emailState(created!.id)) === 'waiting');
    // Held: the job waits until the quiet hours end, about an hour from now.
    const [held] = (await t.dataSource.query(
      `SELECT start_after > now() + interval '30 minutes' AS later FROM pgboss.job
        WHERE name = $1 AND data->>'notificationId' = $2`,
      [EMAIL_QUEUE, created!.id],
    )) as { later: boolean }[];
    expect(held?.later).toBe(true);
    // A retried delivery job holds it once.
    const again = await t.dataSource.transaction((m) =>
      queue.send(m, DELIVERY_QUEUE, { notificationId: created!.id }),
    );
    await eventually(() => completed(again!));
    const [jobs] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'notificationId' = $2`,
      [EMAIL_QUEUE, created!.id],
    )) as { n: number }[];
    expect(jobs!.n).toBe(1);
    expect(mailsTo(email)).toHaveLength(before);

    // The quiet hours end (time moves on: the person turns them off, the held job is due).
    await settings(token, { quietHoursStart: null, quietHoursEnd: null });
    await dueNow(EMAIL_QUEUE);
    await eventually(() => mailsWithId(`notification-${created!.id}@academy.test`).length === 1);
    // Marked sent right after the SMTP server took it.
    await eventually(async () => (await emailState(created!.id)) === 'sent');
  });

  it('gathers the day’s notifications in one digest, once', async () => {
    const { id, token, email } = people.en;
    await settings(token, { emailMode: 'digest', digestHour: 18 });
    const before = mailsTo(email).length;
    const ids: string[] = [];
    for (const title of ['One', 'Two', 'Three']) {
      const created = await notify({
        recipientId: id,
        kind: 'announcement.posted',
        subject: { type: 'announcement', id: randomUUID() },
        moment: 'posted',
        params: { announcementTitle: { en: `Meeting ${title}` }, cohortId: randomUUID() },
      });
      ids.push(created!.id);
    }
    await eventually(async () => {
      const states = await Promise.all(ids.map(emailState));
      return states.every((s) => s === 'digest');
    });
    const [digests] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1`, [
      DIGEST_QUEUE,
    ])) as { n: number }[];
    expect(digests!.n).toBe(1);
    expect(mailsTo(email)).toHaveLength(before);

    // The digest hour comes.
    await dueNow(DIGEST_QUEUE);
    await eventually(() => mailsTo(email).length === before + 1);
    const digest = mailsTo(email)[before]!;
    expect(digest.subject).toBe('3 notifications today');
    for (const title of ['Meeting One', 'Meeting Two', 'Meeting Three']) expect(digest.text).toContain(title);
    expect(digest.html).toContain('<li>');
    await eventually(async () => (await Promise.all(ids.map(emailState))).every((s) => s === 'sent'));

    // The digest job again (a retry): nothing more.
    const [row] = (await t.dataSource.query(
      `SELECT "day"::text AS day FROM "notification_digests" WHERE "recipient_id" = $1`,
      [id],
    )) as { day: string }[];
    const again = await t.dataSource.transaction((m) =>
      queue.send(m, DIGEST_QUEUE, { recipientId: id, day: row!.day }),
    );
    await eventually(() => completed(again!));
    expect(mailsTo(email)).toHaveLength(before + 1);
  });

  it('sends nothing for a kind the person switched off for e-mail', async () => {
    const { id, token, email } = people.fr;
    await settings(token, { kinds: [{ kind: 'certificate.issued', email: false, push: true }] });
    const before = mailsTo(email).length;
    const created = await notify(certificate(id));
    await eventually(async () => (await emailState(created!.id)) === 'skipped');
    expect(mailsTo(email)).toHaveLength(before);
  });
});
