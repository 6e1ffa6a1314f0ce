import {
  CREDENTIAL_CHECKS,
  type CredentialCheck,
  type CredentialCheckName,
  type CredentialVerification,
} from '@tc/shared/contracts';

/** For specs: a verification whose checks all passed, with `changes` applied to the named checks. */
export function verification(
  changes: Partial<Record<CredentialCheckName, Omit<CredentialCheck, 'check'>>> = {},
): CredentialVerification {
  const checks = CREDENTIAL_CHECKS.map((check): CredentialCheck => ({
    check,
    outcome: 'passed',
    code: 'ok',
    ...changes[check],
  }));
  return {
    verified: checks.every((c) => c.outcome === 'passed'),
    checks,
    summary: {
      issuerId: 'did:web:127.0.0.1%3A3416',
      issuerName: 'Territoires connectés',
      achievementName: 'Le numérique au service des territoires',
      recipientName: 'Salma Ouazzani',
      validFrom: '2026-12-07T09:00:00.000Z',
      validUntil: null,
    },
  };
}

/** The text of an element with its blanks squashed. */
export const squash = (el: Element | null | undefined): string =>
  el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
