import { seedDemoData } from '@tc/demo/api';
import { createTestApp, type TestApp } from '@tc/shared/testing';
import { ERASED_NAME, ERASURE_REVOCATION_REASON, ErasureService } from '../index';

/** PRIVACY_ERASURE_CERTIFICATES=revoke: an erased person's certificates are revoked (keep: erasure.spec). */
describe('erasure with PRIVACY_ERASURE_CERTIFICATES=revoke (real database)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PRIVACY_ERASURE_CERTIFICATES: 'revoke' });
    await seedDemoData(t.app, { learning: true });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('revokes their certificates: the verify page says revoked, their credential fails its status check', async () => {
    // A certificate holder of the demo's population, erased by the service itself (no admin's call).
    const [holder] = (await t.dataSource.query(
      `SELECT e.user_id, c.code, u.display_name FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id
         JOIN users u ON u.id = e.user_id
        WHERE c.revoked_at IS NULL ORDER BY c.code LIMIT 1`,
    )) as { user_id: string; code: string; display_name: string }[];
    expect(holder).toBeDefined();
    const code = holder?.code as string;
    const before = await t.request('GET', `/api/v1/certificates/${code}`);
    expect(before.body).toMatchObject({ status: 'valid', holderName: holder?.display_name });
    expect(before.body.credential).toMatchObject({ verified: true });
    // The holder's own copy of the signed credential, as they would have downloaded it.
    const [issued] = (await t.dataSource.query(
      `SELECT document FROM issued_credentials WHERE reference = $1 AND replaced_at IS NULL`,
      [`certificate:${code}`],
    )) as { document: Record<string, unknown> }[];
    expect(issued?.document).toBeDefined();
    const copy = await t.request('POST', '/api/v1/credentials/verify', {
      body: { credential: issued?.document },
    });
    expect(copy.body.verified).toBe(true);

    await t.app.get(ErasureService).erase(holder?.user_id as string, null);

    const after = await t.request('GET', `/api/v1/certificates/${code}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      code,
      status: 'revoked',
      holderName: ERASED_NAME,
      revokedAt: expect.any(String),
      revocationReason: ERASURE_REVOCATION_REASON,
      issuedAt: before.body.issuedAt,
    });
    // No new credential is issued for a revoked certificate.
    expect(after.body.credential).toBeNull();
    const stillCurrent = (await t.dataSource.query(
      `SELECT count(*)::int n FROM issued_credentials WHERE reference = $1 AND replaced_at IS NULL`,
      [`certificate:${code}`],
    )) as { n: number }[];
    expect(stillCurrent[0]?.n).toBe(0);
    // Their copy now fails its status check: the status list's bit is set.
    const revoked = await t.request('POST', '/api/v1/credentials/verify', {
      body: { credential: issued?.document },
    });
    expect(revoked.body.verified).toBe(false);
    expect(revoked.body.checks).toContainEqual(
      expect.objectContaining({ check: 'status', outcome: 'failed', code: 'revoked' }),
    );
    // Every certificate of theirs is revoked, each with its audit entry (the erasure run had no admin).
    const certificates = (await t.dataSource.query(
      `SELECT c.code, c.revoked_at IS NOT NULL AS revoked, c.revoked_by, c.revocation_reason FROM certificates c
         JOIN enrolments e ON e.id = c.enrolment_id WHERE e.user_id = $1`,
      [holder?.user_id],
    )) as { code: string; revoked: boolean; revoked_by: string | null; revocation_reason: string }[];
    expect(certificates.length).toBeGreaterThan(0);
    for (const c of certificates) expect(c.revoked).toBe(true);
    const byErasure = certificates.filter((c) => c.revocation_reason === ERASURE_REVOCATION_REASON);
    expect(byErasure.map((c) => c.code)).toContain(code);
    for (const c of byErasure) expect(c.revoked_by).toBeNull();
    const audited = (await t.dataSource.query(
      `SELECT subject_id FROM audit_log WHERE action = 'certificate.revoked' AND details->>'erasure' = 'true'`,
    )) as { subject_id: string }[];
    expect(audited.map((a) => a.subject_id).sort()).toEqual(byErasure.map((c) => c.code).sort());
  });
});
