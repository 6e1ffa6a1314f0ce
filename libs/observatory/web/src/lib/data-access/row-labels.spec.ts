import { type Translate, isDirectRow, rowLabel } from './labels';

const t: Translate = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

describe('row labels', () => {
  it('names a territory row in the interface language', () => {
    const row = { key: 't1', label: { fr: "L'Oriental", ar: 'جهة الشرق', en: 'Oriental' } };
    expect(rowLabel(row, 'territory', 'ar', t, 'Maroc')).toBe('جهة الشرق');
  });

  it('says that direct rows are the cohorts of the territory itself', () => {
    const row = { key: 'direct:t0', label: { fr: 'Maroc' } };
    expect(isDirectRow(row)).toBe(true);
    expect(rowLabel(row, 'territory', 'fr', t, 'Maroc')).toBe(
      'observatory.table.direct {"territory":"Maroc"}',
    );
  });

  it('writes months out and translates genders and age bands', () => {
    expect(rowLabel({ key: '2026-01', label: null }, 'month', 'fr', t, '')).toBe('janvier 2026');
    expect(rowLabel({ key: 'female', label: null }, 'gender', 'fr', t, '')).toBe('observatory.gender.female');
    expect(rowLabel({ key: '45+', label: null }, 'ageBand', 'fr', t, '')).toBe('observatory.ageBand.45+');
  });

  it('keeps an unknown category key as it is rather than a missing translation', () => {
    expect(rowLabel({ key: 'nonbinary', label: null }, 'gender', 'fr', t, '')).toBe('nonbinary');
  });

  it('falls back on the key for a cohort without a name', () => {
    expect(rowLabel({ key: 'c-1', label: null }, 'cohort', 'fr', t, '')).toBe('c-1');
    expect(rowLabel({ key: 'c-1', label: { fr: 'Cohorte A' } }, 'cohort', 'en', t, '')).toBe('Cohorte A');
  });
});
