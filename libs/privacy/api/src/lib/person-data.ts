/**
 * Every column of the schema that ties a row to a person, and how a person's rows are found from it:
 * the register "download my data" reads (and erasure will read). The right of access covers every
 * table by law, so this domain reads the others' tables itself, from this list only: the list is the
 * one place that says what a person's data is, and person-data.spec (on PostgreSQL and PGlite) fails
 * when the schema has a person-keyed column it does not name — a foreign key to users(id) or to
 * enrolments(id), or a uuid column named for a person (`coach_id`, `actor_id`, `*_by`…) — or when it
 * names one the schema no longer has.
 *
 * `reach` says how the column leads to the person:
 * - `self`: it holds their user id;
 * - `enrolment`: it holds one of their enrolments' ids;
 * - `submission`: it holds one of their practice submissions' ids;
 * - `email`: it holds their e-mail address (sign-in failures are counted by address);
 * - `audit-subject`: an audit entry whose subject is their account (`subject_type = 'user'`).
 *
 * `omit` drops columns from the archive: secrets (password and token hashes, a browser's push keys),
 * and, where the person is the actor rather than the subject (a trainer's invitations), other people's
 * names and addresses, which are theirs to ask for, not this person's.
 */
export type PersonReach = 'self' | 'enrolment' | 'submission' | 'email' | 'audit-subject';

export interface PersonColumn {
  table: string;
  column: string;
  /** The domain that owns the table. */
  domain: string;
  reach: PersonReach;
  /** What these rows are, in the archive's own words. */
  about: string;
  omit?: readonly string[];
}

export const PERSON_COLUMNS: readonly PersonColumn[] = [
  // identity
  {
    table: 'users',
    column: 'id',
    domain: 'identity',
    reach: 'self',
    about: 'Your account and profile',
    omit: ['password_hash'],
  },
  {
    table: 'role_assignments',
    column: 'user_id',
    domain: 'identity',
    reach: 'self',
    about: 'Your roles and the territories they cover',
  },
  {
    table: 'role_assignments',
    column: 'created_by',
    domain: 'identity',
    reach: 'self',
    about: 'Roles you granted (as an admin)',
  },
  {
    table: 'refresh_tokens',
    column: 'user_id',
    domain: 'identity',
    reach: 'self',
    about: 'Your sign-in sessions (without their secrets)',
    omit: ['token_hash'],
  },
  {
    table: 'action_tokens',
    column: 'user_id',
    domain: 'identity',
    reach: 'self',
    about: 'Links sent to you (invitation, password reset), without their secrets',
    omit: ['token_hash'],
  },
  {
    table: 'action_tokens',
    column: 'created_by',
    domain: 'identity',
    reach: 'self',
    about: 'Links you had sent to others (as an admin)',
    omit: ['token_hash', 'user_id'],
  },
  {
    table: 'sign_in_failures',
    column: 'email',
    domain: 'identity',
    reach: 'email',
    about: 'Failed sign-ins counted against your address',
  },
  // audit
  {
    table: 'audit_log',
    column: 'actor_id',
    domain: 'audit',
    reach: 'self',
    about: 'Audited changes you made',
  },
  {
    table: 'audit_log',
    column: 'subject_id',
    domain: 'audit',
    reach: 'audit-subject',
    about: 'Audited changes made to your account',
  },
  // catalog
  {
    table: 'courses',
    column: 'owner_id',
    domain: 'catalog',
    reach: 'self',
    about: 'Courses you own (as an author)',
  },
  {
    table: 'course_co_authors',
    column: 'user_id',
    domain: 'catalog',
    reach: 'self',
    about: 'Courses you co-author',
  },
  {
    table: 'course_versions',
    column: 'published_by',
    domain: 'catalog',
    reach: 'self',
    about: 'Course versions you published',
  },
  {
    table: 'media',
    column: 'uploaded_by',
    domain: 'catalog',
    reach: 'self',
    about: 'Course media you uploaded (their descriptions)',
  },
  // cohorts
  { table: 'cohorts', column: 'created_by', domain: 'cohorts', reach: 'self', about: 'Cohorts you created' },
  {
    table: 'cohort_trainers',
    column: 'user_id',
    domain: 'cohorts',
    reach: 'self',
    about: 'Cohorts you run as a trainer',
  },
  {
    table: 'enrolments',
    column: 'user_id',
    domain: 'cohorts',
    reach: 'self',
    about: 'Your enrolments in cohorts',
  },
  {
    table: 'enrolment_invitations',
    column: 'user_id',
    domain: 'cohorts',
    reach: 'self',
    about: 'Your invitations to cohorts',
  },
  {
    table: 'enrolment_invitations',
    column: 'invited_by',
    domain: 'cohorts',
    reach: 'self',
    about: 'Invitations you sent (without the invitees’ names and addresses)',
    omit: ['email', 'name', 'user_id', 'action_token_id'],
  },
  // learning
  {
    table: 'progress_events',
    column: 'enrolment_id',
    domain: 'learning',
    reach: 'enrolment',
    about: 'Your progress events (lessons opened and completed)',
  },
  {
    table: 'lesson_progress',
    column: 'enrolment_id',
    domain: 'learning',
    reach: 'enrolment',
    about: 'Your progress per lesson',
  },
  {
    table: 'quiz_attempts',
    column: 'enrolment_id',
    domain: 'learning',
    reach: 'enrolment',
    about: 'Your quiz attempts, answers and scores',
  },
  {
    table: 'self_assessments',
    column: 'enrolment_id',
    domain: 'learning',
    reach: 'enrolment',
    about: 'Your DigComp self-assessments',
  },
  {
    table: 'certificates',
    column: 'enrolment_id',
    domain: 'learning',
    reach: 'enrolment',
    about: 'Your certificates (the PDFs are in certificates/)',
  },
  {
    table: 'certificates',
    column: 'revoked_by',
    domain: 'learning',
    reach: 'self',
    about: 'Certificates you revoked (as a trainer or admin), without their holders’ names',
    omit: ['holder_name'],
  },
  // observatory: a person's facts behind the aggregates (never shown one by one)
  {
    table: 'obs_enrolment_facts',
    column: 'enrolment_id',
    domain: 'observatory',
    reach: 'enrolment',
    about: 'What the observatory counts of your enrolments (shown only in aggregates)',
  },
  {
    table: 'obs_assessment_pairs',
    column: 'enrolment_id',
    domain: 'observatory',
    reach: 'enrolment',
    about: 'Your first and last self-assessments as the observatory pairs them (aggregates only)',
  },
  // practice
  {
    table: 'practice_evidence_files',
    column: 'coach_id',
    domain: 'practice',
    reach: 'self',
    about: 'Files you handed in (the files are in evidence/)',
  },
  {
    table: 'practice_evidence_files',
    column: 'enrolment_id',
    domain: 'practice',
    reach: 'enrolment',
    about: 'Files handed in under your enrolments',
  },
  {
    table: 'practice_submissions',
    column: 'coach_id',
    domain: 'practice',
    reach: 'self',
    about: 'Practical tasks you handed in',
  },
  {
    table: 'practice_submissions',
    column: 'enrolment_id',
    domain: 'practice',
    reach: 'enrolment',
    about: 'Practical tasks handed in under your enrolments',
  },
  {
    table: 'practice_submission_files',
    column: 'submission_id',
    domain: 'practice',
    reach: 'submission',
    about: 'Which files each of your hand-ins holds',
  },
  {
    table: 'practice_reviews',
    column: 'submission_id',
    domain: 'practice',
    reach: 'submission',
    about: 'Reviews of your practical tasks',
  },
  {
    table: 'practice_reviews',
    column: 'reviewer_id',
    domain: 'practice',
    reach: 'self',
    about: 'Reviews you wrote (as a trainer)',
  },
  {
    table: 'practice_voice_comments',
    column: 'submission_id',
    domain: 'practice',
    reach: 'submission',
    about: 'Voice comments on your practical tasks (their descriptions)',
  },
  {
    table: 'practice_voice_comments',
    column: 'trainer_id',
    domain: 'practice',
    reach: 'self',
    about: 'Voice comments you recorded (as a trainer; their descriptions)',
  },
  // conversation
  {
    table: 'announcements',
    column: 'author_id',
    domain: 'conversation',
    reach: 'self',
    about: 'Announcements you posted',
  },
  {
    table: 'announcement_reads',
    column: 'user_id',
    domain: 'conversation',
    reach: 'self',
    about: 'Announcements you opened',
  },
  {
    table: 'threads',
    column: 'author_id',
    domain: 'conversation',
    reach: 'self',
    about: 'Questions you asked',
  },
  {
    table: 'thread_posts',
    column: 'author_id',
    domain: 'conversation',
    reach: 'self',
    about: 'Your posts in discussions',
  },
  {
    table: 'thread_post_reports',
    column: 'user_id',
    domain: 'conversation',
    reach: 'self',
    about: 'Posts you reported',
  },
  {
    table: 'nudges',
    column: 'trainer_id',
    domain: 'conversation',
    reach: 'self',
    about: 'Nudges you sent (as a trainer)',
  },
  {
    table: 'nudge_recipients',
    column: 'enrolment_id',
    domain: 'conversation',
    reach: 'enrolment',
    about: 'Nudges you received',
  },
  // notifications
  {
    table: 'notifications',
    column: 'recipient_id',
    domain: 'notifications',
    reach: 'self',
    about: 'Your notifications',
  },
  {
    table: 'notification_settings',
    column: 'user_id',
    domain: 'notifications',
    reach: 'self',
    about: 'Your notification settings',
  },
  {
    table: 'notification_emails',
    column: 'recipient_id',
    domain: 'notifications',
    reach: 'self',
    about: 'E-mails sent to you about notifications',
  },
  {
    table: 'notification_digests',
    column: 'recipient_id',
    domain: 'notifications',
    reach: 'self',
    about: 'Daily digests sent to you',
  },
  {
    table: 'push_subscriptions',
    column: 'recipient_id',
    domain: 'notifications',
    reach: 'self',
    about: 'Browsers you allowed to receive notifications (without their keys)',
    omit: ['p256dh', 'auth'],
  },
  // fieldwork
  {
    table: 'field_organisations',
    column: 'owner_id',
    domain: 'fieldwork',
    reach: 'self',
    about: 'Organisations you registered in your field log',
  },
  {
    table: 'field_organisation_coaches',
    column: 'coach_id',
    domain: 'fieldwork',
    reach: 'self',
    about: 'Organisations in your field log (yours and shared with you)',
  },
  {
    table: 'field_share_requests',
    column: 'coach_id',
    domain: 'fieldwork',
    reach: 'self',
    about: 'Field-log shares you asked for',
  },
  {
    table: 'field_checks',
    column: 'coach_id',
    domain: 'fieldwork',
    reach: 'self',
    about: 'Digital-maturity checks you recorded',
  },
  {
    table: 'field_visits',
    column: 'coach_id',
    domain: 'fieldwork',
    reach: 'self',
    about: 'Visits you recorded',
  },
  {
    table: 'field_milestones',
    column: 'coach_id',
    domain: 'fieldwork',
    reach: 'self',
    about: 'Milestones you recorded',
  },
  {
    table: 'field_comments',
    column: 'author_id',
    domain: 'fieldwork',
    reach: 'self',
    about: 'Comments you wrote on field logs',
  },
  {
    table: 'field_impact_facts',
    column: 'owner_id',
    domain: 'fieldwork',
    reach: 'self',
    about: 'What the impact view counts of your organisations (aggregates only)',
  },
  {
    table: 'field_impact_deltas',
    column: 'owner_id',
    domain: 'fieldwork',
    reach: 'self',
    about: 'Pending changes to those counts',
  },
  {
    table: 'field_impact_coaches',
    column: 'coach_id',
    domain: 'fieldwork',
    reach: 'self',
    about: 'Your place in the impact view’s counts of coaches',
  },
  // privacy
  {
    table: 'privacy_data_exports',
    column: 'user_id',
    domain: 'privacy',
    reach: 'self',
    about: 'Your requests to download your data',
  },
  {
    table: 'privacy_erasure_requests',
    column: 'user_id',
    domain: 'privacy',
    reach: 'self',
    about: 'Your request to be erased',
  },
  {
    table: 'privacy_erasure_requests',
    column: 'erased_by',
    domain: 'privacy',
    reach: 'self',
    about: 'Erasures you confirmed (as an admin)',
  },
  // consents (the audit domain keeps them for every domain)
  {
    table: 'consent_records',
    column: 'user_id',
    domain: 'audit',
    reach: 'self',
    about: 'Your consents given and withdrawn, with the words you were shown',
  },
  {
    table: 'consent_records',
    column: 'recorded_by',
    domain: 'audit',
    reach: 'self',
    about: 'Consents you recorded (yours, and the entrepreneurs’ you noted as a coach)',
  },
  {
    table: 'privacy_inactivity_warnings',
    column: 'user_id',
    domain: 'privacy',
    reach: 'self',
    about: 'The warning that your account would be anonymised for want of activity',
  },
];

/** Columns the schema check finds that tie a row to no person, and why (none is exported). */
export const NOT_PERSON_COLUMNS: readonly { table: string; column: string; why: string }[] = [];

/**
 * A column "named for a person", beyond the foreign keys: the schema check lists every uuid column so
 * named, so a new table that records a person's id without a foreign key (as the audit log and the
 * practice tables do) cannot be left out of the archive by accident.
 */
export const PERSON_COLUMN_NAME =
  /^(user|actor|author|coach|trainer|reviewer|recipient|owner|holder|learner|person|member|invited|revoked|created|uploaded|published)(_id|_by)?$|_by$/;
