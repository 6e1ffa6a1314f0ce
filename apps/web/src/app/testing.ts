import type { Role } from '@tc/shared/contracts';

/** A signed-in session for the app's specs: person `id` holding `roles`. */
export function sessionOf(roles: Role[], id = 'u-1') {
  return {
    accessToken: 't',
    expiresIn: 900,
    me: {
      id,
      email: 'a@example.org',
      displayName: 'Amina',
      preferredLanguage: 'fr' as const,
      territoryId: null,
      organisationType: null,
      organisationName: null,
      gender: null,
      birthYear: null,
      demographicsWithheld: false,
      roles: roles.map((role, i) => ({ id: `ra-${i}`, role, territoryId: null, territoryName: null })),
    },
  };
}
