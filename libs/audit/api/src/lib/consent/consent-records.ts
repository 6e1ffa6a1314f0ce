import type { EntityManager } from 'typeorm';
import { isLocale, type ConsentPurpose, type ConsentRecord, type Locale } from '@tc/shared/contracts';
import { transactionQuery } from '@tc/shared/api';
import { consentWordingKey, currentConsentWording } from './consent-wordings';

/** Whose consent: a person's own (their user id) or a young entrepreneur's (their organisation's id). */
export type ConsentSubject = { userId: string } | { organisationId: string };

/** One consent given or withdrawn, as the domain where it happens states it. */
export interface ConsentChange {
  subject: ConsentSubject;
  purpose: ConsentPurpose;
  given: boolean;
  /** Who recorded it: the person themselves, or the coach who noted an entrepreneur's word. */
  recordedBy: string;
  /** The language the wording was shown in; by default the recorder's preferred language. */
  language?: Locale;
}

interface ConsentRow {
  purpose: ConsentPurpose;
  given: boolean;
  wording_key: string;
  wording_version: number;
  wording_text: string;
  language: Locale;
  recorded_at: Date;
}

/**
 * Appends one consent record with the caller's manager (like writeAudit: inside the transaction of the
 * change it grounds or ends, so both commit or neither). The wording stored is the canonical text of
 * the version in force, in the language it was shown in, looked up here: a client names no words.
 * The history is append-only: a withdrawal is a new row, the consent given stays on record.
 */
export async function recordConsent(manager: EntityManager, change: ConsentChange): Promise<void> {
  let language = change.language;
  if (!language) {
    const [reader] = await transactionQuery<{ language: string }>(
      manager,
      `SELECT language FROM user_directory WHERE id = $1`,
      [change.recordedBy],
    );
    language = isLocale(reader?.language) ? reader.language : 'fr';
  }
  const wording = currentConsentWording(change.purpose);
  await transactionQuery(
    manager,
    `INSERT INTO consent_records (user_id, organisation_id, purpose, given, wording_key, wording_version,
            wording_text, language, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      'userId' in change.subject ? change.subject.userId : null,
      'organisationId' in change.subject ? change.subject.organisationId : null,
      change.purpose,
      change.given,
      consentWordingKey(change.purpose),
      wording.version,
      wording.text[language],
      language,
      change.recordedBy,
    ],
  );
}

/** A subject's consent history, newest first (for one purpose only, with `purpose`). */
export async function consentHistory(
  manager: EntityManager,
  subject: ConsentSubject,
  purpose?: ConsentPurpose,
): Promise<ConsentRecord[]> {
  const [column, id] =
    'userId' in subject ? ['user_id', subject.userId] : ['organisation_id', subject.organisationId];
  const rows = await transactionQuery<ConsentRow>(
    manager,
    `SELECT purpose, given, wording_key, wording_version, wording_text, language, recorded_at
       FROM consent_records WHERE ${column} = $1 AND ($2::text IS NULL OR purpose = $2)
      ORDER BY recorded_at DESC, id DESC`,
    [id, purpose ?? null],
  );
  return rows.map((r) => ({
    purpose: r.purpose,
    given: r.given,
    wordingKey: r.wording_key,
    wordingVersion: r.wording_version,
    wordingText: r.wording_text,
    language: r.language,
    recordedAt: new Date(r.recorded_at).toISOString(),
  }));
}

/** Whether the subject's latest record for the purpose is a consent given. */
export async function consentGiven(
  manager: EntityManager,
  subject: ConsentSubject,
  purpose: ConsentPurpose,
): Promise<boolean> {
  const [latest] = await consentHistory(manager, subject, purpose);
  return latest?.given ?? false;
}
