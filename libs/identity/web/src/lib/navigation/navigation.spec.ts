import type { Role } from '@tc/shared/contracts';
import { navigationFor } from './navigation';

const paths = (roles: Role[]) => navigationFor(roles).map((i) => i.path);

describe('navigationFor', () => {
  it.each<[string, Role[], string[]]>([
    ['coach', ['coach'], ['/', '/profile', '/learn', '/join']],
    ['trainer', ['trainer'], ['/', '/profile', '/courses', '/cohorts', '/territories']],
    ['observer', ['observer'], ['/', '/profile', '/territories']],
    ['admin', ['admin'], ['/', '/profile', '/courses', '/cohorts', '/territories', '/users']],
    ['no role yet', [], ['/', '/profile']],
  ])('%s gets exactly its links', (_name, roles, expected) => {
    expect(paths(roles)).toEqual(expected);
  });

  it('takes the union over several role assignments', () => {
    expect(paths(['coach', 'observer'])).toEqual(['/', '/profile', '/learn', '/join', '/territories']);
    expect(paths(['coach', 'admin', 'coach'])).toEqual([
      '/',
      '/profile',
      '/learn',
      '/join',
      '/courses',
      '/cohorts',
      '/territories',
      '/users',
    ]);
    expect(paths(['coach', 'trainer'])).toEqual([
      '/',
      '/profile',
      '/learn',
      '/join',
      '/courses',
      '/cohorts',
      '/territories',
    ]);
  });

  it('gives each link a translation key', () => {
    expect(navigationFor(['admin']).map((i) => i.labelKey)).toEqual([
      'nav.home',
      'nav.profile',
      'nav.courses',
      'nav.cohorts',
      'nav.territories',
      'nav.users',
    ]);
  });
});
