import type { CsvImportReport, ProblemDetails } from '@tc/shared/contracts';
import { canCommit, linesWithProblems, problemRows, problemsOfRefusedImport } from './csv-report';

const report = (overrides: Partial<CsvImportReport>): CsvImportReport => ({
  dryRun: true,
  rows: 3,
  valid: 3,
  problems: [],
  ...overrides,
});

describe('CSV import report', () => {
  it('orders problems by line, then in the file column order, each with its column label key', () => {
    const rows = problemRows([
      { line: 4, field: 'territoryCode', message: 'Unknown territory code MA-XXX' },
      { line: 2, field: 'preferredLanguage', message: 'Unknown language' },
      { line: 2, field: 'email', message: 'Not an e-mail address' },
    ]);
    expect(rows.map((r) => [r.line, r.field, r.columnKey])).toEqual([
      [2, 'email', 'cohorts.import.columns.email'],
      [2, 'preferredLanguage', 'cohorts.import.columns.preferredLanguage'],
      [4, 'territoryCode', 'cohorts.import.columns.territoryCode'],
    ]);
    expect(rows[2].message).toBe('Unknown territory code MA-XXX');
  });

  it('counts the lines that have at least one problem', () => {
    expect(
      linesWithProblems([
        { line: 2, field: 'email', message: 'x' },
        { line: 2, field: 'fullName', message: 'y' },
        { line: 5, field: 'row', message: 'z' },
      ]),
    ).toBe(2);
  });

  it('reads the rows of a refused commit (422) back from "line N: field", with their codes', () => {
    const problem: ProblemDetails = {
      type: 'about:blank',
      title: 'Import refused',
      status: 422,
      code: 'csv-invalid',
      errors: [
        {
          field: 'line 501: territoryCode',
          message: 'Unknown territory code',
          code: 'territory-code-unknown',
          params: { value: 'MA-XYZ', line: 501 },
        },
        {
          field: 'line 7: email',
          message: 'Not an e-mail address',
          code: 'invalid-email',
          params: { line: 7 },
        },
        { field: 'line 9: somethingElse', message: 'Odd', code: 'invalid' },
        { field: 'body', message: 'not a row', code: 'invalid-body' },
      ],
    };
    // The line is the table's own column: the parameters keep only what the text needs.
    expect(problemsOfRefusedImport(problem)).toEqual([
      {
        line: 501,
        field: 'territoryCode',
        message: 'Unknown territory code',
        code: 'territory-code-unknown',
        params: { value: 'MA-XYZ' },
      },
      { line: 7, field: 'email', message: 'Not an e-mail address', code: 'invalid-email' },
      { line: 9, field: 'row', message: 'Odd', code: 'invalid' },
    ]);
  });

  it('gives null when no error names a line (the problem is shown as it is)', () => {
    expect(
      problemsOfRefusedImport({
        type: 'x',
        title: 'x',
        status: 422,
        code: 'validation',
        errors: [{ field: 'body', message: 'm', code: 'invalid-body' }],
      }),
    ).toBeNull();
    expect(problemsOfRefusedImport(null)).toBeNull();
  });

  it('allows a commit only after a clean dry run with rows', () => {
    expect(canCommit(report({}))).toBe(true);
    expect(canCommit(report({ problems: [{ line: 2, field: 'email', message: 'x' }], valid: 2 }))).toBe(
      false,
    );
    expect(canCommit(report({ rows: 0, valid: 0 }))).toBe(false);
    expect(canCommit(report({ dryRun: false }))).toBe(false);
    expect(canCommit(null)).toBe(false);
  });
});
