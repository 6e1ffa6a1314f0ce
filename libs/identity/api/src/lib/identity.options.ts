/** What the identity domain needs from the app's validated configuration. */
export interface IdentityOptions {
  jwtSecret: string;
  /** Seconds; 900 (15 min) by default. */
  accessTokenTtl: number;
  /** Seconds a refresh token lives when unused. */
  refreshTokenTtl: number;
  /** Base URL people open links at (`https://academy.example.org`). */
  publicUrl: string;
  /** `smtp://user:pass@host:587`; when absent, links are shown to the admin and logged. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Send cookies only over HTTPS. */
  secureCookies: boolean;
  invitationTtlHours: number;
  passwordResetTtlMinutes: number;
  signInLimits: {
    perAccount: number;
    perIp: number;
    windowSeconds: number;
    /** Redis shared by every API process; null: counted in this process's memory (one process). */
    redis: { url: string; keyPrefix: string } | null;
  };
  /** A refresh-token family unused for `idleSeconds`, or begun `absoluteSeconds` ago, is over. */
  sessionTimeouts: { idleSeconds: number; absoluteSeconds: number };
  /** After `afterFailures` wrong passwords in a row: locked `baseSeconds`, doubled per lockout up to `maxSeconds`. */
  signInLockout: { afterFailures: number; baseSeconds: number; maxSeconds: number };
}

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');
