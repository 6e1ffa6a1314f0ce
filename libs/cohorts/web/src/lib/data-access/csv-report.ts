import type { CsvImportReport, CsvRowProblem, FieldError, ProblemDetails } from '@tc/shared/contracts';

export const CSV_FIELDS: readonly CsvRowProblem['field'][] = [
  'email',
  'fullName',
  'territoryCode',
  'preferredLanguage',
  'row',
];

/** The template offered for download: the header and one example row (UTF-8 with BOM for spreadsheets). */
export const CSV_TEMPLATE =
  '\uFEFFemail;full name;territory code;preferred language\r\n' +
  'fatima.zahra@example.org;Fatima Zahra;MA-BER;ar\r\n';

/** One line of the report table: the problem (its code says it in the page's language) and its column. */
export interface CsvProblemRow extends CsvRowProblem {
  /** Translation key of the column's name. */
  columnKey: string;
}

function isCsvField(value: string): value is CsvRowProblem['field'] {
  return (CSV_FIELDS as readonly string[]).includes(value);
}

/** The report's problems as table rows: by line, then in the file's column order. */
export function problemRows(problems: readonly CsvRowProblem[]): CsvProblemRow[] {
  return [...problems]
    .sort((a, b) => a.line - b.line || CSV_FIELDS.indexOf(a.field) - CSV_FIELDS.indexOf(b.field))
    .map((p) => ({ ...p, columnKey: `cohorts.import.columns.${p.field}` }));
}

/** How many distinct lines have at least one problem. */
export function linesWithProblems(problems: readonly CsvRowProblem[]): number {
  return new Set(problems.map((p) => p.line)).size;
}

/**
 * A refused commit (422) lists its rows as `{ field: 'line 501: territoryCode', code, params }`: back
 * to row problems, so the same table shows them. Errors that name no line are left out (null when
 * none names a line: the caller shows the problem as it is).
 */
export function problemsOfRefusedImport(problem: ProblemDetails | null): CsvRowProblem[] | null {
  const rows = (problem?.errors ?? []).flatMap((e: FieldError): CsvRowProblem[] => {
    const m = /^line\s+(\d+)\s*:\s*(\w+)?/i.exec(e.field);
    if (!m) return [];
    const field = m[2] && isCsvField(m[2]) ? m[2] : 'row';
    // The line is the table's own column: the parameters keep what the text needs.
    const { line: _line, ...params } = e.params ?? {};
    return [
      {
        line: Number(m[1]),
        field,
        message: e.message,
        code: e.code,
        ...(Object.keys(params).length ? { params } : {}),
      },
    ];
  });
  return rows.length ? rows : null;
}

/** Whether the report allows committing: a dry run that found rows and no problem. */
export function canCommit(report: CsvImportReport | null): boolean {
  return !!report && report.dryRun && report.problems.length === 0 && report.valid > 0;
}
