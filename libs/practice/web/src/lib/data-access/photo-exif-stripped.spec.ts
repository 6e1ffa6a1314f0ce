import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasJpegMetadata, withoutJpegMetadata } from './jpeg-exif';
import { type CompressOptions, compressPhoto, readBytes } from './photo-compression';

/** A 32×16 JPEG whose EXIF block says: rotate 90° (orientation 6), taken at 34°41′ N (GPS). */
const withGps = new Uint8Array(readFileSync(join(__dirname, 'fixtures/exif-gps.jpg')));

/** The bytes of an APP1 segment that starts `Exif\0\0`: what carries a GPS position. */
function exifSegmentAt(bytes: Uint8Array): number {
  for (let i = 2; i + 10 < bytes.length; i++) {
    if (
      bytes[i] === 0xff &&
      bytes[i + 1] === 0xe1 &&
      String.fromCharCode(...bytes.slice(i + 4, i + 8)) === 'Exif'
    )
      return i;
  }
  return -1;
}

describe('a photo of cooperative members leaves the phone without its GPS position', () => {
  it('the fixture really carries an EXIF block with a GPS latitude', () => {
    expect(hasJpegMetadata(withGps)).toBe(true);
    const at = exifSegmentAt(withGps);
    expect(at).toBeGreaterThan(0);
    // GPSLatitudeRef (tag 0x0001) "N" inside it.
    expect(Buffer.from(withGps.slice(at, at + 120)).includes(Buffer.from('N\0'))).toBe(true);
  });

  it('removing the metadata keeps every other byte, in order', () => {
    const stripped = withoutJpegMetadata(withGps);
    expect(hasJpegMetadata(stripped)).toBe(false);
    expect(exifSegmentAt(stripped)).toBe(-1);
    const at = exifSegmentAt(withGps);
    const length = (withGps[at + 2] << 8) | withGps[at + 3];
    expect(stripped.length).toBe(withGps.length - (length + 2));
    expect([...stripped.slice(0, at)]).toEqual([...withGps.slice(0, at)]);
    expect([...stripped.slice(at)]).toEqual([...withGps.slice(at + length + 2)]);
    // Still a JPEG: starts with SOI, ends with EOI.
    expect([stripped[0], stripped[1]]).toEqual([0xff, 0xd8]);
    expect([stripped.at(-2), stripped.at(-1)]).toEqual([0xff, 0xd9]);
  });

  it('a JPEG without metadata, or a file that is not a JPEG, comes back as it was', () => {
    const clean = withoutJpegMetadata(withGps);
    expect(withoutJpegMetadata(clean)).toBe(clean);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(withoutJpegMetadata(png)).toBe(png);
    expect(hasJpegMetadata(png)).toBe(false);
  });

  it('compressPhoto asks for 1600 px, 300 kB, JPEG, no EXIF, and strips what a browser would still keep', async () => {
    let asked: CompressOptions | null = null;
    // A browser whose canvas kept the metadata (the worst case): the bytes come back untouched.
    const keepsEverything = async (file: File, options: CompressOptions) => {
      asked = options;
      return new Blob([(await readBytes(file)) as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });
    };
    const photo = new File([withGps], 'membres-cooperative.jpeg', { type: 'image/jpeg' });
    const out = await compressPhoto(photo, keepsEverything);
    expect(asked).toMatchObject({
      maxWidthOrHeight: 1600,
      maxSizeMB: 300 / 1024,
      fileType: 'image/jpeg',
      preserveExif: false,
      useWebWorker: false,
    });
    const bytes = await readBytes(out);
    expect(out.name).toBe('membres-cooperative.jpg');
    expect(out.type).toBe('image/jpeg');
    expect(exifSegmentAt(bytes)).toBe(-1);
    expect(hasJpegMetadata(bytes)).toBe(false);
  });
});
