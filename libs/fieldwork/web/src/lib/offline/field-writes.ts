import {
  type CoachRef,
  type CreateFieldCommentRequest,
  type CreateMaturityCheckRequest,
  type CreateMilestoneRequest,
  type FieldComment,
  type Organisation,
  type OrganisationLog,
  type ProblemDetails,
  type SaveOrganisationRequest,
  type SaveVisitRequest,
  type ShareOrganisationRequest,
  maturityScores,
} from '@tc/shared/contracts';

/** One write of the field log, as the API takes it. */
export type FieldWrite =
  | { kind: 'save-organisation'; body: SaveOrganisationRequest; territoryName: string }
  | { kind: 'delete-organisation' }
  | { kind: 'create-check'; body: CreateMaturityCheckRequest }
  | { kind: 'save-visit'; body: SaveVisitRequest }
  | { kind: 'delete-visit'; visitId: string }
  | { kind: 'create-milestone'; body: CreateMilestoneRequest }
  | { kind: 'delete-milestone'; milestoneId: string }
  | { kind: 'create-comment'; body: CreateFieldCommentRequest; authorRole?: FieldComment['authorRole'] }
  | { kind: 'ask-to-share' }
  | { kind: 'share'; body: ShareOrganisationRequest }
  | { kind: 'unshare'; coachId: string };

/**
 * A write made on this device and not yet taken by the server. Its records carry the ids the device
 * made, so sending it twice is one record. `problem` is set when the server refused it: it stays
 * (nothing the coach wrote is lost) until they fix it or discard it, and the later writes of the
 * same organisation wait behind it.
 */
export interface PendingWrite {
  writeId: string;
  /** Who wrote it: only their session sends it. */
  userId: string;
  /** The writer as the log shows them. */
  by: CoachRef;
  organisationId: string;
  write: FieldWrite;
  queuedAt: string;
  /** Orders writes queued within one millisecond. */
  seq: number;
  attempts: number;
  problem: ProblemDetails | null;
}

/** The organisations with a write waiting (refused ones included). */
export function waitingOrganisations(writes: readonly PendingWrite[]): Set<string> {
  return new Set(writes.map((w) => w.organisationId));
}

/**
 * The writes to send now, in order: every write waiting, except those of an organisation whose earlier
 * write was refused (a check must not reach the server before its organisation does).
 */
export function sendable(writes: readonly PendingWrite[]): PendingWrite[] {
  const blocked = new Set<string>();
  const out: PendingWrite[] = [];
  for (const w of writes) {
    if (w.problem) blocked.add(w.organisationId);
    else if (!blocked.has(w.organisationId)) out.push(w);
  }
  return out;
}

function organisationOf(
  w: PendingWrite & { write: { kind: 'save-organisation' } },
  old?: Organisation,
): Organisation {
  const b = w.write.body;
  return {
    coach: w.by,
    sharedWith: [],
    access: 'owner',
    firstScore: null,
    latestScore: null,
    visits: 0,
    milestones: 0,
    lastVisitOn: null,
    createdAt: w.queuedAt,
    consentNotedAt: null,
    ...old,
    id: b.id,
    name: b.name,
    kind: b.kind,
    sector: b.sector,
    territoryId: b.territoryId,
    territoryName: w.write.territoryName || old?.territoryName || '',
    foundedYear: b.foundedYear ?? null,
    members: b.members ?? null,
    womenMembers: b.womenMembers ?? null,
    womenLed: b.womenLed,
    youthLed: b.youthLed,
    updatedAt: w.queuedAt,
  };
}

const later = (a: string | null, b: string) => (a && a > b ? a : b);

/**
 * The list as the coach sees it on this device: the copy last read, with their writes still waiting
 * applied (a new organisation at the top, counts and latest score moved on).
 */
export function withWaitingList(
  items: readonly Organisation[],
  writes: readonly PendingWrite[],
): Organisation[] {
  let list = [...items];
  const checkedOn = new Map<string, string>();
  for (const w of writes) {
    const i = list.findIndex((o) => o.id === w.organisationId);
    const org = i >= 0 ? list[i] : undefined;
    const put = (next: Organisation) => (i >= 0 ? (list[i] = next) : undefined);
    switch (w.write.kind) {
      case 'save-organisation':
        if (org) put(organisationOf(w as never, org));
        else list = [organisationOf(w as never), ...list];
        break;
      case 'delete-organisation':
        list = list.filter((o) => o.id !== w.organisationId);
        break;
      case 'create-check':
        if (org) {
          const overall = maturityScores(w.write.body.answers).overall;
          const on = w.write.body.takenOn;
          const newest = !checkedOn.has(org.id) || on >= (checkedOn.get(org.id) ?? '');
          checkedOn.set(org.id, later(checkedOn.get(org.id) ?? null, on));
          put({
            ...org,
            firstScore: org.firstScore ?? overall,
            latestScore: newest ? overall : org.latestScore,
          });
        }
        break;
      case 'save-visit':
        if (org)
          put({
            ...org,
            visits: org.visits + 1,
            lastVisitOn: later(org.lastVisitOn, w.write.body.visitedOn),
          });
        break;
      case 'create-milestone':
        if (org) put({ ...org, milestones: org.milestones + 1 });
        break;
      default:
        break;
    }
  }
  return list;
}

/** A log with nothing in it yet: an organisation registered on this device. */
export function emptyLog(organisation: Organisation): OrganisationLog {
  return { organisation, checks: [], visits: [], milestones: [], comments: [], shareRequests: [] };
}

const newestFirst = <T>(list: T[], day: (t: T) => string) =>
  [...list].sort((a, b) => day(b).localeCompare(day(a)));

/** One organisation's log with the writes waiting for it applied (each new record marked by its id). */
export function withWaitingLog(
  log: OrganisationLog | null,
  writes: readonly PendingWrite[],
): OrganisationLog | null {
  let out = log;
  for (const w of writes) {
    if (w.write.kind === 'save-organisation') {
      out = out
        ? { ...out, organisation: organisationOf(w as never, out.organisation) }
        : emptyLog(organisationOf(w as never));
      continue;
    }
    if (!out) continue;
    const id = w.organisationId;
    switch (w.write.kind) {
      case 'delete-organisation':
        return null;
      case 'create-check': {
        const b = w.write.body;
        const check = {
          ...b,
          organisationId: id,
          scores: maturityScores(b.answers),
          by: w.by,
          createdAt: w.queuedAt,
        };
        out = {
          ...out,
          checks: newestFirst([check, ...out.checks.filter((c) => c.id !== b.id)], (c) => c.takenOn),
        };
        break;
      }
      case 'save-visit': {
        const b = w.write.body;
        const visit = { notes: '', nextSteps: '', ...b, organisationId: id, by: w.by, createdAt: w.queuedAt };
        out = {
          ...out,
          visits: newestFirst([visit, ...out.visits.filter((v) => v.id !== b.id)], (v) => v.visitedOn),
        };
        break;
      }
      case 'delete-visit': {
        const visitId = w.write.visitId;
        out = { ...out, visits: out.visits.filter((v) => v.id !== visitId) };
        break;
      }
      case 'create-milestone': {
        const b = w.write.body;
        const m = {
          ...b,
          evidenceUrl: b.evidenceUrl ?? null,
          evidenceNote: b.evidenceNote ?? null,
          organisationId: id,
          by: w.by,
          createdAt: w.queuedAt,
        };
        out = {
          ...out,
          milestones: newestFirst([m, ...out.milestones.filter((x) => x.id !== b.id)], (x) => x.reachedOn),
        };
        break;
      }
      case 'delete-milestone': {
        const milestoneId = w.write.milestoneId;
        out = { ...out, milestones: out.milestones.filter((m) => m.id !== milestoneId) };
        break;
      }
      case 'create-comment': {
        const b = w.write.body;
        const c = {
          id: b.id,
          visitId: b.visitId ?? null,
          body: b.body,
          organisationId: id,
          author: w.by,
          authorRole: w.write.authorRole ?? 'coach',
          createdAt: w.queuedAt,
        };
        out = { ...out, comments: [c, ...out.comments.filter((x) => x.id !== b.id)] };
        break;
      }
      case 'unshare': {
        const coachId = w.write.coachId;
        out = {
          ...out,
          organisation: {
            ...out.organisation,
            sharedWith: out.organisation.sharedWith.filter((c) => c.id !== coachId),
          },
        };
        break;
      }
      case 'share': {
        const coachId = w.write.body.coachId;
        if (coachId) out = { ...out, shareRequests: out.shareRequests.filter((r) => r.coach.id !== coachId) };
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** The ids of the records still waiting (to mark them "waiting to sync"). */
export function waitingRecordIds(writes: readonly PendingWrite[]): Set<string> {
  const ids = new Set<string>();
  for (const w of writes) {
    const write = w.write;
    if ('body' in write && 'id' in write.body && typeof write.body.id === 'string') ids.add(write.body.id);
  }
  return ids;
}
