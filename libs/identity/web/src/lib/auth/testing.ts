import type { Me, Role, Session } from '@tc/shared/contracts';

/** A session fixture for specs. */
export function sessionFor(
  roles: Role[] = ['coach'],
  token = 'token-1',
  overrides: Partial<Me> = {},
): Session {
  return {
    accessToken: token,
    expiresIn: 900,
    me: {
      id: 'u-1',
      email: 'person@example.org',
      displayName: 'Amina',
      preferredLanguage: 'fr',
      territoryId: null,
      organisationType: null,
      organisationName: null,
      gender: null,
      birthYear: null,
      demographicsWithheld: false,
      roles: roles.map((role, i) => ({
        id: `ra-${i}`,
        role,
        territoryId: 't-ma',
        territoryName: { fr: 'Maroc', ar: 'المغرب', en: 'Morocco' },
      })),
      ...overrides,
    },
  };
}
