// The field log: the organisations a coach accompanies into the digital market, their digital-maturity
// checks, the coach's visits and the milestones the organisations reach. Coaches write it (often on a
// phone, offline, through the outbox: every record carries a client-made id, so a resend is the same
// record); the coach's trainers and the admins of the territory read it and comment; the observatory
// sees only counts (`ImpactReport`).

// ---------------------------------------------------------------- reference lists

export const ORGANISATION_KINDS = ['cooperative', 'association', 'young-enterprise'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_SECTORS = [
  'agri-food',
  'argan',
  'crafts',
  'textiles',
  'tourism',
  'services',
  'digital',
  'other',
] as const;
export type OrganisationSector = (typeof ORGANISATION_SECTORS)[number];

/** The dimensions of the digital-maturity check, in the order screens show them. */
export const MATURITY_DIMENSIONS = [
  'presence',
  'selling',
  'payment',
  'management',
  'communication',
  'governance',
] as const;
export type MaturityDimension = (typeof MATURITY_DIMENSIONS)[number];

/**
 * The check's items: two per dimension, each answered 0–3 against plain descriptors (texts in the web's
 * i18n, `fieldwork.maturity.items.<id>.levels.<0..3>`). The ids are stable: stored answers are keyed
 * on them.
 */
export const MATURITY_ITEMS = [
  { id: 'online-profile', dimension: 'presence' },
  { id: 'findable', dimension: 'presence' },
  { id: 'sells-online', dimension: 'selling' },
  { id: 'marketplaces', dimension: 'selling' },
  { id: 'accepts-digital-payment', dimension: 'payment' },
  { id: 'uses-mobile-money', dimension: 'payment' },
  { id: 'digital-accounts', dimension: 'management' },
  { id: 'stock-and-members', dimension: 'management' },
  { id: 'social-media', dimension: 'communication' },
  { id: 'customer-messaging', dimension: 'communication' },
  { id: 'meetings-and-decisions', dimension: 'governance' },
  { id: 'shared-documents', dimension: 'governance' },
] as const satisfies readonly { id: string; dimension: MaturityDimension }[];
export type MaturityItemId = (typeof MATURITY_ITEMS)[number]['id'];
export type MaturityLevel = 0 | 1 | 2 | 3;

/** Every item answered: item id → 0..3. */
export type MaturityAnswers = Record<MaturityItemId, MaturityLevel>;

/** Scores out of 100 (whole numbers): per dimension, the sum of its items over 3 × their number; overall, all items. */
export interface MaturityScores {
  overall: number;
  dimensions: Record<MaturityDimension, number>;
}

/** The scores of a complete set of answers (the server's and the offline screen's one rule). */
export function maturityScores(answers: MaturityAnswers): MaturityScores {
  const pct = (levels: number[]) =>
    Math.round((levels.reduce((a, b) => a + b, 0) / (3 * levels.length)) * 100);
  const dimensions = Object.fromEntries(
    MATURITY_DIMENSIONS.map((d) => [
      d,
      pct(MATURITY_ITEMS.filter((i) => i.dimension === d).map((i) => answers[i.id])),
    ]),
  ) as Record<MaturityDimension, number>;
  return { overall: pct(MATURITY_ITEMS.map((i) => answers[i.id])), dimensions };
}

export const MILESTONE_KINDS = [
  'social-media-page',
  'whatsapp-business-catalogue',
  'marketplace-listing',
  'first-online-order',
  'digital-payment-accepted',
  'website-live',
  'digital-bookkeeping',
  'digital-members-register',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const VISIT_MODES = ['on-site', 'remote'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];

// ---------------------------------------------------------------- organisations

/** How the reader stands to an organisation. */
export type OrganisationAccess = 'owner' | 'shared' | 'supervisor';

export interface CoachRef {
  id: string;
  name: string;
}

/**
 * An organisation a coach accompanies. No person's name, phone or address: the coach keeps in touch by
 * their own means. For a young entrepreneur's business (`young-enterprise`, whose record is about one
 * person) the coach notes that the entrepreneur agreed to be recorded (`consentNotedAt`).
 */
export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  sector: OrganisationSector;
  /** A commune or province of the territory tree. */
  territoryId: string;
  /** Its name in the reader's language, with its province when a commune ("Saïdia, Berkane"). */
  territoryName: string;
  foundedYear: number | null;
  members: number | null;
  womenMembers: number | null;
  womenLed: boolean;
  youthLed: boolean;
  consentNotedAt: string | null;
  /** The coach who registered it. */
  coach: CoachRef;
  /** The other coaches it is shared with. */
  sharedWith: CoachRef[];
  access: OrganisationAccess;
  /** The first and latest checks' overall scores (null without a check). */
  firstScore: number | null;
  latestScore: number | null;
  visits: number;
  milestones: number;
  /** The last visit's date (YYYY-MM-DD), or null. */
  lastVisitOn: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A new organisation, or the whole of an edited one (PUT). `id` is made by the client (UUID). */
export interface SaveOrganisationRequest {
  id: string;
  name: string;
  kind: OrganisationKind;
  sector: OrganisationSector;
  territoryId: string;
  foundedYear?: number | null;
  members?: number | null;
  womenMembers?: number | null;
  womenLed: boolean;
  youthLed: boolean;
  /** Required true for a young entrepreneur's business: they agreed to be recorded. */
  consent?: boolean;
}

/** Another coach's organisation of the same name (letter case, accents and spaces aside) in the same commune. */
export interface LikelyDuplicate {
  id: string;
  name: string;
  territoryName: string;
  coach: CoachRef;
  /** Whether the reader has already asked its coach to share it. */
  requested: boolean;
}

/** The answer to a registration: the organisation, and the likely duplicates to warn of (none: empty). */
export interface SavedOrganisation {
  organisation: Organisation;
  likelyDuplicates: LikelyDuplicate[];
}

export interface OrganisationList {
  items: Organisation[];
}

export interface OrganisationsQuery {
  /** For supervisors: one coach's field log (their own and those shared with them). */
  coachId?: string;
}

/** A coach's ask to share an organisation they found as a likely duplicate; its coach grants or ignores it. */
export interface ShareRequest {
  coach: CoachRef;
  requestedAt: string;
}

/** The owner shares with a coach (one who asked, or any coach of the organisation's territory, by e-mail). */
export interface ShareOrganisationRequest {
  coachId?: string;
  email?: string;
}

// ---------------------------------------------------------------- checks, visits, milestones, comments

export interface MaturityCheck {
  id: string;
  organisationId: string;
  /** YYYY-MM-DD. */
  takenOn: string;
  answers: MaturityAnswers;
  scores: MaturityScores;
  by: CoachRef;
  createdAt: string;
}

export interface CreateMaturityCheckRequest {
  id: string;
  takenOn: string;
  answers: MaturityAnswers;
}

/** A lesson of one of the coach's courses, applied during a visit. */
export interface AppliedLesson {
  courseId: string;
  lessonKey: string;
  /** Its title when recorded, in the language the coach read it in. */
  title: string;
}

export interface Visit {
  id: string;
  organisationId: string;
  /** YYYY-MM-DD. */
  visitedOn: string;
  minutes: number;
  mode: VisitMode;
  /** DigComp 2.2 competence codes worked on ("3.1"). */
  competences: string[];
  lessons: AppliedLesson[];
  notes: string;
  nextSteps: string;
  by: CoachRef;
  createdAt: string;
}

export interface SaveVisitRequest {
  id: string;
  visitedOn: string;
  minutes: number;
  mode: VisitMode;
  competences: string[];
  lessons: AppliedLesson[];
  notes?: string;
  nextSteps?: string;
}

/** A milestone is reached once per organisation: recording a reached kind again is a conflict. */
export interface Milestone {
  id: string;
  organisationId: string;
  kind: MilestoneKind;
  /** YYYY-MM-DD. */
  reachedOn: string;
  /** Optional evidence: a public address (the shop, the page) and/or a short note. */
  evidenceUrl: string | null;
  evidenceNote: string | null;
  by: CoachRef;
  createdAt: string;
}

export interface CreateMilestoneRequest {
  id: string;
  kind: MilestoneKind;
  reachedOn: string;
  evidenceUrl?: string | null;
  evidenceNote?: string | null;
}

/** A supervisor's (or the coach's own) comment on an organisation's log, or on one of its visits. */
export interface FieldComment {
  id: string;
  organisationId: string;
  visitId: string | null;
  author: CoachRef;
  authorRole: 'coach' | 'trainer' | 'admin';
  body: string;
  createdAt: string;
}

export interface CreateFieldCommentRequest {
  id: string;
  visitId?: string | null;
  body: string;
}

/** One organisation's whole log, newest first in each list. */
export interface OrganisationLog {
  organisation: Organisation;
  checks: MaturityCheck[];
  visits: Visit[];
  milestones: Milestone[];
  comments: FieldComment[];
  /** For its coach: the coaches who asked to share it. Empty for everyone else. */
  shareRequests: ShareRequest[];
}

/** A coach a trainer or admin supervises, with the size of their field log. */
export interface SupervisedCoach {
  coach: CoachRef;
  organisations: number;
  visits: number;
  milestones: number;
  lastVisitOn: string | null;
}

export interface SupervisedCoachList {
  items: SupervisedCoach[];
}

// ---------------------------------------------------------------- the observatory's impact view

export interface ImpactQuery {
  territoryId?: string;
  /** YYYY-MM, inclusive. */
  from?: string;
  to?: string;
  sector?: OrganisationSector;
  kind?: OrganisationKind;
  womenLed?: boolean;
}

/**
 * Counts of one slice. A count from 1 to k − 1 is null (hidden), as are medians of hidden counts; see
 * the completion views' suppression rules, which apply unchanged.
 */
export interface ImpactCounts {
  /** Organisations registered in the window. */
  organisations: number | null;
  visits: number | null;
  milestones: number | null;
  /** Organisations with at least two checks (their gain is counted). */
  checked: number | null;
  /** Median of (latest − first overall score) over those organisations; null when hidden or none. */
  medianGain: number | null;
}

export interface ImpactRow {
  /** A territory id, a sector, a kind, a month (YYYY-MM), 'true'/'false' for women-led. */
  key: string;
  /** The territory's name in the requested language; the key itself for the other dimensions. */
  label: string;
  counts: ImpactCounts;
}

/** Milestones reached, by kind. */
export interface ImpactMilestoneRow {
  kind: MilestoneKind;
  reached: number | null;
}

/**
 * Learning to impact: the organisations of coaches who have completed at least one course, beside those
 * of coaches who have not yet.
 */
export interface LearningToImpact {
  trained: ImpactCounts;
  notYetTrained: ImpactCounts;
}

export interface ImpactReport {
  territory: { id: string; name: string; path: { id: string; name: string }[] };
  k: number;
  totals: ImpactCounts;
  byTerritory: ImpactRow[];
  bySector: ImpactRow[];
  byKind: ImpactRow[];
  byMonth: ImpactRow[];
  byWomenLed: ImpactRow[];
  milestones: ImpactMilestoneRow[];
  learningToImpact: LearningToImpact;
  /** When the rollups were last folded. */
  asOf: string;
}
