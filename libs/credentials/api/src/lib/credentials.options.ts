export const CREDENTIALS_OPTIONS = Symbol('CREDENTIALS_OPTIONS');

export interface CredentialsModuleOptions {
  /** The address people open: the issuer's `did:web`, the status lists' and the verify page's URLs. */
  publicUrl: string;
  /**
   * The 32 bytes (base64) that seal the issuer keys' secret halves (CREDENTIAL_KEY_SECRET). Null: read
   * from `keySecretFile`, created there on first start (0600); both null: a fresh one per process
   * (throwaway test databases only).
   */
  keySecret: string | null;
  keySecretFile: string | null;
  /** Say once, at start, that the secret lives in a file beside the data (PostgreSQL outside production). */
  warnAboutFile: boolean;
}

export interface ResolvedCredentialsOptions {
  publicUrl: string;
  keySecret: Buffer;
}
