import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { DataSource, In } from 'typeorm';
import type { CourseContent, MediaUpload } from '@tc/shared/contracts';
import { ProblemException } from '@tc/shared/api';
import { CATALOG_OPTIONS, type CatalogOptions } from './catalog.options';
import {
  DEFAULT_WIDTH,
  type ImageInfo,
  type ImageLookup,
  VARIANT_WIDTHS,
  mediaHashesIn,
  mediaUrl,
  variantWidths,
} from './content/responsive-image';
import { MediaEntity } from './entities/media.entity';
import { checkPdf } from './pdf-active-content';

/** Formats resized on the server (GIF may be animated, PDF is not an image: served as stored). */
const RASTER = new Set(['image/jpeg', 'image/png', 'image/webp']);

type VariantFormat = 'webp' | 'jpeg' | 'png';

// One resize at a time per call and no libvips operation cache: the server shares two cores.
sharp.cache(false);
sharp.concurrency(1);

/** Whether an Accept header takes WebP (and does not refuse it with q=0). */
export function acceptsWebp(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => {
    const [type, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (type !== 'image/webp') return false;
    const q = params.find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** A `w` query value as a variant width, or a 400 naming `w`. */
export function parseWidth(raw: unknown): (typeof VARIANT_WIDTHS)[number] {
  const width = typeof raw === 'string' && /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  const allowed = VARIANT_WIDTHS.find((w) => w === width);
  if (allowed === undefined) {
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'validation', 'Invalid request', undefined, [
      {
        field: 'w',
        message: `w must be one of ${VARIANT_WIDTHS.join(', ')}`,
        code: 'not-allowed',
        params: { allowed: VARIANT_WIDTHS.map(String) },
      },
    ]);
  }
  return allowed;
}

interface Sniffed {
  mimeType: string;
  type: MediaUpload['type'];
}

/**
 * The type of a file from its first bytes (never from its name or the browser's claim). Only these
 * formats are accepted: no SVG (it can carry script), no HTML.
 */
export function sniff(bytes: Buffer): Sniffed | null {
  const starts = (sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mimeType: 'image/png', type: 'image' };
  if (starts([0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', type: 'image' };
  if (starts([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61)
    return { mimeType: 'image/gif', type: 'image' };
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8))
    return { mimeType: 'image/webp', type: 'image' };
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return { mimeType: 'application/pdf', type: 'pdf' };
  return null;
}

/**
 * Uploaded images and PDFs, stored once under the SHA-256 of their bytes. JPEG, PNG and WebP images
 * also have resized variants (`VARIANT_WIDTHS`, never wider than the original) in WebP and in their
 * own format, made once on first need and kept beside the original (`<hash>.w640.webp`), with the
 * image's size in `<hash>.info.json`. On disk rather than in the database: they are derived bytes
 * that can always be made again, streamed like the originals, and need no migration.
 */
@Injectable()
export class MediaService {
  private readonly infos = new Map<string, ImageInfo>();
  private readonly making = new Map<string, Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CATALOG_OPTIONS) private readonly options: CatalogOptions,
  ) {}

  private pathOf(hash: string): string {
    return join(this.options.mediaDir, hash.slice(0, 2), hash);
  }

  async store(uploaderId: string, bytes: Buffer): Promise<MediaUpload> {
    if (!bytes.length) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'media-empty', 'Empty file', undefined, [
        { field: 'file', message: 'The file is empty', code: 'media-empty' },
      ]);
    }
    const kind = sniff(bytes);
    if (!kind) {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'media-type',
        'Unsupported file type',
        'Upload a PNG, JPEG, WebP or GIF image, or a PDF.',
        [
          {
            field: 'file',
            message: 'The content is not a PNG, JPEG, WebP, GIF or PDF file',
            code: 'media-type',
          },
        ],
      );
    }
    if (kind.mimeType === 'application/pdf') {
      const check = checkPdf(bytes);
      if (!check.ok) {
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          'media-pdf-active-content',
          'PDF with active content',
          'PDFs that run scripts or actions, start programs or carry other files are not accepted. Save the document again as a plain PDF (for example with "Print to PDF").',
          [
            {
              field: 'file',
              message: `The PDF is refused: ${check.reason} (scripts, actions, launched programs, embedded files and XFA forms are not accepted)`,
              code: 'media-pdf-active-content',
            },
          ],
        );
      }
    }
    const hash = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(hash);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(join(this.options.mediaDir, hash.slice(0, 2)), { recursive: true });
      // Write then rename: a reader never sees half a file.
      const partial = `${path}.${process.pid}.part`;
      await writeFile(partial, bytes);
      await rename(partial, path);
    }
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(MediaEntity)
      .values({ hash, mimeType: kind.mimeType, size: bytes.length, uploadedBy: uploaderId })
      .orIgnore()
      .execute();
    if (RASTER.has(kind.mimeType)) {
      // Its size and phone-size variant now, so that the first coach does not wait for them.
      await this.info(hash).catch(() => undefined);
    }
    return { hash, type: kind.type, mimeType: kind.mimeType, size: bytes.length, url: mediaUrl(hash) };
  }

  async open(hash: string): Promise<{ stream: ReadStream; mimeType: string; size: number }> {
    const row = /^[0-9a-f]{64}$/.test(hash)
      ? await this.dataSource.manager.findOne(MediaEntity, { where: { hash } })
      : null;
    if (!row) throw new NotFoundException('No such media.');
    const path = this.pathOf(hash);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists) throw new NotFoundException('No such media.');
    return { stream: createReadStream(path), mimeType: row.mimeType, size: row.size };
  }

  /**
   * A resized variant (`width` from `VARIANT_WIDTHS`): WebP when the browser takes it, else the
   * original's format; the original itself when it is not wider than `width` (never an upscale).
   */
  async openVariant(
    hash: string,
    width: number,
    webp: boolean,
  ): Promise<{ stream: ReadStream; mimeType: string; size: number }> {
    const row = /^[0-9a-f]{64}$/.test(hash)
      ? await this.dataSource.manager.findOne(MediaEntity, { where: { hash } })
      : null;
    if (!row) throw new NotFoundException('No such media.');
    if (!RASTER.has(row.mimeType)) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'validation', 'Invalid request', undefined, [
        {
          field: 'w',
          message: 'Only JPEG, PNG and WebP images have resized variants',
          code: 'media-no-variants',
        },
      ]);
    }
    const info = await this.info(hash);
    if (width >= info.width) return this.open(hash);
    const format = webp ? 'webp' : formatOf(row.mimeType);
    const path = await this.variant(hash, width, format);
    const { size } = await stat(path);
    return { stream: createReadStream(path), mimeType: `image/${format}`, size };
  }

  /** What the lesson renderer needs of the images `content` shows (cover, media lessons, texts). */
  async imagesOf(content: CourseContent): Promise<ImageLookup> {
    const hashes = new Set(mediaHashesIn(JSON.stringify(content)));
    if (content.coverImageHash) hashes.add(content.coverImageHash);
    for (const lesson of content.modules.flatMap((m) => m.lessons)) {
      if (lesson.media?.mediaHash) hashes.add(lesson.media.mediaHash);
    }
    const known = new Map<string, ImageInfo>();
    const missing = [...hashes].filter((h) => {
      const info = this.infos.get(h);
      if (info) known.set(h, info);
      return !info;
    });
    if (missing.length) {
      const rows = await this.dataSource.manager.find(MediaEntity, {
        where: { hash: In(missing) },
        select: { hash: true, mimeType: true },
      });
      for (const row of rows.filter((r) => RASTER.has(r.mimeType))) {
        // A file that cannot be read is shown as a plain image, not an error for the whole course.
        const info = await this.info(row.hash).catch(() => undefined);
        if (info) known.set(row.hash, info);
      }
    }
    return (hash) => known.get(hash);
  }

  /** Size of a stored raster image, from memory, its info file, or the image (then kept). */
  private async info(hash: string): Promise<ImageInfo> {
    const cached = this.infos.get(hash);
    if (cached) return cached;
    const infoPath = `${this.pathOf(hash)}.info.json`;
    let info = await readFile(infoPath, 'utf8').then(
      (text) => JSON.parse(text) as ImageInfo,
      () => null,
    );
    if (!info) {
      const meta = await sharp(this.pathOf(hash)).metadata();
      const { width, height } = meta.autoOrient;
      // The bytes a page fetches first (`src`): the phone-size variant in WebP, else the original.
      const first = variantWidths(width).includes(DEFAULT_WIDTH)
        ? await this.variant(hash, DEFAULT_WIDTH, 'webp')
        : this.pathOf(hash);
      const bytes = (await stat(first)).size;
      info = { width, height, bytes };
      await writeAtomically(infoPath, Buffer.from(JSON.stringify(info)));
    }
    this.infos.set(hash, info);
    return info;
  }

  /** The path of a variant, made first if it is not there (one maker per variant at a time). */
  private async variant(hash: string, width: number, format: VariantFormat): Promise<string> {
    const path = `${this.pathOf(hash)}.w${width}.${format}`;
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (exists) return path;
    let making = this.making.get(path);
    if (!making) {
      making = (async () => {
        const resized = sharp(this.pathOf(hash)).autoOrient().resize({ width, withoutEnlargement: true });
        const bytes =
          format === 'webp'
            ? await resized.webp({ quality: 75, effort: 4 }).toBuffer()
            : format === 'jpeg'
              ? await resized.jpeg({ quality: 78, mozjpeg: true }).toBuffer()
              : await resized.png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer();
        await writeAtomically(path, bytes);
      })().finally(() => this.making.delete(path));
      this.making.set(path, making);
    }
    await making;
    return path;
  }
}

function formatOf(mimeType: string): VariantFormat {
  return mimeType === 'image/png' ? 'png' : mimeType === 'image/webp' ? 'webp' : 'jpeg';
}

/** Write then rename: a reader never sees half a file. */
async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  await writeFile(partial, bytes);
  await rename(partial, path);
}
