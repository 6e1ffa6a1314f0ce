import type { Role } from '@tc/shared/contracts';
import { activeNavPath, navigationFor } from './navigation';

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

describe('activeNavPath', () => {
  const admin = navigationFor(['admin', 'trainer']);

  it('marks the closest item only: a page under another item is not also marked as that item', () => {
    expect(activeNavPath(admin, '/users/erasure-requests')).toBe('/users/erasure-requests');
    expect(activeNavPath(admin, '/users/erasure-requests?status=done')).toBe('/users/erasure-requests');
    expect(activeNavPath(admin, '/users')).toBe('/users');
    expect(activeNavPath(admin, '/users/3f1c9a2e-1111-4222-8333-444455556666')).toBe('/users');
    expect(activeNavPath(admin, '/field/coaches/abc')).toBe('/field/coaches');
  });

  it('matches the home page exactly and a path only at a segment boundary', () => {
    expect(activeNavPath(admin, '/')).toBe('/');
    expect(activeNavPath(admin, '/courses#top')).toBe('/courses');
    expect(activeNavPath(admin, '/coursesX')).toBeNull();
    expect(activeNavPath(admin, '/verify/ABC')).toBeNull();
  });
});
