import { DEAD_LETTER_ERROR_MAX } from '@tc/shared/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/g;

function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * A job's data as an admin may see it: the fields whose value is an id (a uuid, or a list of them),
 * and the names of the others, whose values are withheld. Jobs carry ids by design, but a handler's
 * author may have put a name, an e-mail or a text in one; the view shows none of that.
 */
export function idsOnly(data: unknown): { ids: Record<string, string | string[]>; withheld: string[] } {
  const ids: Record<string, string | string[]> = {};
  const withheld: string[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ids, withheld };
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (isId(value)) ids[key] = value;
    else if (Array.isArray(value) && value.length > 0 && value.every(isId)) ids[key] = value;
    else withheld.push(key);
  }
  return { ids, withheld: withheld.sort() };
}

/** The last error, e-mail addresses hidden, shortened to {@link DEAD_LETTER_ERROR_MAX} characters. */
export function shortError(output: unknown): string | null {
  const message =
    output && typeof output === 'object' && typeof (output as { message?: unknown }).message === 'string'
      ? (output as { message: string }).message
      : null;
  if (message === null) return null;
  const text = message.replace(EMAIL, '…@…').replace(/\s+/g, ' ').trim();
  return text.length > DEAD_LETTER_ERROR_MAX ? `${text.slice(0, DEAD_LETTER_ERROR_MAX - 1)}…` : text;
}
