import { periods } from './impact-report.service';

describe('a window of months as the rollups’ periods', () => {
  it('takes whole quarters across a year boundary', () => {
    expect(periods('2025-07', '2026-06')).toEqual({
      y: [],
      q: ['2025-07-01', '2025-10-01', '2026-01-01', '2026-04-01'],
      m: [],
    });
  });

  it('takes a whole year, the quarters and the months around it', () => {
    expect(periods('2025-02', '2027-01')).toEqual({
      y: ['2026-01-01'],
      q: ['2025-04-01', '2025-07-01', '2025-10-01'],
      m: ['2025-02-01', '2025-03-01', '2027-01-01'],
    });
  });

  it('keeps a single month, and a quarter cut short, as months', () => {
    expect(periods('2026-09', '2026-09')).toEqual({ y: [], q: [], m: ['2026-09-01'] });
    expect(periods('2026-01', '2026-02')).toEqual({ y: [], q: [], m: ['2026-01-01', '2026-02-01'] });
  });
});
