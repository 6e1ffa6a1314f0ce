// ---------------------------------------------------------------- portable credentials (Open Badges 3.0)

/**
 * What a verifier checks of an Open Badges 3.0 credential, in the order it checks them:
 * - `format`: a VC 2.0 `OpenBadgeCredential` that validates against the OB 3.0 JSON schema;
 * - `signature`: its Data Integrity proof (`eddsa-rdfc-2022`) holds over the document as given;
 * - `issuer`: the proof's verification method belongs to the credential's issuer and its key could be
 *   resolved without the network (our own `did:web`, any of its keys past or present, or a `did:key`);
 * - `status`: its Bitstring Status List entry is not set (revoked);
 * - `expiry`: now lies between `validFrom` and `validUntil`.
 */
export const CREDENTIAL_CHECKS = ['format', 'signature', 'issuer', 'status', 'expiry'] as const;
export type CredentialCheckName = (typeof CREDENTIAL_CHECKS)[number];

/** A check that could not be made (an earlier one failed, or the credential has no status) is `skipped`. */
export type CredentialCheckOutcome = 'passed' | 'failed' | 'skipped';

export interface CredentialCheck {
  check: CredentialCheckName;
  outcome: CredentialCheckOutcome;
  /**
   * Why, as a code the interface words in each language: `ok`, `not-json`, `not-a-credential`,
   * `schema-invalid`, `no-proof`, `signature-invalid`, `issuer-unresolved`, `issuer-mismatch`,
   * `revoked`, `status-unreachable`, `no-status`, `not-yet-valid`, `expired`, `earlier-check-failed`.
   */
  code: string;
  /** A detail for the curious (the schema path at fault, the method id): never shown as the reason. */
  detail?: string;
}

/** `POST /api/v1/credentials/verify`, and the credential of a certificate's public verification page. */
export interface CredentialVerification {
  /** Every check passed (a `skipped` status check of a credential without status counts as passed). */
  verified: boolean;
  checks: CredentialCheck[];
  /** What the credential says, read from it whether or not it verified (null where absent). */
  summary: {
    issuerId: string | null;
    issuerName: string | null;
    achievementName: string | null;
    recipientName: string | null;
    validFrom: string | null;
    validUntil: string | null;
  };
}

/** `POST /api/v1/credentials/verify`: the credential as a JSON object (as downloaded). */
export interface VerifyCredentialRequest {
  credential: Record<string, unknown>;
}

/**
 * The coach's portable copies of a certificate (part of `MyCertificate`): the signed credential as JSON,
 * the badge image with the credential baked in, and LinkedIn's "add a certification" link.
 */
export interface MyCredentialLinks {
  /** `application/ld+json` (`.json`), the OpenBadgeCredential as signed. */
  jsonUrl: string;
  /** The badge image, the credential baked in per OB 3.0 (`<openbadges:credential>` in SVG, an iTXt chunk in PNG). */
  svgUrl: string;
  pngUrl: string;
  /** https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&… with the verification page as its URL. */
  linkedInUrl: string;
}
