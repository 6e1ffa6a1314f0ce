import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '@tc/shared/testing';

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

/** A PDF file of these objects (object n is `objects[n - 1]`), with its cross-reference table. */
function pdfOf(objects: (string | Buffer)[], trailer = '/Root 1 0 R'): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    const part = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.from(body),
      Buffer.from('\nendobj\n'),
    ]);
    offsets.push(length);
    length += part.length;
    parts.push(part);
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} ${trailer} >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([...parts, Buffer.from(xref)]);
}

function stream(dict: string, data: Buffer | string): Buffer {
  const bytes = Buffer.from(data);
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`),
    bytes,
    Buffer.from('\nendstream'),
  ]);
}

/** An object stream holding `objects` (numbered from `first`), as a PDF packs them. */
function objectStream(objects: string[], first: number): { dict: string; data: Buffer } {
  let offset = 0;
  const header: string[] = [];
  for (const [i, o] of objects.entries()) {
    header.push(`${first + i} ${offset}`);
    offset += o.length + 1;
  }
  const head = `${header.join(' ')} `;
  return {
    dict: `/Type /ObjStm /N ${objects.length} /First ${head.length}`,
    data: Buffer.from(head + objects.join(' ')),
  };
}

const PAGES = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
const PAGE =
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>';
const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
const CONTENT = stream(
  '/Filter /FlateDecode',
  deflateSync('BT /F1 12 Tf 20 100 Td (Bonjour) Tj ET q 4 0 0 1 20 20 cm /Im1 Do Q'),
);
/** Pixels are not PDF syntax: four grey pixels that read "/JS " are no script. */
const IMAGE = stream(
  '/Type /XObject /Subtype /Image /Width 4 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8',
  '/JS ',
);
/** An ordinary one-page PDF (opening on its page, fitted: not an action). */
const PLAIN_PDF = pdfOf([
  '<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>',
  PAGES,
  PAGE,
  CONTENT,
  FONT,
  IMAGE,
]);
/** As LaTeX (hyperref) writes one: objects packed in a compressed stream, opening with a /GoTo to its page. */
const goTo = objectStream(
  ['<< /Type /Catalog /Pages 2 0 R /OpenAction 8 0 R >>', '<< /S /GoTo /D [3 0 R /Fit] >>'],
  7,
);
const PACKED_PDF = pdfOf(
  [stream(`${goTo.dict} /Filter /FlateDecode`, deflateSync(goTo.data)), PAGES, PAGE, CONTENT, FONT, IMAGE],
  '/Root 7 0 R',
);
const ALERT = '<< /S /JavaScript /JS (app.alert(1)) >>';
const packed = objectStream([`<< /Type /Catalog /Pages 2 0 R /OpenAction ${ALERT} >>`], 6);
/** PNG "Up" rows of 8 bytes (filter byte 2), as /DecodeParms << /Predictor 12 /Columns 8 >> reads them. */
function pngUp(data: Buffer): Buffer {
  const rows: Buffer[] = [];
  const padded = Buffer.concat([data, Buffer.alloc((8 - (data.length % 8)) % 8, 0x20)]);
  for (let r = 0; r < padded.length; r += 8) {
    const row = Buffer.alloc(9);
    row[0] = 2;
    for (let i = 0; i < 8; i++)
      row[i + 1] = ((padded[r + i] as number) - (r ? (padded[r - 8 + i] as number) : 0)) & 0xff;
    rows.push(row);
  }
  return Buffer.concat(rows);
}
const ACTIVE_PDFS: [string, Buffer, RegExp][] = [
  [
    'a script run on opening (/OpenAction, /JS)',
    pdfOf([`<< /Type /Catalog /Pages 2 0 R /OpenAction ${ALERT} >>`, PAGES, PAGE, CONTENT, FONT]),
    /\/OpenAction/,
  ],
  [
    'a document-level script with hex-escaped names (/J#61vaScript, /J#53)',
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R /Names << /J#61vaScript << /Names [(a) 6 0 R] >> >> >>',
      PAGES,
      PAGE,
      CONTENT,
      FONT,
      '<< /S /J#61vaScript /J#53 (app.alert(1)) >>',
    ]),
    /\/JavaScript/,
  ],
  [
    'a script inside a Flate-compressed object stream',
    pdfOf(
      [stream(`${packed.dict} /Filter /FlateDecode`, deflateSync(packed.data)), PAGES, PAGE, CONTENT, FONT],
      '/Root 6 0 R',
    ),
    /\/OpenAction/,
  ],
  [
    'a script inside an object stream with an escaped filter name and a PNG predictor',
    pdfOf(
      [
        stream(
          `${packed.dict} /Filter /Fl#61teDecode /DecodeParms << /Predictor 12 /Columns 8 >>`,
          deflateSync(pngUp(packed.data)),
        ),
        PAGES,
        PAGE,
        CONTENT,
        FONT,
      ],
      '/Root 6 0 R',
    ),
    /\/OpenAction/,
  ],
  [
    'a program launched when a page opens (/AA, /Launch)',
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      PAGES,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /AA << /O << /S /Launch /F (cmd.exe) >> >> >>',
    ]),
    /\/AA/,
  ],
  [
    'a web page opened by itself (/OpenAction /URI)',
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /URI /URI (https://example.com/) >> >>',
      PAGES,
      PAGE,
      CONTENT,
      FONT,
    ]),
    /\/OpenAction/,
  ],
  [
    'an embedded file',
    pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', PAGES, PAGE, stream('/Type /EmbeddedFile', 'MZ')]),
    /\/EmbeddedFile/,
  ],
  [
    'an XFA form',
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /XFA 6 0 R >> >>',
      PAGES,
      PAGE,
      CONTENT,
      FONT,
      stream('', '<xdp:xdp/>'),
    ]),
    /\/XFA/,
  ],
  [
    'rich media',
    pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', PAGES, '<< /Type /Annot /Subtype /RichMedia >>']),
    /\/RichMedia/,
  ],
  [
    'a script object hidden in another stream’s bytes (an xref entry can point there)',
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      PAGES,
      PAGE,
      stream('', `BT ET\n7 0 obj ${ALERT} endobj\n`),
      FONT,
    ]),
    /\/JavaScript/,
  ],
  [
    'an encrypted file (its object streams cannot be read)',
    pdfOf(
      ['<< /Type /Catalog /Pages 2 0 R >>', PAGES, PAGE, CONTENT, FONT, '<< /Filter /Standard /V 2 /R 3 >>'],
      '/Root 1 0 R /Encrypt 6 0 R',
    ),
    /encrypted/,
  ],
  [
    'an object stream that inflates past the bound (a zip bomb)',
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      PAGES,
      PAGE,
      stream(
        '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode',
        deflateSync(Buffer.alloc(80 * 1024 * 1024, 0x20)),
      ),
    ]),
    /too large/,
  ],
  [
    'an object stream in an encoding the check cannot read (LZW)',
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      PAGES,
      PAGE,
      stream('/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode', Buffer.from([0x80, 0x0b, 0x60, 0x50])),
    ]),
    /cannot be checked/,
  ],
];

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
      expect(webp.headers['cache-control']).toBe('private, max-age=31536000, immutable');
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

  it('accepts an ordinary PDF and serves it as a download, sandboxed, never inline', async () => {
    const { url } = await upload(PLAIN_PDF, 'application/pdf');
    const res = await t.request('GET', url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[0-9a-f]{12}\.pdf"$/);
    expect(String(res.headers['content-security-policy'])).toMatch(/(^|;\s*)sandbox(;|$)/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.raw.equals(PLAIN_PDF)).toBe(true);
    expect((await upload(PACKED_PDF, 'application/pdf')).url).toMatch(/^\/api\/v1\/media\/[0-9a-f]{64}$/);
    // Images stay inline: lessons show them.
    expect((await t.request('GET', `/api/v1/media/${hash}`)).headers['content-disposition']).toBe('inline');
  });

  it.each(ACTIVE_PDFS)('refuses a PDF with %s: a 400 naming the file', async (_what, bytes, reason) => {
    const form = multipart(bytes, 'application/pdf');
    const res = await t.request('POST', '/api/v1/media', {
      token: trainer,
      body: form.body,
      headers: { 'content-type': form.contentType },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { field: 'file', message: expect.stringMatching(reason), code: 'media-pdf-active-content' },
    ]);
    const stored = (await t.dataSource.query(`SELECT count(*)::int AS n FROM media WHERE size = $1`, [
      bytes.length,
    ])) as { n: number }[];
    expect(stored[0]?.n).toBe(0);
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
