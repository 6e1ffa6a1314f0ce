import { parse } from 'csv-parse/sync';
import {
  LOCALES,
  type CsvRowProblem,
  type Locale,
  type ProblemCode,
  type ProblemParams,
} from '@tc/shared/contracts';
import {
  DISPLAY_NAME_MAX_LENGTH,
  isPlainEmail,
  isVisibleDisplayName,
  normalizeDisplayName,
} from '@tc/shared/api';

export interface CsvPerson {
  line: number;
  email: string;
  fullName: string;
  territoryCode: string;
  preferredLanguage: Locale;
}

export const MAX_CSV_ROWS = 20_000;

/** Header names people actually write, in the three languages, to the field they mean. */
const HEADERS: Record<string, keyof Omit<CsvPerson, 'line'>> = {
  email: 'email',
  'e-mail': 'email',
  courriel: 'email',
  mail: 'email',
  'البريد الإلكتروني': 'email',
  'full name': 'fullName',
  fullname: 'fullName',
  name: 'fullName',
  'nom complet': 'fullName',
  nom: 'fullName',
  'الاسم الكامل': 'fullName',
  'territory code': 'territoryCode',
  territorycode: 'territoryCode',
  territory: 'territoryCode',
  'code territoire': 'territoryCode',
  territoire: 'territoryCode',
  'رمز المجال الترابي': 'territoryCode',
  'preferred language': 'preferredLanguage',
  preferredlanguage: 'preferredLanguage',
  language: 'preferredLanguage',
  langue: 'preferredLanguage',
  lang: 'preferredLanguage',
  اللغة: 'preferredLanguage',
};

export interface ParsedCsv {
  people: CsvPerson[];
  problems: CsvRowProblem[];
  rows: number;
}

/** The delimiter of the header line: semicolon (French spreadsheets) or comma. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/**
 * Reads an enrolment CSV (UTF-8 with or without BOM; comma or semicolon; a header row naming the
 * columns email, full name, territory code, preferred language) and checks every row on its own:
 * e-mail, name, language, duplicates in the file. Territory codes are checked by the caller, who
 * knows the tree. Line numbers are the file's (the header is line 1).
 */
export function parseEnrolmentCsv(text: string): ParsedCsv {
  const problems: CsvRowProblem[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter: delimiterOf(text.replace(/^\uFEFF/, '')),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      people: [],
      rows: 0,
      problems: [
        {
          line,
          field: 'row',
          message: `Not readable as CSV: ${(error as Error).message}`,
          code: 'csv-unreadable',
        },
      ],
    };
  }
  const [header, ...body] = records;
  if (!header)
    return {
      people: [],
      rows: 0,
      problems: [{ line: 1, field: 'row', message: 'The file is empty', code: 'csv-empty' }],
    };
  const columns = header.record.map((h) => HEADERS[h.trim().toLowerCase()]);
  for (const required of ['email', 'fullName', 'territoryCode'] as const) {
    if (!columns.includes(required)) {
      problems.push({
        line: 1,
        field: required,
        message: `No "${required === 'fullName' ? 'full name' : required === 'territoryCode' ? 'territory code' : 'email'}" column in the header`,
        code: 'csv-column-missing',
      });
    }
  }
  if (problems.length) return { people: [], rows: body.length, problems };
  // A header with nobody under it (an untouched template) is refused like an empty file.
  if (!body.length)
    return {
      people: [],
      rows: 0,
      problems: [{ line: 2, field: 'row', message: 'No one is listed under the header', code: 'csv-empty' }],
    };
  if (body.length > MAX_CSV_ROWS) {
    return {
      people: [],
      rows: body.length,
      problems: [
        {
          line: 1,
          field: 'row',
          message: `At most ${MAX_CSV_ROWS} rows per file`,
          code: 'csv-too-many-rows',
          params: { max: MAX_CSV_ROWS },
        },
      ],
    };
  }

  const people: CsvPerson[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    const cell = (field: keyof Omit<CsvPerson, 'line'>) => record[columns.indexOf(field)]?.trim() ?? '';
    const email = cell('email').toLowerCase();
    const fullName = normalizeDisplayName(cell('fullName'));
    const territoryCode = cell('territoryCode').toUpperCase();
    const language =
      (columns.includes('preferredLanguage') ? cell('preferredLanguage') : '').toLowerCase() || 'fr';
    let ok = true;
    const fail = (
      field: CsvRowProblem['field'],
      code: ProblemCode,
      message: string,
      params?: ProblemParams,
    ) => {
      problems.push({ line, field, message, code, ...(params ? { params } : {}) });
      ok = false;
    };
    if (!email) fail('email', 'required', 'The e-mail is missing');
    else if (!isPlainEmail(email))
      fail('email', 'invalid-email', `"${email}" is not an e-mail address`, { value: email });
    else if (firstLineOf.has(email))
      fail(
        'email',
        'duplicate-in-file',
        `Duplicate in the file: ${email} is already on line ${firstLineOf.get(email)}`,
        { value: email, firstLine: firstLineOf.get(email) as number },
      );
    if (!fullName) fail('fullName', 'required', 'The full name is missing');
    else if (!isVisibleDisplayName(fullName))
      fail('fullName', 'no-visible-character', 'The full name has no visible letter or digit');
    else if (fullName.length > DISPLAY_NAME_MAX_LENGTH)
      fail('fullName', 'too-long', `The full name is longer than ${DISPLAY_NAME_MAX_LENGTH} characters`, {
        max: DISPLAY_NAME_MAX_LENGTH,
      });
    if (!territoryCode) fail('territoryCode', 'required', 'The territory code is missing');
    if (!(LOCALES as readonly string[]).includes(language))
      fail('preferredLanguage', 'not-allowed', `"${language}" is not one of fr, ar, en`, {
        value: language,
        allowed: [...LOCALES],
      });
    if (isPlainEmail(email) && !firstLineOf.has(email)) firstLineOf.set(email, line);
    if (ok) people.push({ line, email, fullName, territoryCode, preferredLanguage: language as Locale });
  }
  return { people, problems, rows: body.length };
}

export { neutraliseCell } from '@tc/shared/api';
