import {
  CREDENTIAL_CHECKS,
  type CredentialCheck,
  type CredentialCheckName,
  type CredentialVerification,
} from '@tc/shared/contracts';
import { UnresolvableDocumentError } from './document-loader';
import { validateOpenBadge } from './schema';
import { vcLibraries, type DocumentLoader, type JsonObject } from './vc-libraries';

interface VerifyOutcome {
  verified: boolean;
  error?: { message?: string; errors?: { message?: string }[] };
  results?: { verified: boolean; error?: { message?: string } }[];
}

const ISSUER_MISMATCH = 'Credential issuer must match the verification method controller.';

/** What the status check found, for a credential that has a `credentialStatus`. */
export type StatusAnswer = 'ok' | 'revoked' | 'status-unreachable';
export type StatusReader = (status: JsonObject) => Promise<StatusAnswer>;

const isObject = (value: unknown): value is JsonObject =>
  !!value && typeof value === 'object' && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function types(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((t): t is string => typeof t === 'string');
}

/** What the credential says, read whether or not it verifies. */
function summaryOf(credential: unknown): CredentialVerification['summary'] {
  const c = isObject(credential) ? credential : {};
  const issuer = c['issuer'];
  const subject = isObject(c['credentialSubject']) ? c['credentialSubject'] : {};
  const achievement = isObject(subject['achievement']) ? subject['achievement'] : {};
  return {
    issuerId: text(issuer) ?? (isObject(issuer) ? text(issuer['id']) : null),
    issuerName: isObject(issuer) ? text(issuer['name']) : null,
    achievementName: text(achievement['name']),
    recipientName: text(subject['name']),
    validFrom: text(c['validFrom']),
    validUntil: text(c['validUntil']),
  };
}

/** The proofs, as JSON-LD allows them: one object or an array. */
function proofsOf(credential: JsonObject): JsonObject[] {
  const proof = credential['proof'];
  return (Array.isArray(proof) ? proof : [proof]).filter(isObject);
}

/**
 * Verifies an Open Badges 3.0 credential as a third party would, check by check in CREDENTIAL_CHECKS
 * order: format (VC 2.0 OpenBadgeCredential, OB 3.0 JSON schema), signature (the Data Integrity proof,
 * `eddsa-rdfc-2022`, over the document as given), issuer (the proof's key is the issuer's and was
 * resolved offline), status (Bitstring Status List) and expiry. When format or signature fail, the later
 * checks are skipped (`earlier-check-failed`); `verified` is true only when every check passed (a
 * credential without status passes with its status check skipped as `no-status`).
 */
export async function verifyOpenBadge(
  input: unknown,
  options: { documentLoader: DocumentLoader; readStatus: StatusReader; now?: Date },
): Promise<CredentialVerification> {
  const now = options.now ?? new Date();
  const checks: CredentialCheck[] = [];
  const summary = summaryOf(input);
  const done = (failedCheck?: CredentialCheckName): CredentialVerification => {
    for (const check of CREDENTIAL_CHECKS) {
      if (!checks.some((c) => c.check === check))
        checks.push({ check, outcome: 'skipped', code: 'earlier-check-failed' });
    }
    const verified =
      !failedCheck &&
      checks.every((c) => c.outcome === 'passed' || (c.outcome === 'skipped' && c.code === 'no-status'));
    return { verified, checks, summary };
  };

  // 1. format
  if (!isObject(input)) {
    checks.push({ check: 'format', outcome: 'failed', code: 'not-json' });
    return done('format');
  }
  const credential = input;
  const kinds = types(credential['type']);
  const contexts = types(credential['@context']);
  if (
    !kinds.includes('VerifiableCredential') ||
    !(kinds.includes('OpenBadgeCredential') || kinds.includes('AchievementCredential')) ||
    contexts[0] !== 'https://www.w3.org/ns/credentials/v2'
  ) {
    checks.push({ check: 'format', outcome: 'failed', code: 'not-a-credential' });
    return done('format');
  }
  const schema = validateOpenBadge(credential);
  if (!schema.valid) {
    checks.push({ check: 'format', outcome: 'failed', code: 'schema-invalid', detail: schema.detail });
    return done('format');
  }
  checks.push({ check: 'format', outcome: 'passed', code: 'ok' });

  // 2. signature (its key resolved first: without it, the issuer check names the cause)
  const proofs = proofsOf(credential);
  if (!proofs.length) {
    checks.push({ check: 'signature', outcome: 'failed', code: 'no-proof' });
    return done('signature');
  }
  const proof = proofs[0] as JsonObject;
  const method = text(proof['verificationMethod']);
  if (proof['type'] !== 'DataIntegrityProof' || proof['cryptosuite'] !== 'eddsa-rdfc-2022' || !method) {
    checks.push({
      check: 'signature',
      outcome: 'failed',
      code: 'signature-invalid',
      detail: `unsupported proof: ${text(proof['type']) ?? '?'} ${text(proof['cryptosuite']) ?? ''}`.trim(),
    });
    return done('signature');
  }
  try {
    await options.documentLoader(method);
  } catch (error) {
    if (!(error instanceof UnresolvableDocumentError)) throw error;
    checks.push({ check: 'signature', outcome: 'skipped', code: 'issuer-unresolved', detail: method });
    checks.push({ check: 'issuer', outcome: 'failed', code: 'issuer-unresolved', detail: method });
    return done('issuer');
  }
  const { vc, DataIntegrityProof, cryptosuite } = vcLibraries();
  // The dates are the expiry check's business: the libraries judge them at `validFrom`.
  const validFrom = text(credential['validFrom']);
  const signature: VerifyOutcome = await vc
    .verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: options.documentLoader,
      now: validFrom ?? undefined,
      checkStatus: async () => ({ verified: true }),
    })
    .catch((error: Error): VerifyOutcome => ({ verified: false, error: { message: error.message } }));
  // vc's issuance purpose, checked once the signature holds, wants the issuer to be the key's controller:
  // that is the issuer check's finding, not the signature's.
  const purposeOnly = (signature.error?.errors ?? []).every((e) => e.message === ISSUER_MISMATCH);
  if (!signature.verified && !(signature.error?.errors?.length && purposeOnly)) {
    const reason =
      signature.results?.[0]?.error?.message ??
      signature.error?.errors?.[0]?.message ??
      signature.error?.message;
    checks.push({ check: 'signature', outcome: 'failed', code: 'signature-invalid', detail: reason });
    return done('signature');
  }
  checks.push({ check: 'signature', outcome: 'passed', code: 'ok', detail: method });

  // 3. issuer: the key's controller is the credential's issuer
  const controller = method.split('#')[0];
  if (controller !== summary.issuerId) {
    checks.push({ check: 'issuer', outcome: 'failed', code: 'issuer-mismatch', detail: method });
  } else {
    checks.push({ check: 'issuer', outcome: 'passed', code: 'ok', detail: controller });
  }

  // 4. status
  const status = credential['credentialStatus'];
  if (status === undefined) {
    checks.push({ check: 'status', outcome: 'skipped', code: 'no-status' });
  } else {
    const answer = isObject(status) ? await options.readStatus(status) : 'status-unreachable';
    checks.push({ check: 'status', outcome: answer === 'ok' ? 'passed' : 'failed', code: answer });
  }

  // 5. expiry
  const validUntil = text(credential['validUntil']);
  if (validFrom && new Date(validFrom).getTime() > now.getTime()) {
    checks.push({ check: 'expiry', outcome: 'failed', code: 'not-yet-valid' });
  } else if (validUntil && new Date(validUntil).getTime() < now.getTime()) {
    checks.push({ check: 'expiry', outcome: 'failed', code: 'expired' });
  } else {
    checks.push({ check: 'expiry', outcome: 'passed', code: 'ok' });
  }
  return done();
}
