import type { EvidenceFileKind } from '@tc/shared/contracts';
import sharp from 'sharp';

/**
 * What a file is, from its first bytes (never from what the client declared): the media type of a
 * kind the task accepts, or null.
 */
export function sniffMediaType(kind: EvidenceFileKind, bytes: Buffer): string | null {
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString('latin1');
  if (kind === 'photo') {
    if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
    if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
    if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
    return null;
  }
  if (kind === 'audio') {
    if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'audio/webm';
    if (ascii(0, 4) === 'OggS') return 'audio/ogg';
    if (ascii(4, 8) === 'ftyp') return 'audio/mp4';
    if (ascii(0, 3) === 'ID3' || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0))
      return 'audio/mpeg';
    return null;
  }
  return ascii(0, 5) === '%PDF-' ? 'application/pdf' : null;
}

/**
 * Whether a photo still carries a GPS position in its EXIF: the device strips it before upload (a coach
 * photographs people and places in the field), so a photo that has one is refused, not silently kept.
 */
export async function carriesGpsPosition(bytes: Buffer): Promise<boolean> {
  const { exif } = await sharp(bytes).metadata();
  return !!exif && exifHasGps(exif);
}

/** Whether an EXIF block (`Exif\0\0` then a TIFF header) has a GPS IFD pointer (tag 0x8825) in IFD0. */
export function exifHasGps(exif: Buffer): boolean {
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  if (tiff.length < 8) return false;
  const order = tiff.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return false;
  const u16 = (at: number) => (order === 'II' ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (order === 'II' ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return false;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return false;
    if (u16(at) === 0x8825) return true;
  }
  return false;
}

/** Names a PDF's dictionary keys that run something when opened or clicked (outside compressed streams). */
const ACTIVE_PDF_KEYS =
  /\/(JavaScript|JS|Launch|OpenAction|AA|EmbeddedFile|RichMedia|XFA|SubmitForm|ImportData)\b/;

/**
 * Whether a PDF asks a reader to run something: a script, a launch, an embedded file. Reads the file's
 * plain bytes; keys hidden inside compressed object streams are not decoded here (the evidence is
 * served with a sandboxing CSP and never inline in the app's origin as a document that can script).
 */
export function pdfHasActiveContent(bytes: Buffer): boolean {
  return ACTIVE_PDF_KEYS.test(bytes.toString('latin1'));
}
