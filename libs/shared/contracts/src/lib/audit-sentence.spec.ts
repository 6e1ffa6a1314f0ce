import type { AuditEntry } from './audit';
import { auditSentence, type AuditTranslate } from './audit-sentence';

/** A lookup that shows what it was asked: `key{name=value,…}`. */
const echo: AuditTranslate = (key, params = {}) =>
  `${key}{${Object.entries(params)
    .filter(([name]) => ['actor', 'subject', 'territory', 'role', 'cohort', 'changed', 'id'].includes(name))
    .map(([name, value]) => `${name}=${value}`)
    .join(',')}}`;

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: '1',
  actorId: 'a',
  actorName: 'Nadia',
  action: 'role.granted',
  subjectType: 'user',
  subjectId: '0123456789abcdef',
  subjectLabel: 'Salma',
  territoryId: 't',
  territoryLabel: 'Berkane',
  details: { role: 'coach' },
  detailLabels: {},
  occurredAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('auditSentence', () => {
  it('isolates each name (a French name in an Arabic sentence keeps its punctuation); a file cell does not', () => {
    const t: AuditTranslate = (key, p = {}) =>
      key === 'roles.coach' ? 'Coach' : `${p['actor']} → ${p['subject']}`;
    expect(auditSentence(entry({}), t)).toBe('\u2068Nadia\u2069 → \u2068Salma\u2069');
    expect(auditSentence(entry({}), t, false)).toBe('Nadia → Salma');
  });

  it('says the platform did it when nobody did, and shows a short id for a subject with no name', () => {
    const s = auditSentence(entry({ actorId: null, actorName: null, subjectLabel: null }), echo, false);
    expect(s).toContain('actor=audit.platform{}');
    expect(s).toContain('subject=audit.unnamed{id=01234567}');
    // A certificate's id is its code, the name it is known by.
    expect(
      auditSentence(
        entry({
          action: 'certificate.revoked',
          subjectType: 'certificate',
          subjectId: 'AB12',
          subjectLabel: null,
        }),
        echo,
        false,
      ),
    ).toContain('subject=AB12');
  });

  it('names the role, the cohort of a grant through an enrolment, and a removed join code apart', () => {
    const viaEnrolment = auditSentence(
      entry({
        details: { role: 'coach', via: 'enrolment', cohortId: 'c' },
        detailLabels: { cohortId: 'Oujda' },
      }),
      echo,
      false,
    );
    expect(viaEnrolment).toMatch(
      /^audit\.sentences\.role\.granted\{.*role=roles\.coach\{\}.*\} audit\.extras\.viaEnrolment\{.*cohort=Oujda/,
    );
    expect(
      auditSentence(entry({ action: 'cohort.join-code-changed', details: { enabled: false } }), echo, false),
    ).toMatch(/^audit\.sentences\.cohort\.join-code-removed\{/);
    expect(
      auditSentence(entry({ action: 'cohort.join-code-changed', details: { enabled: true } }), echo, false),
    ).toMatch(/^audit\.sentences\.cohort\.join-code-changed\{/);
  });

  it("lists a territory's changed fields in words", () => {
    const s = auditSentence(
      entry({
        action: 'territory.updated',
        details: { changed: ['name.fr', 'code'], code: 'MA-BER-1', previousCode: null },
      }),
      echo,
      false,
    );
    expect(s).toContain('changed=audit.fields.name.fr{}, audit.fields.code{}');
  });
});
