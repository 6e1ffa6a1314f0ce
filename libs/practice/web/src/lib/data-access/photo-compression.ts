import { withoutJpegMetadata } from './jpeg-exif';

/** At most this many pixels on the long side. */
export const PHOTO_MAX_SIDE = 1600;
/** At most this many bytes once compressed. */
export const PHOTO_MAX_BYTES = 300 * 1024;

/** What does the resizing: browser-image-compression in the browser, a stand-in in specs. */
export type Compressor = (file: File, options: CompressOptions) => Promise<Blob>;

export interface CompressOptions {
  maxSizeMB: number;
  maxWidthOrHeight: number;
  useWebWorker: boolean;
  fileType: string;
  initialQuality: number;
  preserveExif: boolean;
}

/** A blob's bytes, also where `Blob.arrayBuffer` is missing (Safari before 14, older Android WebViews). */
export function readBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

const loadCompression = () => import('browser-image-compression');

/**
 * Fetches the compression code ahead, while the link is there: a coach who opens a task online and
 * takes the photos later, out of coverage, still has it.
 */
export function preloadPhotoCompression(): void {
  loadCompression().catch(() => undefined);
}

/** browser-image-compression, loaded only for a task that takes photos (not with the lesson page). */
const browserCompressor: Compressor = async (file, options) => {
  const { default: imageCompression } = await loadCompression();
  return imageCompression(file, options);
};

/**
 * A photo as it leaves the phone: at most 1600 px on its long side and about 300 kB, re-encoded as
 * JPEG through a canvas (which drops the EXIF block, GPS position included, after turning the
 * picture upright by its orientation tag); whatever metadata block a browser might still write is
 * removed from the bytes as well, so no position leaves the device whatever the browser does.
 */
export async function compressPhoto(file: File, compressor: Compressor = browserCompressor): Promise<File> {
  const compressed = await compressor(file, {
    maxSizeMB: PHOTO_MAX_BYTES / (1024 * 1024),
    maxWidthOrHeight: PHOTO_MAX_SIDE,
    // In a worker the library would fetch its own code from a CDN: offline it could not.
    useWebWorker: false,
    fileType: 'image/jpeg',
    initialQuality: 0.8,
    preserveExif: false,
  });
  const bytes = withoutJpegMetadata(await readBytes(compressed));
  const name = `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'image/jpeg', lastModified: Date.now() });
}
