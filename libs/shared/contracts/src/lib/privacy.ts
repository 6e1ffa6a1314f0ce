import type { SupportContact } from './help';
import type { LocalizedName } from './locale';
import type { RoleAssignment } from './roles';

/**
 * `GET /api/v1/privacy?lang=`: what the privacy page takes from this deployment (public). The page's
 * text is the web app's own file per language unless the operator gave one (`PRIVACY_NOTICE_DIR`).
 */
export interface PrivacyInfo {
  /** Whom to contact about one's personal data (`PRIVACY_CONTACT_EMAIL`, else the support contact). */
  contact: SupportContact;
  /** The observatory's suppression threshold k: counts from 1 to k − 1 are shown as "< k". */
  observatoryK: number;
  /** Days a "download my data" archive stays available before it is deleted. */
  exportDays: number;
  /** The operator's notice in the language asked for (markdown); null: the app's default text. */
  notice: string | null;
}

/** Where a "download my data" archive stands. */
export const DATA_EXPORT_STATUSES = ['pending', 'ready', 'failed', 'expired'] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];

/** `POST /api/v1/me/data-exports`: asking for the archive says so (a deliberate act, not a stray POST). */
export interface DataExportRequest {
  confirm: 'export';
}

/** `POST /api/v1/me/erasure-request`: asking to be erased says so. */
export interface ErasureAsk {
  confirm: 'erase';
}

/** One "download my data" request of the signed-in person. */
export interface DataExport {
  /** @format uuid */
  id: string;
  status: DataExportStatus;
  /** @format date-time */
  requestedAt: string;
  /** @format date-time */
  readyAt: string | null;
  /** When the archive is deleted (ready ones); its link stops working then. @format date-time */
  expiresAt: string | null;
  /** The archive's size in bytes (ready ones). */
  bytes: number | null;
  /** `GET` this (signed in) for the ZIP while it is ready; null otherwise. */
  archiveUrl: string | null;
}

/** `GET /api/v1/me/data-exports`: the person's requests, newest first. */
export interface DataExportList {
  items: DataExport[];
}

/** `POST /api/v1/me/erasure-request`: the person's request to be erased, and whether it was done. */
export interface ErasureRequest {
  /** @format date-time */
  requestedAt: string;
  /** @format date-time */
  erasedAt: string | null;
}

/** `GET /api/v1/me/erasure-request`: the person's request to be erased, if they made one. */
export interface MyErasureRequest {
  request: ErasureRequest | null;
}

/** `POST /api/v1/admin/users/:id/erase`: what the erasure changed, domain by domain (rows). */
export interface ErasureResult {
  /** @format uuid */
  userId: string;
  /** @format date-time */
  erasedAt: string;
  changed: Record<string, number>;
}

/** Where a request to be erased stands: waiting for an admin (or the delay), or carried out. */
export const ERASURE_REQUEST_STATUSES = ['pending', 'done'] as const;
export type ErasureRequestStatus = (typeof ERASURE_REQUEST_STATUSES)[number];

/** `GET /api/v1/admin/erasure-requests`: which requests, one page at a time. */
export interface ListErasureRequestsQuery {
  /** Default `pending`. */
  status?: ErasureRequestStatus;
  /** One person's request only (the user detail page). @format uuid */
  userId?: string;
  page?: number;
  pageSize?: number;
}

/** One person's request to be erased, as an admin whose territories cover all their roles sees it. */
export interface AdminErasureRequest {
  /** @format uuid */
  userId: string;
  /** Their name and address until the erasure, then the erased placeholders. */
  displayName: string;
  email: string;
  /** Their roles (none once erased: the erasure deletes them). */
  roles: RoleAssignment[];
  /** Their home territory, if any. @format uuid */
  territoryId: string | null;
  territoryName: LocalizedName | null;
  /** @format date-time */
  requestedAt: string;
  /** When it is carried out without an admin (`PRIVACY_ERASURE_DELAY_DAYS`); null: only by an admin. @format date-time */
  dueAt: string | null;
  /** @format date-time */
  erasedAt: string | null;
  /** Carried out by an admin (false: by the delay); null while pending. */
  erasedByAdmin: boolean | null;
}

/** `GET /api/v1/admin/erasure-requests`: oldest request first (pending), newest erasure first (done). */
export interface AdminErasureRequestList {
  items: AdminErasureRequest[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * What a person may consent to, where consent is the legal basis: their optional demographics (gender,
 * year of birth), Web Push on their browsers, e-mail digests, and (noted by their coach) a young
 * entrepreneur's record in a field log.
 */
export const CONSENT_PURPOSES = ['demographics', 'push', 'digest', 'entrepreneur-record'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/** The purposes a signed-in person consents to for themselves (the entrepreneur's is noted by a coach). */
export const OWN_CONSENT_PURPOSES = ['demographics', 'push', 'digest'] as const;
export type OwnConsentPurpose = (typeof OWN_CONSENT_PURPOSES)[number];

/** One entry of the consent history: given or withdrawn, when, with the words the person was shown. */
export interface ConsentRecord {
  purpose: ConsentPurpose;
  given: boolean;
  /** The wording's i18n key (`consents.wording.<purpose>`) and version. */
  wordingKey: string;
  wordingVersion: number;
  /** The wording exactly as shown, in the language it was shown in. */
  wordingText: string;
  language: 'fr' | 'ar' | 'en';
  /** @format date-time */
  recordedAt: string;
}

/** Where one purpose stands for the person: its latest record (null: never asked). */
export interface ConsentState {
  purpose: OwnConsentPurpose;
  given: boolean;
  latest: ConsentRecord | null;
}

/** `GET /api/v1/me/consents`: each purpose's current state, and the whole history, newest first. */
export interface MyConsents {
  current: ConsentState[];
  history: ConsentRecord[];
}
