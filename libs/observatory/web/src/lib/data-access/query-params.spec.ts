import {
  EMPTY_QUERY,
  PAGE_SIZE,
  pageWindow,
  paramsFromQuery,
  queryFromParams,
  withFilter,
  withPage,
  withTerritory,
} from './query';

const ID = '0b7c2a8e-1d2f-4c55-9a61-3f0f5c1e9b10';
const COURSE = '5f3e2d1c-0b9a-4877-8665-544332211000';

describe('dashboard filters in the URL', () => {
  it('reads every filter from the query parameters', () => {
    expect(
      queryFromParams({
        territoryId: ID,
        groupBy: 'month',
        from: '2026-01',
        to: '2026-06',
        courseId: COURSE,
        page: '3',
      }),
    ).toEqual({
      territoryId: ID,
      groupBy: 'month',
      from: '2026-01',
      to: '2026-06',
      courseId: COURSE,
      page: 3,
    });
  });

  it('keeps the page in the URL only past the first, and leaves it when anything else changes', () => {
    const paged = { ...EMPTY_QUERY, territoryId: ID, groupBy: 'cohort' as const, page: 4 };
    expect(paramsFromQuery(paged)).toEqual({ territoryId: ID, groupBy: 'cohort', page: '4' });
    expect(paramsFromQuery(withPage(paged, 1))).toEqual({ territoryId: ID, groupBy: 'cohort' });
    expect(withFilter(paged, 'from', '2026-01').page).toBeNull();
    expect(withTerritory(paged, { id: COURSE, drillable: false }).page).toBeNull();
    for (const bad of ['0', '-2', '1.5', 'x', '9999999'])
      expect([bad, queryFromParams({ page: bad }).page]).toEqual([bad, null]);
    expect(pageWindow({ ...paged, page: 3 })).toEqual({ offset: 2 * PAGE_SIZE, limit: PAGE_SIZE });
  });

  it('reads nothing chosen from an empty URL', () => {
    expect(queryFromParams({})).toEqual(EMPTY_QUERY);
  });

  it('drops what is malformed', () => {
    expect(
      queryFromParams({
        territoryId: 'x y<script>',
        groupBy: 'region',
        from: '2026-13',
        to: '26-01',
        courseId: ['a', 'b'],
      }),
    ).toEqual(EMPTY_QUERY);
  });

  it('drops the per-lesson grouping without a course (the API refuses it)', () => {
    expect(queryFromParams({ groupBy: 'module' }).groupBy).toBeNull();
    expect(queryFromParams({ groupBy: 'module', courseId: COURSE }).groupBy).toBe('module');
  });

  it('swaps months given in the wrong order', () => {
    const q = queryFromParams({ from: '2026-09', to: '2026-02' });
    expect([q.from, q.to]).toEqual(['2026-02', '2026-09']);
  });

  it('writes only what is chosen, and reads back the same query', () => {
    const query = { ...EMPTY_QUERY, territoryId: ID, from: '2026-01' };
    const params = paramsFromQuery(query);
    expect(params).toEqual({ territoryId: ID, from: '2026-01' });
    expect(queryFromParams(params)).toEqual(query);
  });

  it('round-trips every grouping', () => {
    for (const groupBy of [
      'territory',
      'cohort',
      'course',
      'module',
      'month',
      'gender',
      'ageBand',
    ] as const) {
      const query = { ...EMPTY_QUERY, territoryId: ID, groupBy, courseId: COURSE };
      expect(queryFromParams(paramsFromQuery(query))).toEqual(query);
    }
  });
});

describe('moving to another territory', () => {
  const base = { ...EMPTY_QUERY, from: '2026-01', courseId: COURSE };

  it('keeps the other filters and the natural grouping into a drillable territory', () => {
    expect(withTerritory(base, { id: ID, drillable: true })).toEqual({
      ...base,
      territoryId: ID,
      groupBy: null,
    });
  });

  it('groups by cohort at a leaf territory', () => {
    expect(withTerritory({ ...base, groupBy: 'territory' }, { id: ID, drillable: false }).groupBy).toBe(
      'cohort',
    );
  });

  it('goes back to the natural grouping when drilling up from a leaf', () => {
    expect(withTerritory({ ...base, groupBy: 'cohort' }, { id: ID, drillable: true }).groupBy).toBeNull();
  });

  it('keeps a grouping that is not structural (month, gender…)', () => {
    expect(withTerritory({ ...base, groupBy: 'gender' }, { id: ID, drillable: false }).groupBy).toBe(
      'gender',
    );
    expect(withTerritory({ ...base, groupBy: 'month' }, { id: ID, drillable: true }).groupBy).toBe('month');
  });
});

describe('changing one filter', () => {
  it('leaves the per-lesson view for the per-course one when the course is cleared', () => {
    const q = { ...EMPTY_QUERY, groupBy: 'module' as const, courseId: COURSE };
    expect(withFilter(q, 'courseId', null)).toEqual({ ...EMPTY_QUERY, groupBy: 'course' });
  });

  it('moves the other month to the one just chosen when they would cross', () => {
    const q = { ...EMPTY_QUERY, from: '2026-03', to: '2026-05' };
    expect(withFilter(q, 'from', '2026-08')).toEqual({ ...q, from: '2026-08', to: '2026-08' });
    expect(withFilter(q, 'to', '2026-01')).toEqual({ ...q, from: '2026-01', to: '2026-01' });
  });

  it('treats an empty value as not chosen', () => {
    expect(withFilter({ ...EMPTY_QUERY, from: '2026-03' }, 'from', '').from).toBeNull();
  });
});
