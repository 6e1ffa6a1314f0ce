/**
 * Every code a problem of the API can carry, at the top (`ProblemDetails.code`, the last segment of its
 * `type`) or on a field at fault (`FieldError.code`): listed once, so that the server can emit no other
 * and the web has a text for each in every language (`problems.codes.<code>`, checked by a spec). A
 * code names what is wrong, never where: the field's path says where.
 */
export const PROBLEM_CODES = [
  // Any status without a more precise code (the slug of its title).
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'conflict',
  'gone',
  'payload-too-large',
  'uri-too-long',
  'unsupported-media-type',
  'unprocessable-content',
  'too-many-requests',
  'internal-server-error',
  'service-unavailable',
  'error',
  'internal',
  'database-unavailable',
  // A request's shape: class-validator's rules and the pipe's own checks.
  'validation',
  'required',
  'unknown-field',
  'not-text',
  'not-integer',
  'not-number',
  'not-boolean',
  'not-list',
  'not-object',
  'body-not-object',
  'too-short',
  'too-long',
  'too-small',
  'too-large',
  'out-of-range',
  'too-few-items',
  'too-many-items',
  'too-many-values',
  'too-many-keys',
  'key-too-long',
  'too-deep',
  'duplicate-items',
  'not-allowed',
  'invalid-email',
  'invalid-uuid',
  'invalid-url',
  'invalid-date',
  'invalid-month',
  'invalid-format',
  'invalid-slug',
  'invalid-key',
  'invalid-competence',
  'invalid-cursor',
  'notification-unknown',
  'invalid-version',
  'invalid-path',
  'invalid-body',
  'no-visible-character',
  'hidden-characters',
  'nul-character',
  'invalid-unicode',
  'invalid',
  // Sign-in and links.
  'too-many-attempts',
  'link-expired',
  'link-unknown',
  'link-needs-sign-in',
  'link-other-account',
  'password-is-email',
  // People and territories.
  'user-exists',
  'account-exists',
  'account-outranks-you',
  'own-admin-role',
  'own-account',
  'role-held',
  'outside-scope',
  'territory-not-found',
  'territory-unknown',
  'territory-root-move',
  'territory-cycle',
  'territory-level',
  'territory-code-iso',
  'territory-code-taken',
  // Courses.
  'course-slug-taken',
  'slug-taken',
  'course-archived',
  'course-locales',
  'locales-without-default',
  'co-author-unknown',
  'module-not-found',
  'module-unknown',
  'lesson-kind',
  'lesson-without-media',
  'lesson-without-quiz',
  'lesson-without-task',
  'reorder-mismatch',
  'import-invalid',
  'duplicate-key',
  'unknown-competence',
  'publish-invalid',
  'publish-unchanged',
  'title-missing',
  'module-title-missing',
  'module-empty',
  'no-module',
  'lesson-title-missing',
  'lesson-text-missing',
  'lesson-media-missing',
  'video-url-missing',
  'transcript-missing',
  'cover-missing',
  'file-not-uploaded',
  'quiz-empty',
  'question-prompt-missing',
  'accepted-answer-missing',
  'correct-option-missing',
  'one-correct-option',
  'options-too-few',
  'option-text-missing',
  'task-missing',
  'task-instructions-missing',
  'task-no-criterion',
  'criterion-title-missing',
  'levels-too-few',
  'level-title-missing',
  'level-points-equal',
  'pass-points-out-of-range',
  'evidence-none-required',
  'evidence-kind-twice',
  'evidence-out-of-range',
  // Files.
  'media-missing',
  'media-multipart',
  'media-empty',
  'media-type',
  'media-too-large',
  'media-pdf-active-content',
  'media-no-variants',
  // Cohorts and enrolment.
  'cohort-invalid',
  'cohort-closed',
  'cohort-deadlines',
  'version-unknown',
  'version-same',
  'end-before-start',
  'status-change',
  'trainer-required',
  'deadline-either',
  'deadline-duplicate',
  'not-trainer-of-territory',
  'join-code-unknown',
  'invitation-gone',
  'csv-expected',
  'csv-invalid',
  'csv-unreadable',
  'csv-empty',
  'csv-column-missing',
  'csv-too-many-rows',
  'duplicate-in-file',
  'territory-code-unknown',
  // Learning.
  'enrolment-withdrawn',
  'attempts-exhausted',
  'quiz-already-passed',
  'attempt-in-future',
  'attempt-before-enrolment',
  'question-unknown',
  'answer-invalid',
  'assessment-too-early',
  'competence-not-covered',
  'certificate-unknown',
  'certificate-revoked',
  // Observatory.
  'invalid-filter',
  'months-reversed',
  'course-not-in-territory',
  'course-needed',
  // Practice.
  'task-unknown',
  'evidence-kind',
  'evidence-quota',
  'evidence-location',
  'evidence-unknown',
  'evidence-in-use',
  'submission-waiting',
  'task-passed',
  'submission-not-waiting',
  'criterion-unknown',
  'criterion-missing',
  'level-unknown',
  'points-below-pass',
  'voice-comment-unknown',
  'voice-comment-quota',
  // Conversation.
  'announcement-empty',
  'announcement-locale',
  'announcement-unknown',
  'thread-unknown',
  'thread-post-unknown',
  'thread-lesson-unknown',
  'thread-locked',
  'post-id-taken',
  'thread-answer-opening',
  'post-edit-window-closed',
  'post-not-own',
  'post-deleted',
  'post-already-reported',
  // Field log.
  'field-record-id-taken',
  'field-record-not-own',
  'territory-not-coached',
  'consent-required',
  'women-above-members',
  'date-in-future',
  'date-too-early',
  'milestone-already-reached',
  'visit-unknown',
  'lesson-not-enrolled',
  'share-coach-or-email',
  'share-target-not-coach',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * What a code's text is filled with (`{ max: 200 }`, `{ allowed: ['fr', 'ar', 'en'] }`, `{ locale: 'fr' }`):
 * numbers, plain words and lists of words, never a sentence. A parameter named `locale` holds a language
 * code the web shows by its name.
 */
export type ProblemParams = Record<string, string | number | string[]>;

/** A code and what fills its text: enough for a client to say the problem in its reader's language. */
export interface CodedProblem {
  code: ProblemCode;
  params?: ProblemParams;
}

/** One field at fault in a request, by its JSON pointer-ish path (`email`, `name.fr`, `rows[3].email`). */
export interface FieldError extends CodedProblem {
  field: string;
  /** What is wrong, in English (for API clients and logs; screens say `code` in their language). */
  message: string;
}

/** RFC 9457 problem details, as every error of the API is shaped. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  /** What went wrong, as a stable code (the last segment of `type`); `params` fill its text. */
  code: ProblemCode;
  params?: ProblemParams;
  detail?: string;
  instance?: string;
  /** Present on validation problems (400/422). */
  errors?: FieldError[];
  /** Request id, to find the log line. */
  requestId?: string;
}
