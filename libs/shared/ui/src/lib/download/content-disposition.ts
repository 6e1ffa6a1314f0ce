/**
 * The file name a `Content-Disposition` header gives: the RFC 5987 `filename*` (UTF-8) when there is
 * one, else the plain `filename`; null when there is neither, or when the name would leave the
 * download folder (a slash or a backslash in it).
 */
export function filenameOf(disposition: string | null | undefined): string | null {
  if (!disposition) return null;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      name = decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // A malformed escape: the plain name below.
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
    name = (plain?.[2] ?? plain?.[1])?.trim();
  }
  return name && !/[/\\]/.test(name) ? name : null;
}
