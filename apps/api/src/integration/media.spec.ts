import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../testing/test-app';

function multipart(bytes: Buffer, type: string): { body: Buffer; contentType: string } {
  const boundary = '----tc' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    body: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A 1500×1000 PNG with some detail (a gradient), made here: no file to license. */
async function photoPng(width = 1500, height = 1000): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = ((x + y) * 7) % 256;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

const WEBP_ACCEPT = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';

describe('media: resized variants of course images (real database, files on disk)', () => {
  let t: TestApp;
  let trainer: string;
  let mediaDir: string;
  let hash: string;

  beforeAll(async () => {
    mediaDir = mkdtempSync(join(tmpdir(), 'tc-media-'));
    t = await createTestApp({ DEMO_SEED: 'true', MEDIA_DIR: mediaDir });
    trainer = (await t.signIn('trainer@example.org')).accessToken;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  const upload = async (bytes: Buffer, type: string) => {
    const form = multipart(bytes, type);
    const res = await t.request('POST', '/api/v1/media', {
      token: trainer,
      body: form.body,
      headers: { 'content-type': form.contentType },
    });
    expect(res.status).toBe(201);
    return res.body as { hash: string; url: string };
  };

  it('serves each width in WebP to a browser that takes it, else in PNG, never upscaled', async () => {
    ({ hash } = await upload(await photoPng(), 'image/png'));
    for (const [w, h] of [
      [320, 213],
      [640, 427],
      [960, 640],
      [1280, 853],
    ] as const) {
      const webp = await t.request('GET', `/api/v1/media/${hash}?w=${w}`, {
        headers: { accept: WEBP_ACCEPT },
      });
      expect(webp.status).toBe(200);
      expect(webp.headers['content-type']).toBe('image/webp');
      expect(webp.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(String(webp.headers['vary'])).toMatch(/accept/i);
      expect(Number(webp.headers['content-length'])).toBe(webp.raw.length);
      const decoded = await sharp(webp.raw).metadata();
      expect([decoded.format, decoded.width, decoded.height]).toEqual(['webp', w, h]);

      const png = await t.request('GET', `/api/v1/media/${hash}?w=${w}`, {
        headers: { accept: 'image/png' },
      });
      expect(png.headers['content-type']).toBe('image/png');
      const plain = await sharp(png.raw).metadata();
      expect([plain.format, plain.width, plain.height]).toEqual(['png', w, h]);
    }
    // The original, as stored, without w.
    const original = await t.request('GET', `/api/v1/media/${hash}`);
    expect((await sharp(original.raw).metadata()).width).toBe(1500);

    // A 200-pixel image asked at 320 is not blown up: the original comes back.
    const { hash: tiny } = await upload(await photoPng(200, 100), 'image/png');
    const small = await t.request('GET', `/api/v1/media/${tiny}?w=320`, { headers: { accept: WEBP_ACCEPT } });
    expect(small.status).toBe(200);
    const meta = await sharp(small.raw).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 200, 100]);
  });

  it('makes a variant once and keeps it on disk', async () => {
    const path = join(mediaDir, hash.slice(0, 2), `${hash}.w960.webp`);
    const before = statSync(path).mtimeMs;
    const again = await t.request('GET', `/api/v1/media/${hash}?w=960`, { headers: { accept: WEBP_ACCEPT } });
    expect(again.status).toBe(200);
    expect(statSync(path).mtimeMs).toBe(before);
    expect(again.raw.length).toBe(statSync(path).size);
  });

  it.each(['500', 'abc', '', '-640', '640.0', '99999', '0640x'])(
    'answers w=%s with a 400 naming w',
    async (w) => {
      const res = await t.request('GET', `/api/v1/media/${hash}?w=${encodeURIComponent(w)}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'w' })]);
    },
  );

  it('refuses w twice, and w on a PDF, naming w', async () => {
    const twice = await t.request('GET', `/api/v1/media/${hash}?w=640&w=320`);
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].field).toBe('w');
    const pdf = await upload(Buffer.from('%PDF-1.7\n%%EOF\n'), 'application/pdf');
    const res = await t.request('GET', `${pdf.url}?w=640`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('w');
    expect((await t.request('GET', `/api/v1/media/${'0'.repeat(64)}?w=640`)).status).toBe(404);
  });

  it('renders the image in a lesson with srcset, sizes, width and height for coaches', async () => {
    const course = await t.request('POST', '/api/v1/courses', {
      token: trainer,
      body: { slug: 'photos', title: { fr: 'Photos' }, defaultLocale: 'fr', locales: ['fr'] },
    });
    const withModule = await t.request('POST', `/api/v1/courses/${course.body.id}/modules`, {
      token: trainer,
      body: { title: { fr: 'Module' } },
    });
    const moduleId = withModule.body.modules[0].id as string;
    await t.request('POST', `/api/v1/courses/${course.body.id}/modules/${moduleId}/lessons`, {
      token: trainer,
      body: { kind: 'text', title: { fr: 'Le marché' }, body: { fr: `![Le marché](/api/v1/media/${hash})` } },
    });
    const preview = await t.request('GET', `/api/v1/courses/${course.body.id}/preview?locale=fr`, {
      token: trainer,
    });
    expect(preview.status).toBe(200);
    const html = preview.body.modules[0].lessons[0].html as string;
    const base = `/api/v1/media/${hash}`;
    expect(html).toContain(`src="${base}?w=640"`);
    expect(html).toContain(
      `srcset="${base}?w=320 320w, ${base}?w=640 640w, ${base}?w=960 960w, ${base}?w=1280 1280w, ${base} 1500w"`,
    );
    expect(html).toContain('width="1500" height="1000"');
    expect(html).toContain('loading="lazy" decoding="async"');
    // The button's figure is the phone-size WebP a browser receives for src.
    const phone = await t.request('GET', `${base}?w=640`, { headers: { accept: WEBP_ACCEPT } });
    expect(html).toContain(`data-bytes="${phone.raw.length}"`);
  });
});
