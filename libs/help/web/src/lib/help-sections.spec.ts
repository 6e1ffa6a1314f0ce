import { HELP_SECTIONS, helpOutline, sameOutline } from './help-sections';

describe('helpOutline: whose part comes first', () => {
  it('shows a signed-out visitor the part for everyone only', () => {
    expect(helpOutline(null)).toEqual({ first: ['general'], others: [] });
  });

  it.each([
    ['coach', ['coach', 'general'], ['trainer', 'observer', 'admin']],
    ['trainer', ['trainer', 'general'], ['coach', 'observer', 'admin']],
    ['observer', ['observer', 'general'], ['coach', 'trainer', 'admin']],
    ['admin', ['admin', 'general'], ['coach', 'trainer', 'observer']],
  ] as const)('puts a %s’s own part first, the others after', (role, first, others) => {
    expect(helpOutline([role])).toEqual({ first, others });
  });

  it('opens every part a person with several roles needs, in a fixed order, whatever the roles’ order', () => {
    expect(helpOutline(['admin', 'coach'])).toEqual({
      first: ['coach', 'admin', 'general'],
      others: ['trainer', 'observer'],
    });
    expect(helpOutline(['observer', 'trainer', 'trainer'])).toEqual({
      first: ['trainer', 'observer', 'general'],
      others: ['coach', 'admin'],
    });
  });

  it('lets someone signed in without a role yet read every part, the general one first', () => {
    expect(helpOutline([])).toEqual({
      first: ['general'],
      others: ['coach', 'trainer', 'observer', 'admin'],
    });
  });

  it('shows every section exactly once to anyone signed in', () => {
    for (const roles of [[], ['coach'], ['admin', 'trainer', 'observer', 'coach']] as const) {
      const { first, others } = helpOutline(roles);
      expect([...first, ...others].sort()).toEqual([...HELP_SECTIONS].sort());
    }
  });

  it('tells the same parts apart from new ones, whatever the arrays', () => {
    expect(sameOutline(helpOutline(['coach']), helpOutline(['coach', 'coach']))).toBe(true);
    expect(sameOutline(helpOutline(['coach']), helpOutline(['coach', 'observer']))).toBe(false);
    expect(sameOutline(helpOutline(null), helpOutline([]))).toBe(false);
  });
});
