import type { SupportContact } from '@tc/shared/contracts';

export const PRIVACY_OPTIONS = Symbol('PRIVACY_OPTIONS');

/** What the privacy domain takes from the configuration (PRIVACY_*, DATA_DIR, EVIDENCE_DIR). */
export interface PrivacyOptions {
  /** Whom to contact about one's personal data. */
  contact: SupportContact;
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
}
