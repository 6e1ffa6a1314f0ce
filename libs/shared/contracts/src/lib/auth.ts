import type { Me } from './users';

export interface SignInRequest {
  email: string;
  password: string;
}

/** Answer of sign-in, refresh and link acceptance. The refresh token travels only in an httpOnly cookie. */
export interface Session {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  me: Me;
}

/**
 * invitation: a new account's first password; password_reset: a new password; enrolment: an existing
 * account invited into a cohort, accepted by signing in (such a link never sets a password).
 */
export type ActionTokenPurpose = 'invitation' | 'password_reset' | 'enrolment';

/** `GET /api/v1/auth/links/:token`: what the accept page shows before the person acts on the link. */
export interface ActionLinkInfo {
  purpose: ActionTokenPurpose;
  email: string;
  /** Empty for an enrolment link: whoever holds the link is not told the account's name. */
  displayName: string;
  expiresAt: string;
}

export interface AcceptLinkRequest {
  token: string;
  password: string;
}

export interface PasswordResetRequest {
  email: string;
}

export const PASSWORD_MIN_LENGTH = 10;
