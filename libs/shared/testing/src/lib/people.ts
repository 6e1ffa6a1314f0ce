import type { Role } from '@tc/shared/contracts';
import type { TestApp } from './test-app';

/** Someone to invite: their address, name, role and the territory it is held over. */
export interface InvitedPerson {
  email: string;
  displayName: string;
  role: Role;
  territoryId: string;
}

/**
 * A new account, invited by an admin and signed in through its link with `password`, as the person
 * would; answers its access token.
 */
export async function invitedPerson(
  t: Pick<TestApp, 'request'>,
  adminToken: string,
  person: InvitedPerson,
  password: string,
): Promise<string> {
  const invite = await t.request('POST', '/api/v1/users/invitations', {
    token: adminToken,
    body: { ...person, preferredLanguage: 'fr' },
  });
  if (invite.status !== 201)
    throw new Error(`invite ${person.email}: ${invite.status} ${JSON.stringify(invite.body)}`);
  const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
    body: { token: String(invite.body.link.url).split('/').pop(), password },
  });
  if (accepted.status >= 300)
    throw new Error(`accept ${person.email}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return String(accepted.body.accessToken);
}
