import {
  EMPTY_IMPACT_QUERY,
  impactApiQuery,
  impactQueryFromParams,
  paramsFromImpactQuery,
} from './impact.service';

describe('the impact view’s filters in the URL', () => {
  it('reads what is well formed and drops the rest', () => {
    expect(
      impactQueryFromParams({
        territoryId: 'oriental',
        from: '2026-13',
        to: '2026-06',
        sector: 'argan',
        kind: 'factory',
        womenLed: 'yes',
      }),
    ).toEqual({ ...EMPTY_IMPACT_QUERY, territoryId: 'oriental', to: '2026-06', sector: 'argan' });
  });

  it('swaps months given in the wrong order, and reads women-led both ways', () => {
    expect(impactQueryFromParams({ from: '2026-09', to: '2026-02', womenLed: 'false' })).toMatchObject({
      from: '2026-02',
      to: '2026-09',
      womenLed: false,
    });
    expect(impactQueryFromParams({ womenLed: 'true' }).womenLed).toBe(true);
  });

  it('writes only what is chosen, for the URL and for the API alike', () => {
    const query = { ...EMPTY_IMPACT_QUERY, kind: 'cooperative' as const, womenLed: false };
    expect(paramsFromImpactQuery(query)).toEqual({ kind: 'cooperative', womenLed: 'false' });
    expect(impactApiQuery(query)).toEqual({ kind: 'cooperative', womenLed: false });
    expect(impactApiQuery(EMPTY_IMPACT_QUERY)).toEqual({});
  });
});
