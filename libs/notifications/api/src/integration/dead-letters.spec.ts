import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '@tc/shared/testing';
import type { DeadLetter } from '@tc/shared/contracts';
import { JobQueue } from '../index';

/** Polls `check` until it holds (the job queue works in the background), or fails after `ms`. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 30000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('still not true after waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the job queue's dead letters, for the platform's admins (real database)", () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;

  beforeAll(async () => {
    t = await createTestApp({ JOB_POLL_SECONDS: '0.5' });
    admin = (await t.signIn('admin@example.org')).accessToken;
    trainer = (await t.signIn('trainer@example.org')).accessToken;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists a job that failed every attempt, ids only, and queues it again once (audited)', async () => {
    const queueName = `spec.dead-${randomUUID().slice(0, 8)}`;
    let failing = true;
    const ran: string[] = [];
    const queue = t.app.get(JobQueue);
    await queue.define<{ notificationId: string }>(
      queueName,
      async (data) => {
        if (failing)
          throw new Error(`SMTP refused salma.ouazzani@example.org: mailbox full ${'x'.repeat(400)}`);
        ran.push(data.notificationId);
      },
      { retryLimit: 1, retryDelay: 1, retryDelayMax: 1 },
    );
    const first = randomUUID();
    const second = randomUUID();
    for (const notificationId of [first, second])
      await t.dataSource.transaction((manager) =>
        queue.send(manager, queueName, {
          notificationId,
          recipients: [randomUUID(), randomUUID()],
          email: 'salma.ouazzani@example.org',
          attempt: 3,
        }),
      );
    const list = (query: string, token = admin) =>
      t.request('GET', `/api/v1/admin/jobs/dead-letters?${query}`, { token });
    await eventually(async () => (await list(`queue=${queueName}`)).body.items?.length === 2);

    const page = await list(`queue=${queueName}`);
    expect(page.status).toBe(200);
    const items = page.body.items as DeadLetter[];
    // Newest failure first; each with what happened and its ids, nothing personal.
    expect(items.map((d) => d.ids['notificationId']).sort()).toEqual([first, second].sort());
    expect(Date.parse(items[0]!.failedAt)).toBeGreaterThanOrEqual(Date.parse(items[1]!.failedAt));
    for (const dead of items) {
      expect(dead).toMatchObject({ queue: queueName, attempts: 2, withheld: ['attempt', 'email'] });
      expect(dead.ids['recipients']).toHaveLength(2);
      expect(Date.parse(dead.createdAt!)).toBeLessThanOrEqual(Date.parse(dead.failedAt));
      expect(dead.error).toMatch(/^SMTP refused …@…: mailbox full x+…$/);
      expect(dead.error!.length).toBe(300);
      expect(JSON.stringify(dead)).not.toContain('salma');
    }

    // Across queues (no filter) they are there too; a page of one leads to the other, no overlap.
    const all = await list('limit=100');
    expect((all.body.items as DeadLetter[]).filter((d) => d.queue === queueName)).toHaveLength(2);
    const one = await list(`queue=${queueName}&limit=1`);
    expect(one.body.items).toHaveLength(1);
    expect(one.body.nextCursor).toEqual(expect.any(String));
    const next = await list(`queue=${queueName}&limit=1&cursor=${one.body.nextCursor}`);
    expect(next.body.items.map((d: DeadLetter) => d.id)).toEqual([items[1]!.id]);
    expect(next.body.nextCursor).toBeNull();
    expect((await list('cursor=not-a-cursor')).status).toBe(400);

    // Only admins (the platform's): a trainer is refused, and cannot retry either.
    expect((await list('', trainer)).status).toBe(403);
    const retry = (id: string, token = admin) =>
      t.request('POST', `/api/v1/admin/jobs/dead-letters/${id}/retry`, {
        token,
        body: { reason: 'SMTP quota raised' },
      });
    expect((await retry(items[0]!.id, trainer)).status).toBe(403);

    // The cause is fixed: the retried job runs once, the dead letter is gone, the audit log says so.
    failing = false;
    const retried = await retry(items[0]!.id);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ jobId: expect.any(String), queue: queueName });
    await eventually(() => ran.length === 1);
    expect(ran).toEqual([items[0]!.ids['notificationId']]);
    expect((await retry(items[0]!.id)).status).toBe(404);
    expect((await list(`queue=${queueName}`)).body.items.map((d: DeadLetter) => d.id)).toEqual([
      items[1]!.id,
    ]);
    const [entry] = (await t.dataSource.query(
      `SELECT action, subject_type, details FROM audit_log WHERE subject_id = $1`,
      [items[0]!.id],
    )) as { action: string; subject_type: string; details: Record<string, unknown> }[];
    expect(entry).toEqual({
      action: 'job.retried',
      subject_type: 'job',
      details: { queue: queueName, jobId: retried.body.jobId, attempts: 2, reason: 'SMTP quota raised' },
    });
    // The other one waits for its own retry; a job that never was a dead letter is not found.
    expect((await retry(randomUUID())).status).toBe(404);
  });
});
