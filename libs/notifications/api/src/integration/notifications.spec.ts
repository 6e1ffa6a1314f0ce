import { randomUUID } from 'node:crypto';
import { bootApp, createTestApp, type BootedApp, type TestApp } from '@tc/shared/testing';
import { JobQueue, NotificationsService, deadLetterOf, type NotifyRequest } from '../index';

/** Polls `check` until it holds (the job queue works in the background), or fails after `ms`. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 20000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('still not true after waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function userId(t: TestApp, email: string): Promise<string> {
  const [row] = (await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [email])) as {
    id: string;
  }[];
  return row!.id;
}

describe('notifications (real database)', () => {
  let t: TestApp;
  let notifications: NotificationsService;
  let coachId: string;
  let otherId: string;
  let coach: string;
  let other: string;

  const request = (recipientId: string, subjectId: string, moment = 'issued'): NotifyRequest => ({
    recipientId,
    kind: 'certificate.issued',
    subject: { type: 'enrolment', id: subjectId },
    moment,
    params: { courseTitle: { fr: 'Cours', ar: 'دورة', en: 'Course' } },
  });
  const notify = (r: NotifyRequest) =>
    t.dataSource.transaction((manager) => notifications.notify(manager, r));
  const rows = async (subjectId: string) =>
    (
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1`, [
        subjectId,
      ])) as { n: number }[]
    )[0]!.n;
  const deliveryJobs = async (notificationId: string) =>
    (
      (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notifications.deliver' AND data->>'notificationId' = $1`,
        [notificationId],
      )) as { n: number }[]
    )[0]!.n;

  beforeAll(async () => {
    t = await createTestApp({ JOB_POLL_SECONDS: '0.5' });
    notifications = t.app.get(NotificationsService);
    coachId = await userId(t, 'coach@example.org');
    otherId = await userId(t, 'trainer@example.org');
    coach = (await t.signIn('coach@example.org')).accessToken;
    other = (await t.signIn('trainer@example.org')).accessToken;
    // Booting the app creates, migrates and seeds a database: slow for PGlite on a busy machine.
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('tells once: the same notify twice makes one row and one delivery job', async () => {
    const subject = randomUUID();
    const first = await notify(request(coachId, subject));
    const second = await notify(request(coachId, subject));
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect(await rows(subject)).toBe(1);
    expect(await deliveryJobs(first!.id)).toBe(1);
    // Another moment of the same subject is another notification.
    expect(await notify(request(coachId, subject, 'later'))).not.toBeNull();
    expect(await rows(subject)).toBe(2);
  });

  it('tells once when two transactions notify at the same time', async () => {
    const subject = randomUUID();
    const results = await Promise.all([notify(request(coachId, subject)), notify(request(coachId, subject))]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await rows(subject)).toBe(1);
  });

  it('tells many at once: one row and one delivery job each, a request already told or repeated adds nothing', async () => {
    const subjects = Array.from({ length: 2500 }, () => randomUUID());
    const already = await notify(request(coachId, subjects[0]!));
    const many = [...subjects.map((s) => request(coachId, s)), request(coachId, subjects[1]!)];
    const created = await t.dataSource.transaction((manager) => notifications.notifyMany(manager, many));
    expect(created).toHaveLength(subjects.length - 1);
    const [counts] = (await t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT j.id)::int AS jobs
         FROM notifications n
         LEFT JOIN pgboss.job j ON j.name = 'notifications.deliver' AND j.data->>'notificationId' = n.id::text
        WHERE n.subject_id = ANY($1::uuid[])`,
      [subjects],
    )) as { n: number; jobs: number }[];
    expect(counts).toEqual({ n: subjects.length, jobs: subjects.length });
    expect(created.some((c) => c.id === already!.id)).toBe(false);
    // Again, and at the same time from two transactions: nothing more.
    const again = await Promise.all([
      t.dataSource.transaction((manager) => notifications.notifyMany(manager, many)),
      t.dataSource.transaction((manager) => notifications.notifyMany(manager, many.slice(0, 10))),
    ]);
    expect(again.map((a) => a.length)).toEqual([0, 0]);
    expect(await rows(subjects[1]!)).toBe(1);
    expect(await t.dataSource.transaction((manager) => notifications.notifyMany(manager, []))).toEqual([]);
  }, 60000);

  it('tells many only with the caller’s transaction: rolled back, no row and no job', async () => {
    const subjects = [randomUUID(), randomUUID()];
    let ids: { id: string }[] = [];
    await expect(
      t.dataSource.transaction(async (manager) => {
        ids = await notifications.notifyMany(
          manager,
          subjects.map((s) => request(coachId, s)),
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(ids).toHaveLength(2);
    expect(await rows(subjects[0]!)).toBe(0);
    expect(await deliveryJobs(ids[0]!.id)).toBe(0);
  });

  it('writes nothing, and enqueues nothing, when the caller’s transaction rolls back', async () => {
    const subject = randomUUID();
    let id: string | undefined;
    await expect(
      t.dataSource.transaction(async (manager) => {
        id = (await notifications.notify(manager, request(coachId, subject)))!.id;
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(id).toBeDefined();
    expect(await rows(subject)).toBe(0);
    expect(await deliveryJobs(id!)).toBe(0);
  });

  it('shows a person their own notifications only, newest first, a page at a time, and marks them read', async () => {
    await t.dataSource.query('UPDATE notifications SET read_at = now() WHERE recipient_id = $1', [coachId]);
    const subjects = [randomUUID(), randomUUID(), randomUUID()];
    for (const s of subjects) await notify(request(coachId, s));
    const theirs = await notify(request(otherId, randomUUID()));

    const count = await t.request('GET', '/api/v1/me/notifications/unread-count', { token: coach });
    expect(count.status).toBe(200);
    expect(count.body).toEqual({ unread: 3 });

    const first = await t.request('GET', '/api/v1/me/notifications?unread=true&limit=2', { token: coach });
    expect(first.status).toBe(200);
    expect(first.body.items.map((n: { subject: { id: string } }) => n.subject.id)).toEqual([
      subjects[2],
      subjects[1],
    ]);
    expect(first.body.items[0]).toMatchObject({
      kind: 'certificate.issued',
      subject: { type: 'enrolment', id: subjects[2] },
      params: { courseTitle: { ar: 'دورة' } },
      readAt: null,
    });
    expect(first.body.nextCursor).toMatch(/^\d+$/);
    const second = await t.request(
      'GET',
      `/api/v1/me/notifications?unread=true&limit=2&cursor=${first.body.nextCursor}`,
      { token: coach },
    );
    expect(second.body.items.map((n: { subject: { id: string } }) => n.subject.id)).toEqual([subjects[0]]);
    expect(second.body.nextCursor).toBeNull();

    // Someone else's notification: not in the list, not markable (404, as if it did not exist).
    const all = await t.request('GET', '/api/v1/me/notifications?limit=100', { token: coach });
    expect(all.body.items.some((n: { id: string }) => n.id === theirs!.id)).toBe(false);
    expect(
      (await t.request('POST', `/api/v1/me/notifications/${theirs!.id}/read`, { token: coach })).status,
    ).toBe(404);

    const opened = first.body.items[0].id as string;
    const read = await t.request('POST', `/api/v1/me/notifications/${opened}/read`, { token: coach });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await t.request('POST', `/api/v1/me/notifications/${opened}/read`, { token: coach });
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await t.request('GET', '/api/v1/me/notifications/unread-count', { token: coach })).body).toEqual({
      unread: 2,
    });

    // Mark all read through the newest the coach has seen: one that arrives after it stays unread;
    // someone else's notification, or none, cannot be named.
    const newest = first.body.items[0].id as string;
    const later = randomUUID();
    await notify(request(coachId, later));
    const notMine = await t.request('POST', '/api/v1/me/notifications/read-all', {
      token: coach,
      body: { throughId: theirs!.id },
    });
    expect(notMine.status).toBe(404);
    expect(notMine.body.errors).toEqual([
      expect.objectContaining({ field: 'throughId', code: 'notification-unknown' }),
    ]);
    expect(
      (await t.request('POST', '/api/v1/me/notifications/read-all', { token: coach, body: {} })).status,
    ).toBe(400);
    const allRead = await t.request('POST', '/api/v1/me/notifications/read-all', {
      token: coach,
      body: { throughId: newest },
    });
    expect(allRead.status).toBe(200);
    expect(allRead.body).toEqual({ marked: 2 });
    const unread = await t.request('GET', '/api/v1/me/notifications?unread=true', { token: coach });
    expect(unread.body.items.map((n: { subject: { id: string } }) => n.subject.id)).toEqual([later]);
    // The other person's stays unread.
    expect(
      (await t.request('GET', '/api/v1/me/notifications/unread-count', { token: other })).body.unread,
    ).toBeGreaterThan(0);
    expect((await t.request('GET', '/api/v1/me/notifications/unread-count')).status).toBe(401);
  });

  it('runs each job once, also with two app instances on one PostgreSQL database', async () => {
    // A second API process: a PostgreSQL matter (the embedded database serves one process).
    const replica: BootedApp | null =
      t.kind === 'postgres' ? await bootApp({ ...t.env, DEMO_SEED: 'false' }) : null;
    try {
      const queueName = `spec.once-${randomUUID().slice(0, 8)}`;
      const ran: { job: number; by: string }[] = [];
      const instances: [string, BootedApp][] = [
        ['first', t],
        ...(replica ? [['replica', replica] as [string, BootedApp]] : []),
      ];
      for (const [by, app] of instances)
        await app.app.get(JobQueue).define<{ n: number }>(queueName, async ({ n }) => {
          ran.push({ job: n, by });
        });
      const queue = t.app.get(JobQueue);
      const N = 30;
      for (let n = 0; n < N; n++)
        await t.dataSource.transaction((manager) => queue.send(manager, queueName, { n }));
      // Rolled back: never runs.
      await t.dataSource
        .transaction(async (manager) => {
          await queue.send(manager, queueName, { n: -1 });
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await eventually(() => ran.length >= N);
      // A last poll of each worker: nothing more arrives.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(ran.map((r) => r.job).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, n) => n));
    } finally {
      await replica?.close();
    }
  }, 60000);

  it('retries a failing job with back-off, then keeps it in the dead-letter queue', async () => {
    const queue = t.app.get(JobQueue);
    const queueName = `spec.failing-${randomUUID().slice(0, 8)}`;
    const attempts: number[] = [];
    await queue.define<{ what: string }>(
      queueName,
      async (_data, job) => {
        attempts.push(job.retryCount);
        throw new Error('the mail server said no');
      },
      { retryLimit: 1, retryDelay: 1, retryDelayMax: 2 },
    );
    const id = await t.dataSource.transaction((manager) => queue.send(manager, queueName, { what: 'mail' }));
    await eventually(async () => (await queue.deadLetters(queueName)).length > 0);
    expect(attempts).toEqual([0, 1]);
    const [dead] = await queue.deadLetters<{ what: string }>(queueName);
    expect(dead!.data).toEqual({ what: 'mail' });
    const [failed] = (await t.dataSource.query(`SELECT state FROM pgboss.job WHERE id = $1`, [id])) as {
      state: string;
    }[];
    expect(failed!.state).toBe('failed');
    expect(deadLetterOf(queueName)).toBe(`${queueName}.dead`);
  }, 60000);

  // Last: it stops this app's workers.
  it('still enqueues once the workers are stopping (a request in flight during a shutdown)', async () => {
    await t.app.get(JobQueue).onModuleDestroy();
    const subject = randomUUID();
    const told = await notify(request(coachId, subject));
    expect(await rows(subject)).toBe(1);
    expect(await deliveryJobs(told!.id)).toBe(1);
    // And no worker of this app takes it any more: it waits for the next process.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const [job] = (await t.dataSource.query(
      `SELECT state FROM pgboss.job WHERE name = 'notifications.deliver' AND data->>'notificationId' = $1`,
      [told!.id],
    )) as { state: string }[];
    expect(job!.state).toBe('created');
  });
});
