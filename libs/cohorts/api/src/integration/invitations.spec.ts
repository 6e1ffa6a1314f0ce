import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { CohortInvitationStatus } from '@tc/shared/contracts';
import { createTestApp, type TestApp } from '@tc/shared/testing';

/**
 * A cohort's invitations as its trainers see them: every invitation with what became of it (sent,
 * opened, accepted, expired), a new link for one or for all those still open (the export), each new
 * link stopping the previous one, every new link audited.
 */
describe('a cohort’s invitations, their states and new links (real database)', () => {
  let t: TestApp;
  let trainer: string;
  let cohortId: string;
  let courseId: string;
  let oriental: string;
  /** The links the enrolment answered, by address. */
  const first = new Map<string, string>();

  const api = (method: string, url: string, body?: unknown, token = trainer) =>
    t.request(method, url, { token, body });
  const tokenOf = (url: string) => url.split('/').pop() as string;
  const list = async () => {
    const res = await api('GET', `/api/v1/cohorts/${cohortId}/invitations`);
    expect(res.status).toBe(200);
    return res.body as { linksMailed: boolean; invitations: CohortInvitationStatus[] };
  };
  const stateOf = async (email: string) =>
    (await list()).invitations.find((i) => i.email === email) as CohortInvitationStatus;
  const auditSince = async (since: string) =>
    (await t.dataSource.query(
      `SELECT actor_id, action, subject_type, subject_id, territory_id, details FROM audit_log
        WHERE id > $1::bigint AND action LIKE 'cohort.invitation%' ORDER BY id`,
      [since],
    )) as { actor_id: string; action: string; details: Record<string, unknown> }[];
  const lastAuditId = async () =>
    (
      (await t.dataSource.query('SELECT coalesce(max(id), 0)::text AS id FROM audit_log')) as { id: string }[]
    )[0]?.id as string;

  beforeAll(async () => {
    t = await createTestApp();
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    courseId = (await api('GET', '/api/v1/courses')).body.find(
      (c: { slug: string }) => c.slug === 'numerique-territoires-ess',
    ).id;
    oriental = (
      (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as { id: string }[]
    )[0]?.id as string;
    const cohort = await api('POST', '/api/v1/cohorts', {
      name: 'Oujda — invitations suivies',
      courseId,
      courseVersion: 1,
      territoryId: oriental,
      startsOn: '2027-01-10',
      endsOn: '2027-03-31',
    });
    cohortId = cohort.body.id;
    const enrolled = await api('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      emails: ['amal@coop.ma', 'badr@coop.ma', 'chama@coop.ma', 'observer@example.org'],
    });
    for (const i of enrolled.body.invited as { email: string; url: string }[]) first.set(i.email, i.url);
    expect(first.size).toBe(4);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every invitation with its state: sent, opened once its page loads, accepted, expired', async () => {
    const sent = await list();
    expect(sent.linksMailed).toBe(false);
    expect(sent.invitations.map((i) => [i.email, i.state, i.openedAt, i.acceptedAt])).toEqual([
      ['amal@coop.ma', 'sent', null, null],
      ['badr@coop.ma', 'sent', null, null],
      ['chama@coop.ma', 'sent', null, null],
      ['observer@example.org', 'sent', null, null],
    ]);
    // No link, no token, no account behind the address comes back in the list.
    expect(JSON.stringify(sent)).not.toMatch(/links\/|token|Karim/);

    // Amal opens her link (the page asks what it is for): opened, once.
    expect(
      (await t.request('GET', `/api/v1/auth/links/${tokenOf(first.get('amal@coop.ma') as string)}`)).status,
    ).toBe(200);
    const opened = await stateOf('amal@coop.ma');
    expect(opened.state).toBe('opened');
    expect(Date.parse(opened.openedAt as string)).toBeGreaterThan(Date.parse(opened.sentAt) - 1000);
    await t.request('GET', `/api/v1/auth/links/${tokenOf(first.get('amal@coop.ma') as string)}`);
    expect((await stateOf('amal@coop.ma')).openedAt).toBe(opened.openedAt);

    // Badr chooses a password: accepted, enrolled, still listed (last), no longer among the roster's pending.
    const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token: tokenOf(first.get('badr@coop.ma') as string), password: 'badr-password-2026' },
    });
    expect(accepted.status).toBe(200);
    // Chama's link runs out.
    await t.dataSource.query(
      `UPDATE action_tokens SET expires_at = now() - interval '1 minute'
        WHERE id = (SELECT action_token_id FROM enrolment_invitations WHERE email = 'chama@coop.ma')`,
    );
    const now = await list();
    expect(now.invitations.map((i) => [i.email, i.state])).toEqual([
      ['amal@coop.ma', 'opened'],
      ['chama@coop.ma', 'expired'],
      ['observer@example.org', 'sent'],
      ['badr@coop.ma', 'accepted'],
    ]);
    expect(now.invitations.at(-1)?.acceptedAt).toEqual(expect.stringMatching(/^\d{4}-/));
    const roster = (await api('GET', `/api/v1/cohorts/${cohortId}/roster`)).body;
    expect(roster.rows.map((r: { email: string }) => r.email)).toEqual(['badr@coop.ma']);
    expect(roster.invitations.map((i: { email: string }) => i.email)).toEqual([
      'amal@coop.ma',
      'chama@coop.ma',
      'observer@example.org',
    ]);
    // An accepted invitation is not taken back (the roster withdraws the person).
    const badr = now.invitations.find((i) => i.email === 'badr@coop.ma') as CohortInvitationStatus;
    expect((await api('DELETE', `/api/v1/cohorts/${cohortId}/invitations/${badr.id}`)).status).toBe(410);
  });

  it('issues a new link for one invitation: the old link stops working, the new one works; audited', async () => {
    const amal = await stateOf('amal@coop.ma');
    const since = await lastAuditId();
    const res = await api('POST', `/api/v1/cohorts/${cohortId}/invitations/${amal.id}/resend`);
    expect(res.status).toBe(200);
    expect(res.body.link).toEqual({
      url: expect.stringMatching(/\/links\/[\w-]{40,}$/),
      expiresAt: expect.any(String),
      emailed: false,
    });
    expect(res.body.link.url).not.toBe(first.get('amal@coop.ma'));
    // A new link, not opened yet.
    expect(res.body.invitation).toMatchObject({
      id: amal.id,
      state: 'sent',
      openedAt: null,
      invitedAt: amal.invitedAt,
    });
    expect(Date.parse(res.body.invitation.sentAt)).toBeGreaterThan(Date.parse(amal.sentAt));
    expect(
      (await t.request('GET', `/api/v1/auth/links/${tokenOf(first.get('amal@coop.ma') as string)}`)).status,
    ).toBe(410);
    expect(await auditSince(since)).toEqual([
      {
        actor_id: (
          (await t.dataSource.query(`SELECT id FROM users WHERE email = 'trainer@example.org'`)) as {
            id: string;
          }[]
        )[0]?.id,
        action: 'cohort.invitation-resent',
        subject_type: 'cohort',
        subject_id: cohortId,
        territory_id: oriental,
        details: { invitationId: amal.id, emailed: false },
      },
    ]);
    // The new link sets the new account's password and enrols it.
    const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token: tokenOf(res.body.link.url), password: 'amal-password-2026' },
    });
    expect(accepted.status).toBe(200);
    expect((await stateOf('amal@coop.ma')).state).toBe('accepted');

    // Not for an accepted invitation, nor through another cohort, nor an unknown one.
    expect((await api('POST', `/api/v1/cohorts/${cohortId}/invitations/${amal.id}/resend`)).status).toBe(410);
    const other = await api('POST', '/api/v1/cohorts', {
      name: 'Oujda — autre',
      courseId,
      courseVersion: 1,
      territoryId: oriental,
      startsOn: '2027-01-10',
      endsOn: '2027-03-31',
    });
    const chama = await stateOf('chama@coop.ma');
    expect(
      (await api('POST', `/api/v1/cohorts/${other.body.id}/invitations/${chama.id}/resend`)).status,
    ).toBe(404);
    expect(
      (
        await api(
          'POST',
          `/api/v1/cohorts/${cohortId}/invitations/00000000-0000-4000-8000-000000000000/resend`,
        )
      ).status,
    ).toBe(404);
    // A coach may not.
    const coach = (await t.signIn('coach@example.org')).accessToken;
    expect(
      (await api('POST', `/api/v1/cohorts/${cohortId}/invitations/${chama.id}/resend`, undefined, coach))
        .status,
    ).toBe(403);
    expect(await auditSince(since)).toHaveLength(1);
  });

  it('issues new links for every invitation not accepted yet at once, expired ones included; audited with the count', async () => {
    const before = await list();
    const open = before.invitations.filter((i) => i.state !== 'accepted');
    expect(open.map((i) => i.email)).toEqual(['chama@coop.ma', 'observer@example.org']);
    const oldLinks = await t.dataSource.query(
      `SELECT action_token_id FROM enrolment_invitations WHERE cohort_id = $1 AND accepted_at IS NULL`,
      [cohortId],
    );
    const since = await lastAuditId();
    // The open ones, and an accepted one the trainer's list was stale about: left out.
    const amal = before.invitations.find((i) => i.email === 'amal@coop.ma') as CohortInvitationStatus;
    const res = await api('POST', `/api/v1/cohorts/${cohortId}/invitations/resend`, {
      invitationIds: [...open.map((i) => i.id), amal.id],
    });
    expect(res.status).toBe(200);
    expect(res.body.links).toEqual(
      open.map((i) => ({
        invitationId: i.id,
        email: i.email,
        name: null,
        url: expect.stringMatching(/\/links\//),
        expiresAt: expect.any(String),
        emailed: false,
      })),
    );
    const after = await list();
    expect(after.invitations.map((i) => [i.email, i.state])).toEqual([
      ['chama@coop.ma', 'sent'],
      ['observer@example.org', 'sent'],
      ['amal@coop.ma', 'accepted'],
      ['badr@coop.ma', 'accepted'],
    ]);
    // Every previous link of those invitations is used up.
    expect(
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM action_tokens WHERE id = ANY($1::uuid[]) AND used_at IS NULL`,
        [oldLinks.map((r: { action_token_id: string }) => r.action_token_id)],
      ),
    ).toEqual([{ n: 0 }]);
    // The observer (an existing account) gets a link accepted signed in, never one that sets a password.
    const observerLink = tokenOf(
      (res.body.links as { email: string; url: string }[]).find((l) => l.email === 'observer@example.org')
        ?.url as string,
    );
    expect((await t.request('GET', `/api/v1/auth/links/${observerLink}`)).body).toMatchObject({
      purpose: 'enrolment',
    });
    expect((await auditSince(since)).map((e) => [e.action, e.details])).toEqual([
      ['cohort.invitations-resent', { count: 2, emailed: false }],
    ]);

    // A closed cohort takes no one: no new links.
    expect((await api('PATCH', `/api/v1/cohorts/${cohortId}`, { status: 'closed' })).status).toBe(200);
    expect(
      (
        await api('POST', `/api/v1/cohorts/${cohortId}/invitations/resend`, {
          invitationIds: open.map((i) => i.id),
        })
      ).status,
    ).toBe(409);
    const chama = after.invitations.find((i) => i.email === 'chama@coop.ma') as CohortInvitationStatus;
    expect((await api('POST', `/api/v1/cohorts/${cohortId}/invitations/${chama.id}/resend`)).status).toBe(
      409,
    );
  });
});

describe('a cohort’s invitations with a mail server (real database)', () => {
  let t: TestApp;
  const inbox: { to: string[]; data: string }[] = [];
  let smtp: SMTPServer;

  beforeAll(async () => {
    smtp = new SMTPServer({
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
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      MAIL_FROM: 'Academy <academy@example.org>',
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('mails each new link and shows none, one or all at once', async () => {
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    const api = (method: string, url: string) => t.request(method, url, { token: trainer });
    const courseId = (await api('GET', '/api/v1/courses')).body.find(
      (c: { slug: string }) => c.slug === 'numerique-territoires-ess',
    ).id;
    const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    const cohort = await t.request('POST', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'Oujda — par e-mail',
        courseId,
        courseVersion: 1,
        territoryId: oriental?.id,
        startsOn: '2027-01-10',
        endsOn: '2027-03-31',
      },
    });
    await t.request('POST', `/api/v1/cohorts/${cohort.body.id}/enrolments`, {
      token: trainer,
      body: { emails: ['dina@coop.ma', 'ezz@coop.ma'] },
    });
    const listed = await api('GET', `/api/v1/cohorts/${cohort.body.id}/invitations`);
    expect(listed.body.linksMailed).toBe(true);
    const dina = (listed.body.invitations as CohortInvitationStatus[]).find(
      (i) => i.email === 'dina@coop.ma',
    );

    const before = inbox.length;
    const one = await api('POST', `/api/v1/cohorts/${cohort.body.id}/invitations/${dina?.id}/resend`);
    expect(one.status).toBe(200);
    expect(one.body.link).toEqual({ url: null, expiresAt: expect.any(String), emailed: true });
    const all = await t.request('POST', `/api/v1/cohorts/${cohort.body.id}/invitations/resend`, {
      token: trainer,
      body: { invitationIds: (listed.body.invitations as CohortInvitationStatus[]).map((i) => i.id) },
    });
    expect(all.body.links.map((l: { url: string | null; emailed: boolean }) => [l.url, l.emailed])).toEqual([
      [null, true],
      [null, true],
    ]);
    expect(inbox.slice(before).map((m) => m.to)).toEqual([
      ['dina@coop.ma'],
      ['dina@coop.ma'],
      ['ezz@coop.ma'],
    ]);
    expect(JSON.stringify([one.body, all.body])).not.toMatch(/links\//);
  });
});
