/**
 * What stays of one domain naming another's tables in SQL, and why. sql-ownership.spec.ts reports
 * every other reference it finds in the libraries; an entry here that no longer matches anything
 * fails it too (delete the entry).
 */
export interface AllowedReference {
  /** The files it covers, from the repository root; a folder ends with '/'. */
  files: string[];
  /** The other domains' tables and views these files may name; '*' for any. */
  tables: string[] | '*';
  reason: string;
}

export const ALLOWED: AllowedReference[] = [
  {
    files: ['libs/observatory/api/src/lib/rollups/rollup-triggers.ts'],
    tables: ['enrolments', 'lesson_progress', 'certificates', 'self_assessments', 'users', 'cohorts'],
    reason:
      'The rollups are kept exact by triggers on the source tables, in the writing transaction (docs/architecture.md, ' +
      'Observatory: decisions). This file states those triggers and functions as the migrations created them, the text ' +
      'the next migration copies; the app never runs it.',
  },
  {
    files: ['libs/observatory/api/src/lib/testing/recount.ts'],
    tables: ['enrolments', 'cohorts', 'users', 'lesson_progress', 'certificates', 'self_assessments'],
    reason:
      "The specs' oracle: the rollups recounted from the source tables, to prove the triggers exact. Exported from " +
      '@tc/observatory/api/testing only, which the app does not import.',
  },
  {
    files: ['libs/privacy/api/src/lib/person-rows.ts'],
    tables: ['enrolments', 'practice_submissions'],
    reason:
      "The right of access spans every domain's tables by law: the register (person-data.ts) names each column that " +
      "ties a row to a person, and these reach a person's rows through their enrolments and practice submissions. The " +
      'tables themselves are named by the register, which person-data.spec holds to the schema, not in SQL text.',
  },
  {
    files: ['libs/privacy/api/src/lib/erasure.service.ts'],
    tables: [
      'action_tokens',
      'announcement_reads',
      'certificates',
      'enrolment_invitations',
      'enrolments',
      'field_comments',
      'field_visits',
      'issued_credentials',
      'notification_digests',
      'notification_emails',
      'notification_settings',
      'notifications',
      'practice_evidence_files',
      'practice_reviews',
      'practice_submission_files',
      'practice_submissions',
      'practice_voice_comments',
      'push_subscriptions',
      'quiz_attempts',
      'refresh_tokens',
      'role_assignments',
      'sign_in_failures',
      'thread_post_reports',
      'thread_posts',
      'threads',
      'users',
    ],
    reason:
      "The right to erasure spans every domain's tables by law: one step per domain, each in its own transaction, " +
      "removes or blanks the person's rows there (person-data.ts says which columns hold a person; erasure.spec scans " +
      'every text column and the data folder for what is left). Asking each domain for its own erase function is the ' +
      'better shape, left for when the domains grow one.',
  },
  {
    files: ['libs/privacy/api/src/lib/retention.service.ts'],
    tables: ['action_tokens', 'pgboss', 'progress_events', 'refresh_tokens', 'sign_in_failures', 'users'],
    reason:
      'Storage limitation spans the domains as erasure does: the daily retention run reads when each account was ' +
      "last used (identity's sessions and links), deletes expired links, old sign-in failure counts, raw progress " +
      "events past their years (learning's append-only trigger lets only this run's transactions through) and the " +
      "job queue's finished jobs. Each domain offering its own purge is the better shape, left for when they grow one.",
  },
  {
    files: ['libs/privacy/api/src/lib/consent/consents.service.ts'],
    tables: ['notification_settings', 'push_subscriptions', 'users'],
    reason:
      'Withdrawing a consent ends at once what it grounded, in the transaction that records the withdrawal: a ' +
      "person's demographics (identity), push subscriptions and digests (notifications) — the right to withdraw " +
      'consent, answered where the other rights over personal data are, as erasure does.',
  },
  {
    files: ['libs/demo/api/src/'],
    tables: '*',
    reason:
      'Not a domain (scope:demo, which no domain imports): demo data and the synthetic population of the benchmarks, ' +
      "written set-based into every domain's tables outside production.",
  },
];

/**
 * Where SQL names other domains' tables outside the libraries, which the check does not scan, and why
 * that stays. The spec checks that these paths exist.
 */
export const NOT_SCANNED: { path: string; reason: string }[] = [
  {
    path: 'apps/api/src/migrations/',
    reason:
      "The schema's history, every domain's tables in one database: foreign keys across domains (REFERENCES users, " +
      "territories, course_versions), the observatory's rollup triggers on enrolments, lesson_progress, certificates, " +
      'self_assessments, users and cohorts, and the views the owners publish (CreateDomainReadViews).',
  },
  {
    path: 'apps/api/src/integration/',
    reason: 'Specs set up and inspect any table, as a test of the whole app does.',
  },
  {
    path: 'tools/bench/',
    reason: 'The benchmarks compare the rollups with naive GROUP BYs over the raw events of every domain.',
  },
];
