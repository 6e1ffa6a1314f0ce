import type { ResentInvitations } from '@tc/shared/contracts';

/** The export's column titles, in the page's language. */
export interface InvitationCsvHeaders {
  name: string;
  email: string;
  link: string;
  expiresAt: string;
}

/**
 * A cell as a spreadsheet should read it: text that would run as a formula (`=`, `+`, `-`, `@`, tab,
 * carriage return first) gets a leading apostrophe; a cell holding the separator, a quote or a line
 * break is quoted, its quotes doubled.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** `YYYY-MM-DD HH:mm` in the reader's time zone: sortable, and read as a date by spreadsheets. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/**
 * The links of a cohort's open invitations as a file for French spreadsheets: UTF-8 with a byte order
 * mark, `;` between cells, CRLF between lines; one line per invitation (name, address, link, expiry).
 */
export function invitationLinksCsv(links: ResentInvitations['links'], headers: InvitationCsvHeaders): string {
  const lines = [
    [headers.name, headers.email, headers.link, headers.expiresAt],
    ...links.map((l) => [l.name ?? '', l.email, l.url ?? '', localDateTime(l.expiresAt)]),
  ];
  return '\uFEFF' + lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/** `invitations-<cohort name>-<YYYY-MM-DD>.csv`, the name reduced to letters, digits and dashes. */
export function invitationLinksFilename(cohortName: string, today = new Date()): string {
  const name = cohortName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
  const day = localDateTime(today.toISOString()).slice(0, 10);
  return `invitations-${name ? `${name}-` : ''}${day}.csv`;
}
