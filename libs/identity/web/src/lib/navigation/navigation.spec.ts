import type { Role } from '@tc/shared/contracts';
import { navigationFor } from './navigation';

const paths = (roles: Role[]) => navigationFor(roles).map((i) => i.path);

describe('navigationFor', () => {
  it.each<[string, Role[], string[]]>([
    ['coach', ['coach'], ['/', '/profile', '/learn', '/join', '/field', '/help', '/privacy']],
    [
      'trainer',
      ['trainer'],
      ['/', '/profile', '/courses', '/cohorts', '/field/coaches', '/territories', '/help', '/privacy'],
    ],
    ['observer', ['observer'], ['/', '/profile', '/territories', '/observatory', '/help', '/privacy']],
    [
      'admin',
      ['admin'],
      [
        '/',
        '/profile',
        '/courses',
        '/cohorts',
        '/field/coaches',
        '/territories',
        '/observatory',
        '/users',
        '/users/erasure-requests',
        '/help',
        '/privacy',
      ],
    ],
    ['no role yet', [], ['/', '/profile', '/help', '/privacy']],
  ])('%s gets exactly its links', (_name, roles, expected) => {
    expect(paths(roles)).toEqual(expected);
  });

  it('takes the union over several role assignments', () => {
    expect(paths(['coach', 'observer'])).toEqual([
      '/',
      '/profile',
      '/learn',
      '/join',
      '/field',
      '/territories',
      '/observatory',
      '/help',
      '/privacy',
    ]);
    expect(paths(['coach', 'admin', 'coach'])).toEqual([
      '/',
      '/profile',
      '/learn',
      '/join',
      '/field',
      '/courses',
      '/cohorts',
      '/field/coaches',
      '/territories',
      '/observatory',
      '/users',
      '/users/erasure-requests',
      '/help',
      '/privacy',
    ]);
    expect(paths(['coach', 'trainer'])).toEqual([
      '/',
      '/profile',
      '/learn',
      '/join',
      '/field',
      '/courses',
      '/cohorts',
      '/field/coaches',
      '/territories',
      '/help',
      '/privacy',
    ]);
  });

  it('shows the observatory to observers and admins only', () => {
    expect(paths(['observer'])).toContain('/observatory');
    expect(paths(['admin'])).toContain('/observatory');
    for (const role of ['coach', 'trainer'] as const) expect(paths([role])).not.toContain('/observatory');
  });

  it('gives each link a translation key', () => {
    expect(navigationFor(['admin']).map((i) => i.labelKey)).toEqual([
      'nav.home',
      'nav.profile',
      'nav.courses',
      'nav.cohorts',
      'nav.fieldSupervision',
      'nav.territories',
      'nav.observatory',
      'nav.users',
      'nav.erasureRequests',
      'nav.help',
      'nav.privacy',
    ]);
  });
});
