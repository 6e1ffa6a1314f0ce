/**
 * JPEG metadata, read from the bytes. A photo of a cooperative's members must not leave the phone
 * with its GPS position, camera or time: the EXIF block (an APP1 segment starting `Exif\0\0`) and
 * the XMP block (an APP1 segment starting with the Adobe namespace) are what carry them.
 */

const SOI = 0xd8;
const SOS = 0xda;
const APP1 = 0xe1;
const EXIF = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00];
const XMP = 'http://ns.adobe.com/xap/1.0/';

interface Segment {
  marker: number;
  start: number;
  /** Past the segment's last byte. */
  end: number;
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === SOI;
}

/** The marker segments before the image data (where metadata lives), or null if malformed. */
function headerSegments(bytes: Uint8Array): Segment[] | null {
  const segments: Segment[] = [];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    // Fill bytes before a marker.
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2) return null;
    const end = at + 2 + length;
    if (end > bytes.length) return null;
    segments.push({ marker, start: at, end });
    if (marker === SOS) return segments;
    at = end;
  }
  return segments;
}

function startsWith(bytes: Uint8Array, at: number, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

function isMetadata(bytes: Uint8Array, s: Segment): boolean {
  if (s.marker !== APP1) return false;
  const body = s.start + 4;
  return (
    startsWith(bytes, body, EXIF) ||
    startsWith(
      bytes,
      body,
      [...XMP].map((c) => c.charCodeAt(0)),
    )
  );
}

/** Whether a JPEG carries an EXIF or XMP block (false for anything that is not a JPEG). */
export function hasJpegMetadata(bytes: Uint8Array): boolean {
  if (!isJpeg(bytes)) return false;
  return (headerSegments(bytes) ?? []).some((s) => isMetadata(bytes, s));
}

/**
 * The JPEG without its EXIF and XMP blocks, every other byte as it was (the same array when there
 * was nothing to remove, or when it is not a JPEG).
 */
export function withoutJpegMetadata(bytes: Uint8Array): Uint8Array {
  if (!isJpeg(bytes)) return bytes;
  const drop = (headerSegments(bytes) ?? []).filter((s) => isMetadata(bytes, s));
  if (!drop.length) return bytes;
  const out = new Uint8Array(bytes.length - drop.reduce((n, s) => n + s.end - s.start, 0));
  let from = 0;
  let to = 0;
  for (const s of drop) {
    out.set(bytes.subarray(from, s.start), to);
    to += s.start - from;
    from = s.end;
  }
  out.set(bytes.subarray(from), to);
  return out;
}
