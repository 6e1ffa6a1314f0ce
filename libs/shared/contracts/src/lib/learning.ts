import type { CredentialVerification, MyCredentialLinks } from './credentials';
import type { CoachCourse } from './catalog';
import type { Locale } from './locale';

export const PROGRESS_EVENT_TYPES = ['started', 'completed'] as const;
export type ProgressEventType = (typeof PROGRESS_EVENT_TYPES)[number];

/** One thing a coach did, recorded in the browser (possibly offline) with its own id. */
export interface ProgressEvent {
  /** Client-generated UUID: the idempotency key. */
  id: string;
  enrolmentId: string;
  lessonKey: string;
  type: ProgressEventType;
  /** ISO 8601, when it happened on the device. */
  occurredAt: string;
}

export interface ProgressBatch {
  events: ProgressEvent[];
}

export const PROGRESS_REJECTIONS = [
  'not_your_enrolment',
  'enrolment_withdrawn',
  'unknown_lesson',
  'in_the_future',
  'before_enrolment',
] as const;
export type ProgressRejection = (typeof PROGRESS_REJECTIONS)[number];

export interface ProgressResult {
  accepted: string[];
  /** Already received before (a replay): changed nothing. */
  duplicates: string[];
  rejected: { id: string; reason: ProgressRejection }[];
}

/** Answers to a quiz: option keys for choice questions, text for short answers. */
export interface QuizAnswers {
  [questionKey: string]: string[] | string;
}

export interface QuizAttemptRequest {
  /** Client-generated UUID, so an attempt sent twice (offline outbox) is graded once. */
  attemptId?: string;
  answers: QuizAnswers;
  /** When the coach answered (offline attempts arrive later). */
  answeredAt?: string;
}

export interface QuizAttemptResult {
  attemptId: string;
  attemptNumber: number;
  score: number;
  maxScore: number;
  /** 0–100, rounded down. */
  percent: number;
  passed: boolean;
  passMark: number;
  /** null: unlimited. */
  attemptsLeft: number | null;
  bestPercent: number;
  questions: {
    key: string;
    correct: boolean;
    /** Only when the trainer allows it and the coach passed or used the last attempt. */
    correctAnswers?: string[];
    feedback?: string[];
    explanation?: string;
  }[];
  /** Whether correct answers are shown in this result. */
  answersRevealed: boolean;
}

export type LessonState = 'not_started' | 'started' | 'completed';

/** `GET /api/v1/enrolments/:id`: the course as this coach follows it. */
export interface LearnerCourse {
  enrolmentId: string;
  cohortName: string;
  status: 'active' | 'withdrawn';
  completedAt: string | null;
  course: CoachCourse;
  requestedLocale: Locale;
  lessons: Record<string, { state: LessonState; lastActivityAt: string | null }>;
  quizzes: Record<
    string,
    { attempts: number; bestPercent: number | null; passed: boolean; attemptsLeft: number | null }
  >;
  /** Module key → due date (YYYY-MM-DD) or null. */
  deadlines: Record<string, string | null>;
  /** The first lesson not completed (quizzes: not passed), or null when all are. */
  nextLessonKey: string | null;
  lessonsDone: number;
  lessonsTotal: number;
}

// ---------------------------------------------------------------- certificates

/**
 * `GET /api/v1/certificates/:code` (public): the least a verifier needs. The name, course and territory
 * are what was true when the certificate was issued (or last re-issued), not what the accounts say now.
 */
export interface CertificateVerification {
  code: string;
  status: 'valid' | 'revoked';
  holderName: string;
  courseTitle: Partial<Record<Locale, string>>;
  courseVersion: number;
  issuedAt: string;
  territoryName: Record<Locale, string>;
  /** When a trainer last re-issued it (its statement brought up to date); null if never. */
  reissuedAt: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  /** The certificate's Open Badges 3.0 credential verified on the server as a third party would (null for one issued before credentials). */
  credential: CredentialVerification | null;
}

/** The coach's own certificate (`GET /api/v1/enrolments/:id/certificate`). */
export interface MyCertificate {
  code: string;
  issuedAt: string;
  status: 'valid' | 'revoked';
  /** Public page anyone can open to verify it. */
  verifyUrl: string;
  /** The PDF, in the coach's language (`?locale=` to choose). */
  pdfUrl: string;
  /** The same certificate as a signed Open Badges 3.0 credential (null for one issued before credentials). */
  credential: MyCredentialLinks | null;
}

export interface RevokeCertificateRequest {
  reason: string;
}

// ---------------------------------------------------------------- self-assessment (DigComp 2.2)

export type AssessmentPhase = 'start' | 'end';

export interface ProficiencyLevel {
  level: number;
  name: Record<Locale, string>;
  description: Record<Locale, string>;
}

/** `GET /api/v1/enrolments/:id/self-assessment` */
export interface SelfAssessment {
  /** The DigComp competences the course covers, to rate. */
  competences: { code: string; title: Record<Locale, string> }[];
  levels: ProficiencyLevel[];
  /** Competence code → level (1–8); absent when skipped. */
  start: Record<string, number>;
  end: Record<string, number>;
  /** The end rating opens when the course is completed. */
  endAvailable: boolean;
}

/** `PUT /api/v1/enrolments/:id/self-assessment/:phase`: ratings to keep (an empty object skips). */
export interface SelfAssessmentRequest {
  ratings: Record<string, number>;
}
