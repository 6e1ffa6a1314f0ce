import type { EntityManager } from 'typeorm';
import { transactionQuery } from '@tc/shared/api';
import { PERSON_COLUMNS, type PersonColumn } from './person-data';

/** An identifier from the register (never from a request), quoted for SQL. */
function quoted(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not an identifier: ${name}`);
  return `"${name}"`;
}

/** The condition that picks a person's rows through one register entry; `$1` is their id (their e-mail for `email`). */
function condition(entry: PersonColumn): string {
  const column = `t.${quoted(entry.column)}`;
  switch (entry.reach) {
    case 'self':
      return `${column} = $1`;
    case 'enrolment':
      return `${column} IN (SELECT e.id FROM enrolments e WHERE e.user_id = $1)`;
    case 'submission':
      return `${column} IN (SELECT s.id FROM practice_submissions s WHERE s.coach_id = $1)`;
    case 'email':
      return `${column} = $1`;
    case 'audit-subject':
      return `t.subject_type = 'user' AND ${column} = $1::text`;
  }
}

/** One register entry's rows for the archive: the person's, without the omitted columns. */
export interface PersonRows {
  table: string;
  column: string;
  domain: string;
  about: string;
  rows: Record<string, unknown>[];
}

/**
 * Every register entry's rows for one person, read in one repeatable-read transaction so that the
 * archive is one moment's picture. The columns read are the table's own (information_schema) less
 * the entry's `omit`: a column added later is exported without a change here.
 */
export async function personRows(
  manager: EntityManager,
  person: { id: string; email: string },
): Promise<PersonRows[]> {
  const columns = await transactionQuery<{ table_name: string; column_name: string }>(
    manager,
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1::text[])
      ORDER BY table_name, ordinal_position`,
    [[...new Set(PERSON_COLUMNS.map((e) => e.table))]],
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  const out: PersonRows[] = [];
  for (const entry of PERSON_COLUMNS) {
    const kept = (byTable.get(entry.table) ?? []).filter((c) => !entry.omit?.includes(c));
    if (kept.length === 0) throw new Error(`The register names a table the schema lacks: ${entry.table}`);
    const rows = await transactionQuery<Record<string, unknown>>(
      manager,
      `SELECT ${kept.map((c) => `t.${quoted(c)}`).join(', ')} FROM ${quoted(entry.table)} t
        WHERE ${condition(entry)}`,
      [entry.reach === 'email' ? person.email : person.id],
    );
    out.push({ table: entry.table, column: entry.column, domain: entry.domain, about: entry.about, rows });
  }
  return out;
}
