import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { MediaUpload } from '@tc/shared/contracts';
import { ProblemException } from '@tc/shared/api';
import { CATALOG_OPTIONS, type CatalogOptions } from './catalog.options';
import { mediaUrl } from './content/coach-view';
import { MediaEntity } from './entities/media.entity';

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

/** Uploaded images and PDFs, stored once under the SHA-256 of their bytes. */
@Injectable()
export class MediaService {
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
        { field: 'file', message: 'The file is empty' },
      ]);
    }
    const kind = sniff(bytes);
    if (!kind) {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'media-type',
        'Unsupported file type',
        'Upload a PNG, JPEG, WebP or GIF image, or a PDF.',
        [{ field: 'file', message: 'The content is not a PNG, JPEG, WebP, GIF or PDF file' }],
      );
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
}
