import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Locale } from '@tc/shared/contracts';
import { neutraliseCell } from './spreadsheet-cell';

/** What a file export is written as: CSV (UTF-8 with a BOM, for spreadsheets) or an XLSX workbook. */
export type SpreadsheetFormat = 'csv' | 'xlsx';

export const SPREADSHEET_CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A sheet as an export writes it: its lines (title, notes, header, rows) and how to show them. */
export interface SpreadsheetFile {
  /** The file's language: an Arabic sheet opens right to left. */
  lang: Locale;
  /** The worksheet's name (XLSX). */
  sheetName: string;
  lines: (string | number)[][];
  /** Indexes of the lines written in bold (the title, the header). */
  boldLines?: number[];
  /** CSV only: `;` is what French (and Moroccan) spreadsheets split on; `,` by default. */
  delimiter?: ';' | ',';
}

/** Text cells pass through the formula neutraliser; numbers stay numbers. */
function safe(cell: string | number): string | number {
  return typeof cell === 'number' ? cell : neutraliseCell(cell);
}

/**
 * The file as a stream: CSV (UTF-8 with BOM) written line by line, or XLSX through exceljs' streaming
 * writer, so a long export is never held whole in memory.
 */
export function spreadsheetStream(file: SpreadsheetFile, format: SpreadsheetFormat): Readable {
  const lines = file.lines.map((line) => line.map(safe));
  const bold = new Set(file.boldLines ?? []);
  if (format === 'csv') {
    const csv = stringify({ bom: true, delimiter: file.delimiter ?? ',' });
    (async () => {
      for (const line of lines) if (!csv.write(line)) await new Promise((r) => csv.once('drain', r));
      csv.end();
    })().catch((e: unknown) => csv.destroy(e as Error));
    return csv;
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  // Arabic reads right to left: the sheet opens with column A on the right.
  const sheet = workbook.addWorksheet(file.sheetName, { views: [{ rightToLeft: file.lang === 'ar' }] });
  lines.forEach((line, i) => {
    const row = sheet.addRow(line);
    if (bold.has(i)) row.font = { bold: true };
    row.commit();
  });
  sheet.commit();
  workbook.commit().catch((e: unknown) => out.destroy(e as Error));
  return out;
}

/** The time zone the files' moments are written in: the platform's users are in Morocco. */
export const EXPORT_TIME_ZONE = 'Africa/Casablanca';

/** "6 décembre 2026 à 14:08, heure du Maroc (UTC+1)": a moment in the file's language, its zone said. */
export function exportMoment(iso: string, lang: Locale, zoneName: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = lang === 'ar' ? 'ar-MA' : lang;
  const written = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: EXPORT_TIME_ZONE,
  }).format(date);
  const offset =
    new Intl.DateTimeFormat('en', { timeZone: EXPORT_TIME_ZONE, timeZoneName: 'shortOffset' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')
      ?.value.replace('GMT', 'UTC') ?? 'UTC';
  return `${written}, ${zoneName} (${offset === 'UTC' ? 'UTC' : offset})`;
}
