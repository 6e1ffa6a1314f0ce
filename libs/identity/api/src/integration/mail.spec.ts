import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { BackgroundWork } from '..';
import { createTestApp, type TestApp } from '@tc/shared/testing';

interface Received {
  to: string[];
  data: string;
}

/** A real SMTP server on a loopback port that keeps what it receives. */
async function startSmtp(): Promise<{ port: number; inbox: Received[]; close(): Promise<void> }> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, inbox, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('links by e-mail when SMTP_URL is set', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Academy <academy@example.org>',
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('mails the invitation in the invitee’s language and does not show the link to the admin', async () => {
    const admin = await t.signIn('admin@example.org');
    const [territory] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-NAD'`)) as {
      id: string;
    }[];
    const res = await t.request('POST', '/api/v1/users/invitations', {
      token: admin.accessToken,
      body: {
        email: 'amal@coop.ma',
        displayName: 'Amal',
        role: 'coach',
        territoryId: territory?.id,
        preferredLanguage: 'en',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.link).toMatchObject({ emailed: true, url: null });
    expect(smtp.inbox).toHaveLength(1);
    const mail = smtp.inbox[0] as Received;
    expect(mail.to).toEqual(['amal@coop.ma']);
    expect(mail.data).toMatch(/Subject: Your invitation to the Territorial Coaching platform/);
    const link = /http:\/\/academy\.test\/links\/([\w-]{40,})/.exec(mail.data.replace(/=\r?\n/g, ''));
    expect(link).not.toBeNull();
    // The mailed link works.
    const info = await t.request('GET', `/api/v1/auth/links/${link?.[1]}`);
    expect(info.body).toMatchObject({ purpose: 'invitation', email: 'amal@coop.ma' });
  });

  it('mails a self-service reset link, and nothing for an unknown address', async () => {
    const before = smtp.inbox.length;
    expect(
      (await t.request('POST', '/api/v1/auth/password-reset', { body: { email: 'coach@example.org' } }))
        .status,
    ).toBe(202);
    expect(
      (await t.request('POST', '/api/v1/auth/password-reset', { body: { email: 'nobody@example.org' } }))
        .status,
    ).toBe(202);
    // The links are made and mailed after the answers.
    await t.app.get(BackgroundWork).settled();
    expect(smtp.inbox.length).toBe(before + 1);
    expect(smtp.inbox.at(-1)?.to).toEqual(['coach@example.org']);
    expect(smtp.inbox.at(-1)?.data).toMatch(/Subject: =\?UTF-8\?|Réinitialiser/);
  });
});

describe('CORS when configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://portal.example.org' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('allows the listed origin with credentials, and no other', async () => {
    const allowed = await t.request('OPTIONS', '/api/v1/me', {
      headers: { origin: 'https://portal.example.org', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example.org');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const other = await t.request('OPTIONS', '/api/v1/me', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
