import { PERSON_COLUMN_NAME, PERSON_COLUMNS } from './person-data';

/** The register's own shape; person-data's integration spec holds it to the schema itself. */
describe('the register of person-keyed columns', () => {
  it('names each table and column once, as plain identifiers, each with what it is', () => {
    const keys = PERSON_COLUMNS.map((e) => `${e.table}.${e.column}`);
    expect(keys.length).toBe(new Set(keys).size);
    for (const e of PERSON_COLUMNS) {
      expect(e.table).toMatch(/^[a-z_][a-z0-9_]*$/);
      expect(e.column).toMatch(/^[a-z_][a-z0-9_]*$/);
      for (const c of e.omit ?? []) expect(c).toMatch(/^[a-z_][a-z0-9_]*$/);
      expect(e.about.length).toBeGreaterThan(10);
    }
  });

  it('never leaves out the column that finds the rows, and leaves out the secrets it knows of', () => {
    for (const e of PERSON_COLUMNS) expect(e.omit ?? []).not.toContain(e.column);
    const omitted = (table: string) =>
      PERSON_COLUMNS.filter((e) => e.table === table).flatMap((e) => e.omit ?? []);
    expect(omitted('users')).toContain('password_hash');
    expect(omitted('refresh_tokens')).toContain('token_hash');
    expect(omitted('action_tokens')).toContain('token_hash');
    expect(omitted('push_subscriptions')).toEqual(expect.arrayContaining(['p256dh', 'auth']));
  });

  it('reads a column as named for a person when it is', () => {
    for (const name of [
      'user_id',
      'actor_id',
      'coach_id',
      'trainer_id',
      'reviewer_id',
      'created_by',
      'invited_by',
    ])
      expect(name).toMatch(PERSON_COLUMN_NAME);
    for (const name of ['cohort_id', 'course_id', 'territory_id', 'organisation_id', 'id'])
      expect(name).not.toMatch(PERSON_COLUMN_NAME);
  });
});
