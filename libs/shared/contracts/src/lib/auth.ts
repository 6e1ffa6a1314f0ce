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

export type ActionTokenPurpose = 'invitation' | 'password_reset';

/** `GET /api/v1/auth/links/:token`: what the accept page shows before the person sets a password. */
export interface ActionLinkInfo {
  purpose: ActionTokenPurpose;
  email: string;
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
