/**
 * The addresses in pasted text: one per line, or separated by commas, semicolons or spaces;
 * `Name <address>` keeps the address. Trimmed, each once (case-insensitively), in their order.
 * Nothing is validated here: the server reports what is not an address.
 */
export function splitEmails(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const withoutNames = text.replace(/[^<>\n,;]*<([^<>]*)>/g, ' $1 ');
  for (const part of withoutNames.split(/[\s,;]+/)) {
    const email = part.trim().replace(/^mailto:/i, '');
    if (!email) continue;
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(email);
  }
  return out;
}
