import { idsOnly, shortError } from './dead-letter-view';

describe('a dead letter as an admin sees it', () => {
  it('shows ids and lists of ids, and only the names of the other fields', () => {
    const id = '0b7a3c1e-5f7d-4e0a-9c1b-2d3e4f5a6b7c';
    expect(
      idsOnly({
        notificationId: id,
        recipients: [id, id],
        email: 'salma@example.org',
        name: 'Salma',
        count: 3,
        mixed: [id, 'Salma'],
        nested: { id },
      }),
    ).toEqual({
      ids: { notificationId: id, recipients: [id, id] },
      withheld: ['count', 'email', 'mixed', 'name', 'nested'],
    });
    expect(idsOnly(null)).toEqual({ ids: {}, withheld: [] });
    expect(idsOnly(['x'])).toEqual({ ids: {}, withheld: [] });
  });

  it('hides e-mail addresses in the error and shortens it', () => {
    expect(shortError({ message: 'refused <nadia.el-amrani@example.org> today' })).toBe(
      'refused <…@…> today',
    );
    const long = shortError({ message: 'x'.repeat(1000) });
    expect(long).toHaveLength(300);
    expect(long?.endsWith('…')).toBe(true);
    expect(shortError(null)).toBeNull();
    expect(shortError({ other: 1 })).toBeNull();
  });
});
