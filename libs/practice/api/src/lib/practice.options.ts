import type { EvidenceFileKind } from '@tc/shared/contracts';

export interface PracticeOptions {
  /** Where evidence files are kept (`<dir>/<enrolment id>/<sha256>`), apart from public media. */
  evidenceDir: string;
  /** The most a coach may keep in evidence files, all tasks together. */
  quotaBytes: number;
}

export const PRACTICE_OPTIONS = Symbol('PRACTICE_OPTIONS');

/** The default quota: 200 MB per coach. */
export const DEFAULT_EVIDENCE_QUOTA = 200 * 1024 * 1024;

/**
 * The largest file of each kind. Photos are compressed on the device to about 300 kB; 1 MB leaves room
 * for a device that compresses less. Voice notes and PDFs up to 10 MB.
 */
export const MAX_EVIDENCE_BYTES: Record<EvidenceFileKind, number> = {
  photo: 1024 * 1024,
  audio: 10 * 1024 * 1024,
  pdf: 10 * 1024 * 1024,
};

/**
 * What a trainer may keep of voice comments no review holds yet (recorded, uploaded, the review not
 * made): 50 MB, room for a few at the largest. Those a review holds do not count; the others of a
 * round go when it is reviewed.
 */
export const MAX_UNUSED_VOICE_COMMENT_BYTES = 50 * 1024 * 1024;

/** Unfinished uploads are dropped after a day without a byte. */
export const UPLOAD_EXPIRY_MS = 24 * 60 * 60 * 1000;
