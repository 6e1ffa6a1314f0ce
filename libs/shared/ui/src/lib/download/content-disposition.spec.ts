import { filenameOf } from './content-disposition';

describe('the file name of a Content-Disposition header', () => {
  it('prefers the UTF-8 name, so an Arabic cohort keeps its name', () => {
    const header = `attachment; filename="roster-2027-01-05.csv"; filename*=UTF-8''${encodeURIComponent('roster-فوج-وجدة-2027-01-05.csv')}`;
    expect(filenameOf(header)).toBe('roster-فوج-وجدة-2027-01-05.csv');
  });

  it('falls back to the plain name, quoted or not', () => {
    expect(filenameOf('attachment; filename="roster-oujda-2027-01-05.csv"')).toBe(
      'roster-oujda-2027-01-05.csv',
    );
    expect(filenameOf('attachment; filename=report.xlsx')).toBe('report.xlsx');
    expect(filenameOf(`attachment; filename="plain.csv"; filename*=UTF-8''%E0%A4%A`)).toBe('plain.csv');
  });

  it('gives nothing without a name, or for a name with a path in it', () => {
    expect(filenameOf(null)).toBeNull();
    expect(filenameOf('attachment')).toBeNull();
    expect(filenameOf('attachment; filename="../../evil.csv"')).toBeNull();
  });
});
