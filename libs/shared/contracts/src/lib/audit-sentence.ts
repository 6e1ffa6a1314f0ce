import type { AuditEntry } from './audit';

/** A translation lookup: a key of the web's i18n files (`roles.coach`) and what fills its `{{ name }}`s. */
export type AuditTranslate = (key: string, params?: Record<string, string | number>) => string;

/** First strong isolate … pop directional isolate: a name keeps its own direction inside a sentence. */
const isolated = (text: string) => `\u2068${text}\u2069`;

/**
 * Every i18n key {@link auditSentence} may read besides `audit.sentences.<action>`: the screen's files
 * hold them, and the export's copy of them is checked against these files.
 */
export const AUDIT_SENTENCE_KEYS = [
  'audit.platform',
  'audit.unnamed',
  'audit.none',
  'audit.extras.viaEnrolment',
  'audit.extras.viaInvitation',
  'audit.fields.name.fr',
  'audit.fields.name.ar',
  'audit.fields.name.en',
  'audit.fields.code',
  'audit.tables.completion',
  'audit.tables.competences',
  'audit.sentences.cohort.join-code-removed',
  'roles.admin',
  'roles.trainer',
  'roles.coach',
  'roles.observer',
  'territories.level.root',
  'territories.level.country',
  'territories.level.region',
  'territories.level.province',
  'territories.level.commune',
] as const;

/**
 * An audit entry as one sentence in the reader's language ("Nadia El Amrani a retiré à Salma Ouazzani
 * le rôle « Coach » sur Berkane."), from `audit.sentences.<action>` and what the entry names: the actor,
 * the subject, the territory and the subjects its details refer to, by the names the server gave, never
 * by id. Names are wrapped in Unicode isolates (`isolate`, the default) so that a French name keeps its
 * punctuation in an Arabic sentence; a spreadsheet cell is written without them. The reason an admin
 * gave is not part of it (shown apart).
 */
export function auditSentence(entry: AuditEntry, t: AuditTranslate, isolate = true): string {
  const name = (text: string) => (isolate ? isolated(text) : text);
  const d = entry.details;
  const text = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : null);
  const count = (key: string) => (typeof d[key] === 'number' ? (d[key] as number) : 0);
  const label = (key: string) => entry.detailLabels[key] ?? null;
  const unnamed = (id: string | null) => t('audit.unnamed', { id: (id ?? '').slice(0, 8) });
  const role = (key: string) => (text(key) ? t(`roles.${text(key)}`) : t('audit.none'));
  const changed = Array.isArray(d['changed']) ? (d['changed'] as unknown[]).map(String) : [];
  const params: Record<string, string | number> = {
    actor: name(entry.actorName ?? t('audit.platform')),
    subject: name(
      entry.subjectLabel ??
        (entry.subjectType === 'certificate' ? entry.subjectId : unnamed(entry.subjectId)),
    ),
    territory: name(
      entry.territoryLabel ?? (entry.territoryId ? unnamed(entry.territoryId) : t('audit.none')),
    ),
    role: role('role'),
    previousRole: role('previousRole'),
    previousTerritory: name(label('previousTerritoryId') ?? unnamed(text('previousTerritoryId'))),
    cohort: name(label('cohortId') ?? unnamed(text('cohortId'))),
    course: name(label('courseId') ?? unnamed(text('courseId'))),
    parent: name(label('parentId') ?? unnamed(text('parentId'))),
    previousParent: name(label('previousParentId') ?? unnamed(text('previousParentId'))),
    level: text('level') ? t(`territories.level.${text('level')}`) : t('audit.none'),
    table: text('table') ? t(`audit.tables.${text('table')}`) : t('audit.none'),
    format: (text('format') ?? '').toUpperCase(),
    version: count('version'),
    previousVersion: count('previousVersion'),
    rows: count('rows'),
    count: count('count'),
    enrolled: count('enrolled'),
    invitations: count('invitations'),
    failures: count('failures'),
    minutes: Math.ceil(count('seconds') / 60),
    changed: changed
      .map((field) =>
        field === 'code'
          ? t('audit.fields.code', {
              previousCode: name(text('previousCode') ?? t('audit.none')),
              code: name(text('code') ?? t('audit.none')),
            })
          : t(`audit.fields.${field}`),
      )
      .join(', '),
  };
  const key =
    entry.action === 'cohort.join-code-changed' && d['enabled'] === false
      ? 'audit.sentences.cohort.join-code-removed'
      : `audit.sentences.${entry.action}`;
  const sentence = t(key, params);
  const via =
    d['via'] === 'enrolment'
      ? t('audit.extras.viaEnrolment', params)
      : d['via'] === 'invitation'
        ? t('audit.extras.viaInvitation', params)
        : '';
  return via ? `${sentence} ${via}` : sentence;
}
