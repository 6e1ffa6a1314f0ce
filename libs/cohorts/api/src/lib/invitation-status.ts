import type { CohortInvitationStatus, InvitationState } from '@tc/shared/contracts';

/** What the trainers' list needs of an invitation row. */
export interface InvitationFacts {
  id: string;
  email: string;
  name: string | null;
  invitedAt: Date;
  sentAt: Date;
  acceptedAt: Date | null;
}

/** What identity says of the invitation's current link (undefined: the link's row is gone). */
export interface LinkFacts {
  expiresAt: Date;
  /** Not used, not replaced, not past its date. */
  usable: boolean;
  openedAt: Date | null;
}

/**
 * Accepted wins over everything (its link is used up by then); a link that can no longer be used is
 * expired, whether its date passed or a newer link replaced it; a usable link is opened once its page
 * was loaded, else sent.
 */
export function invitationState(acceptedAt: Date | null, link: LinkFacts | undefined): InvitationState {
  if (acceptedAt) return 'accepted';
  if (!link?.usable) return 'expired';
  return link.openedAt ? 'opened' : 'sent';
}

export function invitationStatus(row: InvitationFacts, link: LinkFacts | undefined): CohortInvitationStatus {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    state: invitationState(row.acceptedAt, link),
    invitedAt: row.invitedAt.toISOString(),
    sentAt: row.sentAt.toISOString(),
    openedAt: link?.openedAt?.toISOString() ?? null,
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    expiresAt: (link?.expiresAt ?? row.sentAt).toISOString(),
  };
}

/** Still open first (by address), then the accepted ones (by address). */
export function byOpenThenAddress(a: CohortInvitationStatus, b: CohortInvitationStatus): number {
  const rank = (s: CohortInvitationStatus) => (s.state === 'accepted' ? 1 : 0);
  return rank(a) - rank(b) || a.email.localeCompare(b.email);
}
