/**
 * Reading an Open Badges 3.0 credential out of what a visitor gives the check page: the JSON file, a
 * badge image with the credential baked in (PNG: an `iTXt` chunk with the keyword
 * `openbadgecredential`; SVG: an `<openbadges:credential>` element), or pasted text. All of it runs
 * in the browser; only the credential found is sent to be verified.
 */

/**
 * The OB 3.0 baking namespace of the SVG element (§5.3.2.1 writes it with https); the http spelling is
 * read as well, since some bakers write it so.
 */
export const OPENBADGES_NS = 'https://purl.imsglobal.org/ob/v3p0';
const OPENBADGES_NAMESPACES = [OPENBADGES_NS, 'http://purl.imsglobal.org/ob/v3p0'];
/** The keyword of the PNG chunk that holds the credential. */
export const PNG_KEYWORD = 'openbadgecredential';
/** Larger than any badge we issue by far; anything bigger is not worth reading in a phone's memory. */
export const MAX_FILE_BYTES = 5_000_000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Why nothing could be sent: each has a sentence under `verify.check.errors.*`. */
export type CredentialFileError = 'no-credential' | 'not-json' | 'not-an-object' | 'too-large' | 'unreadable';

export type CredentialRead =
  { ok: true; credential: Record<string, unknown> } | { ok: false; error: CredentialFileError };

/** What a PNG's credential chunk holds: its text, or its zlib-compressed bytes (compression flag 1). */
export type PngCredentialText = { text: string } | { deflated: Uint8Array };

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * The text of the PNG's `iTXt` chunk whose keyword is `openbadgecredential`, or null when the bytes
 * are not a PNG or hold no such chunk. Walks the chunks (length, type, data, CRC) up to `IEND` and
 * never reads past the end of a truncated file. An iTXt chunk's data: keyword, NUL, compression flag,
 * compression method, language tag, NUL, translated keyword, NUL, then the UTF-8 text.
 */
export function pngCredentialText(bytes: Uint8Array): PngCredentialText | null {
  if (!isPng(bytes)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = latin1(at + 4, at + 8);
    const start = at + 8;
    const end = start + length;
    if (end > bytes.length) return null;
    if (type === 'IEND') return null;
    if (type === 'iTXt') {
      const found = iTxtText(bytes.subarray(start, end));
      if (found) return found;
    }
    at = end + 4;
  }
  return null;
}

function iTxtText(data: Uint8Array): PngCredentialText | null {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1) return null;
  if (String.fromCharCode(...data.subarray(0, keywordEnd)) !== PNG_KEYWORD) return null;
  const compressed = data[keywordEnd + 1] === 1;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  if (languageEnd < 0) return null;
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  const text = data.subarray(translatedEnd + 1);
  return compressed ? { deflated: text } : { text: new TextDecoder().decode(text) };
}

/**
 * The text of the SVG's `<openbadges:credential>` element (namespace OB 3.0), trimmed, or null when
 * the text is not well-formed SVG/XML or has no such element. (A VC-JWT credential sits in the
 * element's `verify` attribute instead: not ours to read, as the verifier takes Data Integrity proofs.)
 */
export function svgCredentialText(svg: string, parser: DOMParser = new DOMParser()): string | null {
  const doc = parser.parseFromString(svg, 'image/svg+xml');
  if (doc.getElementsByTagName('parsererror').length) return null;
  const element = OPENBADGES_NAMESPACES.map((ns) => doc.getElementsByTagNameNS(ns, 'credential')[0]).find(
    (e) => e !== undefined,
  );
  const text = element?.textContent?.trim();
  return text ? text : null;
}

/** Pasted or extracted text as a credential object: JSON, and an object (not an array or a string). */
export function credentialFromText(text: string): CredentialRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not-json' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, error: 'not-an-object' };
  return { ok: true, credential: value as Record<string, unknown> };
}

/** Inflates zlib-compressed bytes with the browser's own stream (null where it has none or they are bad). */
async function inflate(bytes: Uint8Array): Promise<string | null> {
  if (typeof DecompressionStream === 'undefined') return null;
  try {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
    return await new Response(stream).text();
  } catch {
    return null;
  }
}

/**
 * A chosen file as a credential, whatever it is: a PNG (by its signature), an SVG or other XML (text
 * starting with `<`), else JSON. Every failure is one of `CredentialFileError`, never an exception.
 */
export async function readCredentialFile(file: Blob): Promise<CredentialRead> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: 'too-large' };
  let bytes: Uint8Array;
  try {
    bytes = await bytesOf(file);
  } catch {
    return { ok: false, error: 'unreadable' };
  }
  if (isPng(bytes)) {
    const found = pngCredentialText(bytes);
    if (!found) return { ok: false, error: 'no-credential' };
    const text = 'text' in found ? found.text : await inflate(found.deflated);
    return text ? asCredential(text) : { ok: false, error: 'no-credential' };
  }
  const text = new TextDecoder()
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .trim();
  if (text.startsWith('<')) {
    const found = svgCredentialText(text);
    return found ? asCredential(found) : { ok: false, error: 'no-credential' };
  }
  const read = credentialFromText(text);
  // A file that is neither an image nor JSON is simply not a credential file.
  return !read.ok && read.error === 'not-json' ? { ok: false, error: 'no-credential' } : read;
}

/** The file's bytes (`Blob.arrayBuffer`, or `FileReader` where a Blob has no such method). */
function bytesOf(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/** Text found inside a badge: JSON expected; anything else (a JWT, garbage) means no usable credential. */
function asCredential(text: string): CredentialRead {
  const read = credentialFromText(text);
  return read.ok ? read : { ok: false, error: 'no-credential' };
}
