import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentLoader } from './document-loader';
import { signCredential } from './open-badge';
import { verifyOpenBadge } from './verifier';
import { vcLibraries, type JsonObject } from './vc-libraries';

/** The W3C vc-di-eddsa test vectors (appendix B.1, eddsa-rdfc-2022), reproduced byte for byte. */
const dir = join(__dirname, 'test-vectors');
const file = (name: string) => readFileSync(join(dir, name), 'utf8');
const json = (name: string) => JSON.parse(file(name)) as JsonObject;

const EXAMPLES = new Map<string, unknown>([
  [
    'https://www.w3.org/ns/credentials/examples/v2',
    { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } },
  ],
]);
const noOwnDid = async () => null;
const loader = documentLoader(noOwnDid, EXAMPLES);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

describe('eddsa-rdfc-2022: the W3C test vectors', () => {
  const keyPair = json('keyPair.json');
  const unsigned = json('unsigned.json');
  const proofConfig = json('proofConfigDataInt.json');

  it('canonizes the document and the proof configuration to the published N-Quads and hashes', async () => {
    const { cryptosuite } = vcLibraries();
    const canonDoc = await cryptosuite.canonize(unsigned, { documentLoader: loader });
    expect(canonDoc).toBe(file('canonDocDataInt.txt'));
    expect(sha256(canonDoc).toString('hex')).toBe(file('docHashDataInt.txt').trim());
    const canonProof = await cryptosuite.canonize(proofConfig, { documentLoader: loader });
    expect(canonProof).toBe(file('proofCanonDataInt.txt'));
    const proofHash = sha256(canonProof);
    expect(proofHash.toString('hex')).toBe(file('proofHashDataInt.txt').trim());
    const combined = Buffer.concat([proofHash, sha256(canonDoc)]);
    expect(combined.toString('hex')).toBe(file('combinedHashDataInt.txt').trim());
  });

  it('signs the combined hash to the published signature with the published key', async () => {
    const { Ed25519Multikey } = vcLibraries();
    const key = await Ed25519Multikey.from({
      '@context': 'https://w3id.org/security/multikey/v1',
      type: 'Multikey',
      controller: `did:key:${String(keyPair['publicKeyMultibase'])}`,
      publicKeyMultibase: keyPair['publicKeyMultibase'],
      secretKeyMultibase: keyPair['privateKeyMultibase'],
    });
    const signature = await key
      .signer()
      .sign({ data: Buffer.from(file('combinedHashDataInt.txt').trim(), 'hex') });
    expect(Buffer.from(signature).toString('hex')).toBe(file('sigHexDataInt.txt').trim());
  });

  it('issues the published signed credential from the unsigned one (same proofValue, same document)', async () => {
    const { Ed25519Multikey } = vcLibraries();
    const did = `did:key:${String(keyPair['publicKeyMultibase'])}`;
    const key = await Ed25519Multikey.from({
      '@context': 'https://w3id.org/security/multikey/v1',
      type: 'Multikey',
      id: `${did}#${String(keyPair['publicKeyMultibase'])}`,
      controller: did,
      publicKeyMultibase: keyPair['publicKeyMultibase'],
      secretKeyMultibase: keyPair['privateKeyMultibase'],
    });
    const signed = await signCredential(unsigned, key, loader, new Date(String(proofConfig['created'])));
    const published = json('signedDataInt.json');
    const proof = (signed['proof'] as JsonObject[])[0] as JsonObject;
    expect(proof['proofValue']).toBe(file('sigBTC58DataInt.txt').trim());
    expect({ ...signed, proof }).toEqual(published);
  });

  it('verifies the published signature through did:key, offline; a changed document fails', async () => {
    const { vc, DataIntegrityProof, cryptosuite, Ed25519Multikey } = vcLibraries();
    const verify = (credential: JsonObject) =>
      vc.verifyCredential({
        credential,
        suite: new DataIntegrityProof({ cryptosuite }),
        documentLoader: loader,
      });
    // The vector's issuer (https://vc.example/issuers/5678) is not its key's controller: the signature
    // holds, and the credential-issuance purpose, checked after it, is all that objects.
    const published = await verify(json('signedDataInt.json'));
    expect(published.error?.errors?.map((e) => e.message)).toEqual([
      'Credential issuer must match the verification method controller.',
    ]);
    const tampered = await verify({ ...json('signedDataInt.json'), name: 'Alumni Credential!' });
    expect(tampered.error?.errors?.map((e) => e.message)).toEqual(['Invalid signature.']);
    const did = `did:key:${String(keyPair['publicKeyMultibase'])}`;
    const resolved = (await loader(`${did}#${String(keyPair['publicKeyMultibase'])}`)).document as JsonObject;
    const key = await Ed25519Multikey.from(resolved);
    const data = Buffer.from(file('combinedHashDataInt.txt').trim(), 'hex');
    const signature = Buffer.from(file('sigHexDataInt.txt').trim(), 'hex');
    await expect(key.verifier().verify({ data, signature })).resolves.toBe(true);
    data[0] = (data[0] ?? 0) ^ 1;
    await expect(key.verifier().verify({ data, signature })).resolves.toBe(false);
  });

  it('is not an Open Badge: the verifier says so at the format check', async () => {
    const result = await verifyOpenBadge(json('signedDataInt.json'), {
      documentLoader: loader,
      readStatus: async () => 'ok',
    });
    expect(result.verified).toBe(false);
    expect(result.checks[0]).toEqual({ check: 'format', outcome: 'failed', code: 'not-a-credential' });
    expect(result.checks.slice(1).map((c) => c.code)).toEqual(Array(4).fill('earlier-check-failed'));
  });
});
