import { coversTerritory, hasRole, scopesFor, type AuthPrincipal } from './auth.decorators';

const trainerInOriental: AuthPrincipal = {
  userId: 'u1',
  email: 't@example.org',
  roles: [
    { assignmentId: 'a1', role: 'trainer', territoryId: 'oriental', territoryPath: '/africa/ma/oriental/' },
    {
      assignmentId: 'a2',
      role: 'coach',
      territoryId: 'berkane',
      territoryPath: '/africa/ma/oriental/berkane/',
    },
  ],
};

describe('territorial scope of a role', () => {
  it('covers the territory itself and its whole subtree', () => {
    expect(coversTerritory(trainerInOriental, 'trainer', '/africa/ma/oriental/')).toBe(true);
    expect(coversTerritory(trainerInOriental, 'trainer', '/africa/ma/oriental/figuig/')).toBe(true);
    expect(coversTerritory(trainerInOriental, 'trainer', '/africa/ma/oriental/figuig/bouarfa/')).toBe(true);
  });

  it('does not cover the parent, a sibling, or a sibling whose id starts the same', () => {
    expect(coversTerritory(trainerInOriental, 'trainer', '/africa/ma/')).toBe(false);
    expect(coversTerritory(trainerInOriental, 'trainer', '/africa/ma/souss/')).toBe(false);
    expect(coversTerritory(trainerInOriental, 'trainer', '/africa/ma/oriental2/')).toBe(false);
  });

  it('is per role: a coach scope does not grant trainer rights', () => {
    expect(coversTerritory(trainerInOriental, 'admin', '/africa/ma/oriental/')).toBe(false);
    expect(hasRole(trainerInOriental, 'coach')).toBe(true);
    expect(hasRole(trainerInOriental, 'observer')).toBe(false);
    expect(scopesFor(trainerInOriental, 'coach')).toEqual(['/africa/ma/oriental/berkane/']);
  });
});
