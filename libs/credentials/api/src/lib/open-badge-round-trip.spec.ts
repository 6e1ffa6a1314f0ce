import { badgeSvg, bakePng, bakeSvg, extractFromPng, extractFromSvg, renderPng } from './baking';
import { didWebOf } from './did-web';
import { documentLoader, MULTIKEY_CONTEXT } from './document-loader';
import { KeyVault } from './key-vault';
import { buildOpenBadge, signCredential, type IssuerProfile } from './open-badge';
import { validateOpenBadge } from './schema';
import { verifyOpenBadge, type StatusAnswer } from './verifier';
import { vcLibraries, type JsonObject } from './vc-libraries';

const PUBLIC_URL = 'https://academy.example:8443/tc';
const did = didWebOf(PUBLIC_URL);

async function issuerWorld() {
  const { Ed25519Multikey } = vcLibraries();
  const key = await Ed25519Multikey.generate({ id: `${did}#key-2026-12-07`, controller: did });
  const didDocument = {
    '@context': ['https://www.w3.org/ns/did/v1', MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: [
      { id: key.id, type: 'Multikey', controller: did, publicKeyMultibase: key.publicKeyMultibase },
    ],
    assertionMethod: [key.id],
  };
  const loader = documentLoader(async (asked) => (asked === did ? didDocument : null));
  const issuer: IssuerProfile = {
    id: did,
    type: ['Profile'],
    name: 'Coaching territorial',
    url: PUBLIC_URL,
    image: { id: `${PUBLIC_URL}/icons/icon-512.png`, type: 'Image' },
    description: 'Plateforme',
  };
  const unsigned = buildOpenBadge(
    {
      reference: 'certificate:ABC',
      recipientName: 'Amina El Idrissi',
      awardedAt: new Date('2026-11-30T10:00:00Z'),
      achievement: {
        id: 'urn:tc:course:00000000-0000-4000-8000-000000000001:v2',
        name: 'الكفايات الرقمية للمدربين',
        description: 'Certificat',
        criteria: 'Suivre les 12 leçons\n\nTâches de terrain :\n- Diagnostic',
        version: '2',
        language: 'ar',
        alignments: [
          { code: '1.1', name: 'Naviguer', url: 'https://example.org/digcomp#1.1', framework: 'DigComp 2.2' },
        ],
      },
    },
    issuer,
    { list: 1, index: 4242, listUrl: `${PUBLIC_URL}/api/v1/credentials/status/1` },
    new Date('2026-12-01T09:00:00Z'),
  );
  const signed = await signCredential(unsigned, key, loader);
  let status: StatusAnswer = 'ok';
  const verify = (credential: unknown, now = new Date('2026-12-07T12:00:00Z')) =>
    verifyOpenBadge(credential, { documentLoader: loader, readStatus: async () => status, now });
  return { signed, verify, issuer, setStatus: (s: StatusAnswer) => (status = s) };
}

const outcome = (r: { checks: { check: string; outcome: string; code: string }[] }) =>
  r.checks.map((c) => `${c.check}:${c.outcome}:${c.code}`);

describe('Open Badges 3.0 credential: issue, verify, tamper', () => {
  it('derives did:web from the public URL (port as %3A, path as :)', () => {
    expect(did).toBe('did:web:academy.example%3A8443:tc');
    expect(didWebOf('http://127.0.0.1:3415')).toBe('did:web:127.0.0.1%3A3415');
    expect(didWebOf('https://academy.example/')).toBe('did:web:academy.example');
  });

  it('round trip: the credential validates against the OB 3.0 schema and verifies, every check passed', async () => {
    const { signed, verify } = await issuerWorld();
    expect(validateOpenBadge(signed)).toEqual({ valid: true });
    const result = await verify(signed);
    expect(outcome(result)).toEqual([
      'format:passed:ok',
      'signature:passed:ok',
      'issuer:passed:ok',
      'status:passed:ok',
      'expiry:passed:ok',
    ]);
    expect(result.verified).toBe(true);
    expect(result.summary).toEqual({
      issuerId: did,
      issuerName: 'Coaching territorial',
      achievementName: 'الكفايات الرقمية للمدربين',
      recipientName: 'Amina El Idrissi',
      validFrom: '2026-12-01T09:00:00Z',
      validUntil: null,
    });
  });

  const tampers: [string, (c: JsonObject) => void][] = [
    ['the name', (c) => ((c['credentialSubject'] as JsonObject)['name'] = 'Someone Else')],
    [
      'the achievement',
      (c) =>
        (((c['credentialSubject'] as JsonObject)['achievement'] as JsonObject)['name'] = 'Another course'),
    ],
    ['the date', (c) => (c['validFrom'] = '2025-01-01T00:00:00Z')],
    [
      'the proof',
      (c) => {
        const proof = (c['proof'] as JsonObject[])[0] as JsonObject;
        const value = String(proof['proofValue']);
        // One base58 digit changed (the one before last, which is never just padding).
        const digit = value.at(-2) === 'A' ? 'B' : 'A';
        proof['proofValue'] = `${value.slice(0, -2)}${digit}${value.slice(-1)}`;
      },
    ],
  ];
  it.each(tampers)('tampering with %s fails the signature check, and says so', async (_what, tamper) => {
    const { signed, verify } = await issuerWorld();
    const copy = structuredClone(signed);
    tamper(copy);
    expect(copy).not.toEqual(signed);
    const result = await verify(copy);
    expect(result.verified).toBe(false);
    expect(outcome(result)).toEqual([
      'format:passed:ok',
      'signature:failed:signature-invalid',
      'issuer:skipped:earlier-check-failed',
      'status:skipped:earlier-check-failed',
      'expiry:skipped:earlier-check-failed',
    ]);
  });

  it('names the failing check for each other fault', async () => {
    const { signed, verify, setStatus } = await issuerWorld();
    await expect(verify('not a credential').then(outcome)).resolves.toEqual([
      'format:failed:not-json',
      ...['signature', 'issuer', 'status', 'expiry'].map((c) => `${c}:skipped:earlier-check-failed`),
    ]);
    const noSubject = structuredClone(signed);
    delete noSubject['credentialSubject'];
    const schema = await verify(noSubject);
    expect(schema.checks[0]).toMatchObject({ check: 'format', outcome: 'failed', code: 'schema-invalid' });
    const noProof = structuredClone(signed);
    delete noProof['proof'];
    expect(outcome(await verify(noProof))[1]).toBe('signature:failed:no-proof');
    const foreign = structuredClone(signed);
    ((foreign['proof'] as JsonObject[])[0] as JsonObject)['verificationMethod'] =
      'did:web:elsewhere.example#key-1';
    expect(outcome(await verify(foreign)).slice(1, 3)).toEqual([
      'signature:skipped:issuer-unresolved',
      'issuer:failed:issuer-unresolved',
    ]);
    setStatus('revoked');
    const revoked = await verify(signed);
    expect([revoked.verified, outcome(revoked)[3]]).toEqual([false, 'status:failed:revoked']);
    setStatus('ok');
    const early = await verify(signed, new Date('2026-11-01T00:00:00Z'));
    expect([early.verified, outcome(early)[4]]).toEqual([false, 'expiry:failed:not-yet-valid']);
  });

  it('verifies another issuer’s credential whose key resolves offline (did:key); without status it passes as no-status', async () => {
    const { Ed25519Multikey } = vcLibraries();
    const key = await Ed25519Multikey.generate();
    const did = `did:key:${key.publicKeyMultibase}`;
    key.id = `${did}#${key.publicKeyMultibase}`;
    key.controller = did;
    const foreign = await Ed25519Multikey.from({
      '@context': MULTIKEY_CONTEXT,
      type: 'Multikey',
      id: key.id,
      controller: did,
      ...(await key.export({ publicKey: true, secretKey: true })),
    });
    const loader = documentLoader(async () => null);
    const unsigned = buildOpenBadge(
      {
        reference: 'x',
        recipientName: 'Youssef',
        awardedAt: new Date('2026-06-01T00:00:00Z'),
        achievement: {
          id: 'https://other.example/achievements/1',
          name: 'Other badge',
          description: 'From another issuer',
          criteria: 'Did it',
          version: '1',
          language: 'en',
          alignments: [],
        },
      },
      { ...(await issuerWorld()).issuer, id: did, name: 'Other issuer' },
      { list: 1, index: 1, listUrl: 'https://other.example/status/1' },
      new Date('2026-06-01T00:00:00Z'),
    );
    delete unsigned['credentialStatus'];
    const signed = await signCredential(unsigned, foreign, loader);
    const result = await verifyOpenBadge(signed, { documentLoader: loader, readStatus: async () => 'ok' });
    expect(outcome(result)).toEqual([
      'format:passed:ok',
      'signature:passed:ok',
      'issuer:passed:ok',
      'status:skipped:no-status',
      'expiry:passed:ok',
    ]);
    expect(result.verified).toBe(true);
    // Someone else's status list cannot be fetched offline: said, not guessed.
    const withStatus = {
      ...unsigned,
      credentialStatus: {
        id: 'https://other.example/status/1#1',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '1',
        statusListCredential: 'https://other.example/status/1',
      },
    };
    const unreachable = await verifyOpenBadge(await signCredential(withStatus, foreign, loader), {
      documentLoader: loader,
      readStatus: async () => 'status-unreachable',
    });
    expect([unreachable.verified, outcome(unreachable)[3]]).toEqual([
      false,
      'status:failed:status-unreachable',
    ]);
    // A credential naming one issuer, signed by another's key: the issuer check says so.
    const claimed = await signCredential(
      {
        ...unsigned,
        issuer: {
          ...(unsigned['issuer'] as object),
          id: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
        },
      },
      foreign,
      loader,
    );
    const mismatch = await verifyOpenBadge(claimed, { documentLoader: loader, readStatus: async () => 'ok' });
    expect(outcome(mismatch).slice(1, 3)).toEqual(['signature:passed:ok', 'issuer:failed:issuer-mismatch']);
  });

  it('seals issuer secret keys: opens with the same key and row id only', () => {
    const vault = new KeyVault(Buffer.alloc(32, 1));
    const sealed = vault.seal('zrv-secret', 'key-2026-12-07');
    expect(sealed).not.toContain('zrv-secret');
    expect(vault.open(sealed, 'key-2026-12-07')).toBe('zrv-secret');
    expect(() => vault.open(sealed, 'key-2026-12-08')).toThrow();
    expect(() => new KeyVault(Buffer.alloc(32, 2)).open(sealed, 'key-2026-12-07')).toThrow(
      /is not the one it was sealed with/,
    );
  });

  it('bakes the credential into the SVG and the PNG badge; both give it back, and it verifies', async () => {
    const { signed, verify } = await issuerWorld();
    const svg = badgeSvg({
      title: 'الكفايات الرقمية للمدربين',
      subtitle: 'الإصدار 2',
      issuer: 'التدريب الترابي',
      rtl: true,
    });
    const baked = bakeSvg(svg, signed);
    expect(baked).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
    const fromSvg = extractFromSvg(baked);
    expect(fromSvg).toEqual(signed);
    const png = bakePng(await renderPng(svg), signed);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const fromPng = extractFromPng(png);
    expect(fromPng).toEqual(signed);
    // Baking twice keeps one chunk (the spec allows one).
    expect(extractFromPng(bakePng(png, { ...signed, name: 'x' }))?.['name']).toBe('x');
    await expect(verify(fromSvg).then((r) => r.verified)).resolves.toBe(true);
    await expect(verify(fromPng).then((r) => r.verified)).resolves.toBe(true);
  });
});
