import type { SupportContact } from '@tc/shared/contracts';

export const PRIVACY_OPTIONS = Symbol('PRIVACY_OPTIONS');

/** What the privacy domain takes from the configuration (PRIVACY_*, DATA_DIR, EVIDENCE_DIR). */
export interface PrivacyOptions {
  /** Whom to contact about one's personal data. */
  contact: SupportContact;
  /** How long what is no longer needed is kept (PRIVACY_INACTIVE_YEARS and the rest): see RetentionService. */
  retention: RetentionOptions;
  /** The observatory's suppression threshold, quoted by the notice. */
  observatoryK: number;
  /** The operator's notices, `<lang>.md` each (fr, ar, en); null: the web app's default texts. */
  noticeDir: string | null;
  /** Where "download my data" archives are written, under DATA_DIR. */
  exportDir: string;
  /** Where practice evidence files live (EVIDENCE_DIR), to put a person's own in their archive. */
  evidenceDir: string;
  /** The web app's address, for the verify link printed on certificates. */
  publicUrl: string;
  /** Days an archive stays available. */
  exportDays: number;
  /** Days after which a request to be erased is carried out without an admin; null: only by an admin. */
  erasureDelayDays: number | null;
  /**
   * What an erasure does to the person's certificates (PRIVACY_ERASURE_CERTIFICATES): `keep`, they stay
   * valid with the holder erased; `revoke`, they are revoked and verifiers see so.
   */
  erasureCertificates: 'keep' | 'revoke';
}

/** The retention periods the daily run applies (docs/configuration.md). */
export interface RetentionOptions {
  /** Years without activity after which an account is warned, then anonymised; null: never. */
  inactiveYears: number | null;
  /** Days between that warning and the anonymisation. */
  inactiveWarningDays: number;
  /** Years after which raw progress events are dropped; null: kept. */
  progressEventsYears: number | null;
  /** Days after their use or expiry that invitation and password-reset links are deleted. */
  tokensDays: number;
  /** Days after the last failure that a count of failed sign-ins is deleted. */
  signInFailuresDays: number;
  /** Days that finished jobs and dead letters stay in the job queue's tables. */
  jobHistoryDays: number;
}
