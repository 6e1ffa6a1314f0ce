/**
 * The tables and views that have no TypeORM entity, with the domain that owns each: the rest of the
 * ownership map comes from `@Entity('name')` in each `libs/<domain>/api`. sql-ownership.spec.ts checks
 * that this list and the entities together name every table and view the migrations create, and
 * nothing they do not.
 *
 * `public`: a read surface the owner publishes for the other domains (a view of the columns they may
 * rely on). Others may read it (FROM, JOIN); writing to it, or referring to it in DDL, is still
 * another domain's business.
 */
export interface DeclaredTable {
  name: string;
  owner: string;
  kind: 'table' | 'view';
  public?: true;
}

export const DECLARED_TABLES: DeclaredTable[] = [
  // The DigComp reference frame the catalog tags lessons with (CreateCatalog).
  { name: 'digcomp_areas', owner: 'catalog', kind: 'table' },
  { name: 'digcomp_competences', owner: 'catalog', kind: 'table' },

  // The observatory's rollups, kept by its triggers and its fold (CreateObservatoryRollups,
  // CreateCohortAllTimeRollups, CreateCohortColumnSummary, AppendCountDeltas).
  ...[
    'obs_enrolment_facts',
    'obs_funnel',
    'obs_funnel_monthly',
    'obs_funnel_all',
    'obs_cohort_funnel',
    'obs_cohort_funnel_all',
    'obs_completion_days',
    'obs_completion_days_all',
    'obs_cohort_completion_days',
    'obs_cohort_completion_days_all',
    'obs_lesson_stats',
    'obs_self_assessment',
    'obs_assessment_pairs',
    'obs_settings',
    'obs_cohort_column_summary',
    'obs_fact_deltas',
    'obs_lesson_stat_deltas',
    'obs_self_assessment_deltas',
  ].map((name): DeclaredTable => ({ name, owner: 'observatory', kind: 'table' })),
  // The cohort progress counters' pending moves, without a key, so no entity (AppendCountDeltas).
  { name: 'cohort_progress_counter_deltas', owner: 'cohorts', kind: 'table' },

  // The owners' read surfaces for the other domains (CreateDomainReadViews).
  { name: 'territory_tree', owner: 'territories', kind: 'view', public: true },
  { name: 'user_directory', owner: 'identity', kind: 'view', public: true },
  { name: 'published_versions', owner: 'catalog', kind: 'view', public: true },
  { name: 'cohort_directory', owner: 'cohorts', kind: 'view', public: true },
  // Running enrolments by territory, for identity's warning before a coach role goes
  // (CreateEnrolmentDirectoryView).
  { name: 'enrolment_directory', owner: 'cohorts', kind: 'view', public: true },

  // Field practice: evidence, rounds handed in, reviews (CreatePractice); read and written with SQL only.
  ...[
    'practice_evidence_files',
    'practice_submissions',
    'practice_submission_files',
    'practice_reviews',
    'practice_voice_comments',
  ].map((name): DeclaredTable => ({ name, owner: 'practice', kind: 'table' })),
  // Its counts for the observatory, folded from deltas, and their read surface (CreatePracticeCounts).
  { name: 'practice_count_deltas', owner: 'practice', kind: 'table' },
  { name: 'practice_counts', owner: 'practice', kind: 'table' },
  { name: 'practice_cohort_counts', owner: 'practice', kind: 'view', public: true },
  // Days from hand-in to review per cohort, folded from deltas, and their read surface
  // (CreatePracticeReviewDays).
  { name: 'practice_review_day_deltas', owner: 'practice', kind: 'table' },
  { name: 'practice_review_days', owner: 'practice', kind: 'table' },
  { name: 'practice_cohort_review_days', owner: 'practice', kind: 'view', public: true },
  // What people are told (CreateNotifications); read and written with SQL only.
  { name: 'notifications', owner: 'notifications', kind: 'table' },
  // pg-boss's own schema, installed by CreateNotifications: its tables are created as `pgboss.<table>`,
  // which the migration scan reads as `pgboss`. Only the notifications domain's JobQueue (through
  // pg-boss) touches them.
  { name: 'pgboss', owner: 'notifications', kind: 'table' },
  // A cohort's announcements and who opened them (CreateAnnouncements); read and written with SQL only.
  { name: 'announcements', owner: 'conversation', kind: 'table' },
  { name: 'announcement_reads', owner: 'conversation', kind: 'table' },
  // A cohort's threads, their posts and the reports on them (CreateThreads); SQL only. The view is the
  // observatory's read surface: threads per cohort by hours to a trainer's first reply.
  { name: 'threads', owner: 'conversation', kind: 'table' },
  { name: 'thread_posts', owner: 'conversation', kind: 'table' },
  { name: 'thread_post_reports', owner: 'conversation', kind: 'table' },
  { name: 'thread_cohort_reply_hours', owner: 'conversation', kind: 'view', public: true },
  // Each person's notification settings, and what the e-mail channel sent: one row per notification,
  // one per daily digest (CreateNotificationSettingsAndEmails); read and written with SQL only.
  { name: 'notification_settings', owner: 'notifications', kind: 'table' },
  { name: 'notification_emails', owner: 'notifications', kind: 'table' },
  { name: 'notification_digests', owner: 'notifications', kind: 'table' },
  // A trainer's nudges to late coaches, and whom each told (AddRemindersAndNudges); SQL only.
  { name: 'nudges', owner: 'conversation', kind: 'table' },
  { name: 'nudge_recipients', owner: 'conversation', kind: 'table' },
  // Web Push: the VAPID key pair, each person's browsers, what was pushed to each
  // (CreatePushSubscriptions); read and written with SQL only.
  { name: 'push_vapid_keys', owner: 'notifications', kind: 'table' },
  { name: 'push_subscriptions', owner: 'notifications', kind: 'table' },
  { name: 'push_deliveries', owner: 'notifications', kind: 'table' },
  // The field log: organisations, their shares and share requests, checks, visits, milestones and
  // comments (CreateFieldLog); read and written with SQL only.
  ...[
    'field_organisations',
    'field_organisation_coaches',
    'field_share_requests',
    'field_checks',
    'field_visits',
    'field_milestones',
    'field_comments',
  ].map((name): DeclaredTable => ({ name, owner: 'fieldwork', kind: 'table' })),
  // The field log's impact counts, folded from deltas, and their read surfaces (CreateImpactRollups).
  ...[
    'field_impact_facts',
    'field_impact_deltas',
    'field_impact_counts',
    'field_impact_milestones',
    'field_impact_coaches',
    'field_impact_folded',
  ].map((name): DeclaredTable => ({ name, owner: 'fieldwork', kind: 'table' })),
  ...['field_impact_month_counts', 'field_impact_milestone_counts', 'field_impact_as_of'].map(
    (name): DeclaredTable => ({ name, owner: 'fieldwork', kind: 'view', public: true }),
  ),
  // The courses a coach has completed, for the impact view's trained flag (CreateImpactRollups).
  { name: 'coach_course_completions', owner: 'cohorts', kind: 'view', public: true },
  // "Download my data" requests and their archives (CreatePrivacyDataExports); SQL only.
  { name: 'privacy_data_exports', owner: 'privacy', kind: 'table' },
  // Who asked to be erased, and when an admin erased them (CreatePrivacyErasureRequests); SQL only.
  { name: 'privacy_erasure_requests', owner: 'privacy', kind: 'table' },
  // Consents given and withdrawn, with the words shown (CreateConsentRecords): every domain appends
  // through recordConsent of the audit lib, as it writes the audit log; SQL only.
  { name: 'consent_records', owner: 'audit', kind: 'table' },
  // Accounts warned that they will be anonymised for want of activity (CreatePrivacyRetention); SQL only.
  { name: 'privacy_inactivity_warnings', owner: 'privacy', kind: 'table' },
  // Portable credentials: the issuer's keys, the status lists, the signed credentials
  // (CreateCredentials); read and written with SQL only.
  ...['credential_issuer_keys', 'credential_status_lists', 'issued_credentials'].map(
    (name): DeclaredTable => ({ name, owner: 'credentials', kind: 'table' }),
  ),
];
