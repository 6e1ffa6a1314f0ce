import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AUDIT_ACTIONS,
  AUDIT_SENTENCE_KEYS,
  type AuditEntry,
  auditSentence,
  type Locale,
} from '@tc/shared/contracts';
import { auditWords } from './audit-export.service';
import { AUDIT_WORDS } from './audit-words';

const LOCALES: Locale[] = ['fr', 'ar', 'en'];
const I18N = resolve(__dirname, '../../../../../apps/web/public/i18n');

type Tree = { [key: string]: string | Tree };
function screen(lang: Locale): (key: string) => string | undefined {
  const tree = JSON.parse(readFileSync(resolve(I18N, `${lang}.json`), 'utf8')) as Tree;
  return (key) => {
    const value = key.split('.').reduce<string | Tree | undefined>((t, k) => (t as Tree)?.[k], tree);
    return typeof value === 'string' ? value : undefined;
  };
}

/** The parameters {@link auditSentence} fills: a sentence naming another would show `{{ it }}`. */
const PARAMETERS = new Set([
  'actor',
  'subject',
  'territory',
  'role',
  'previousRole',
  'previousTerritory',
  'cohort',
  'course',
  'parent',
  'previousParent',
  'level',
  'table',
  'format',
  'version',
  'previousVersion',
  'rows',
  'count',
  'enrolled',
  'invitations',
  'failures',
  'minutes',
  'changed',
]);

describe("the audit log's words", () => {
  it.each(LOCALES)('%s: the files say what the screen says (a copy of apps/web/public/i18n)', (lang) => {
    const web = screen(lang);
    const differ = Object.entries(AUDIT_WORDS[lang])
      .filter(([key, text]) => web(key) !== text)
      .map(([key]) => key);
    expect(differ).toEqual([]);
  });

  it.each(LOCALES)('%s: every action has a name and a sentence, on the screen and in the files', (lang) => {
    const web = screen(lang);
    const keys = AUDIT_ACTIONS.flatMap((a) => [`audit.actions.${a}`, `audit.sentences.${a}`]);
    const sentenceKeys = [...keys, ...AUDIT_SENTENCE_KEYS];
    expect(sentenceKeys.filter((key) => web(key) === undefined)).toEqual([]);
    expect(sentenceKeys.filter((key) => AUDIT_WORDS[lang][key] === undefined)).toEqual([]);
  });

  it.each(LOCALES)('%s: sentences use only the parameters the entries fill', (lang) => {
    const unknown = Object.entries(AUDIT_WORDS[lang])
      .filter(([key]) => key.startsWith('audit.sentences.') || key.startsWith('audit.extras.'))
      .flatMap(([key, text]) =>
        [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
          .map((m) => m[1] as string)
          .filter((p) => !PARAMETERS.has(p))
          .map((p) => `${key}: ${p}`),
      );
    expect(unknown).toEqual([]);
  });

  it('writes an entry as a sentence of the file’s language, names as the server gave them', () => {
    const entry: AuditEntry = {
      id: '7',
      actorId: 'a',
      actorName: 'Nadia El Amrani',
      action: 'role.changed',
      subjectType: 'user',
      subjectId: 'b',
      subjectLabel: 'Salma Ouazzani',
      territoryId: 't',
      territoryLabel: 'Berkane',
      details: { role: 'trainer', previousRole: 'coach', previousTerritoryId: 'p', reason: 'Mission' },
      detailLabels: { previousTerritoryId: "L'Oriental" },
      occurredAt: '2026-12-01T10:00:00.000Z',
    };
    expect(auditSentence(entry, auditWords('fr'), false)).toBe(
      "Nadia El Amrani a remplacé, pour Salma Ouazzani, le rôle « Coach » sur L'Oriental par « Formateur·rice » sur Berkane.",
    );
    expect(auditSentence(entry, auditWords('ar'), false)).toBe(
      "تغيير دور Salma Ouazzani من «مدرِّب(ة) ترابي(ة)» في L'Oriental إلى «مكوِّن(ة)» في Berkane، من طرف Nadia El Amrani.",
    );
  });
});
