/**
 * Whom people can contact about the platform, as its operator configured it (`SUPPORT_EMAIL`,
 * `SUPPORT_PHONE`); `null` where nothing is configured.
 */
export interface SupportContact {
  email: string | null;
  phone: string | null;
}

/** `GET /api/v1/help`: what the help page says that depends on this deployment (public). */
export interface HelpInfo {
  contact: SupportContact;
  /** The observatory's suppression threshold k: counts from 1 to k − 1 are shown as "< k". */
  observatoryK: number;
}
