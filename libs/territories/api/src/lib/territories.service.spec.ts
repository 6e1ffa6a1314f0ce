import { foldText, idsOfPath, namesForLevel } from './territories.service';

describe('materialized paths', () => {
  it('lists the ids from the root down to the node', () => {
    expect(idsOfPath('/a/b/c/')).toEqual(['a', 'b', 'c']);
    expect(idsOfPath('/root/')).toEqual(['root']);
  });
});

describe('namesForLevel', () => {
  it('takes one name for a commune; each empty language falls back (Latin script first for fr and en)', () => {
    expect(namesForLevel('commune', { fr: 'Saïdia' })).toEqual({
      name: { fr: 'Saïdia', ar: 'Saïdia', en: 'Saïdia' },
    });
    expect(namesForLevel('commune', { ar: 'أحفير', en: ' Ahfir ' })).toEqual({
      name: { fr: 'Ahfir', ar: 'أحفير', en: 'Ahfir' },
    });
    expect(namesForLevel('commune', { ar: 'أحفير' })).toEqual({
      name: { fr: 'أحفير', ar: 'أحفير', en: 'أحفير' },
    });
  });

  it('names the field when a commune has no name at all, and every missing one above the commune', () => {
    expect(namesForLevel('commune', { fr: ' ', en: '' })).toEqual({
      errors: [expect.objectContaining({ field: 'name.fr', code: 'required' })],
    });
    expect(namesForLevel('province', { fr: 'Berkane' })).toEqual({
      errors: [
        expect.objectContaining({ field: 'name.ar', code: 'required' }),
        expect.objectContaining({ field: 'name.en', code: 'required' }),
      ],
    });
  });
});

describe('foldText', () => {
  it('reads names without case or accents, as the SQL of the search does', () => {
    expect(foldText('Fès-Meknès')).toBe('fes-meknes');
    expect(foldText('ÉCOLE Aïn')).toBe('ecole ain');
    expect(foldText('الشرق')).toBe('الشرق');
  });
});
