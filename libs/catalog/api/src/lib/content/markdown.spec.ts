/**
 * @jest-environment jsdom
 */
import { renderMarkdown } from './markdown';
import type { ImageLookup } from './responsive-image';

const ALLOWED = new Set([
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'P',
  'BR',
  'HR',
  'BLOCKQUOTE',
  'PRE',
  'CODE',
  'EM',
  'STRONG',
  'S',
  'UL',
  'OL',
  'LI',
  'A',
  'IMG',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TH',
  'TD',
]);

/** What the browser would build from the HTML: every element and attribute, decoded. */
function dangers(html: string): string[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const found: string[] = [];
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    if (!ALLOWED.has(el.tagName)) found.push(`element ${el.tagName}`);
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) found.push(`handler ${attr.name}`);
      if (
        ['href', 'src', 'action', 'formaction', 'style'].includes(attr.name) &&
        /(javascript|vbscript|data):/i.test(attr.value.replace(/\s/g, ''))
      ) {
        found.push(`${attr.name}=${attr.value}`);
      }
    }
  }
  return found;
}

/** Filter-evasion vectors (OWASP XSS cheat sheet and friends), as a trainer could type them in markdown. */
const VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=javascript:alert(&quot;XSS&quot;)>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '<body onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '![x](http://insecure.example/x.png" onerror="alert(1))',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<details open ontoggle=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '"><script>alert(1)</script>',
  '`<script>alert(1)</script>`',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '[a](<javascript:alert(1)>)',
];

describe('markdown rendering keeps nothing executable', () => {
  it.each(VECTORS)('%s', (vector) => {
    const html = renderMarkdown(`Intro\n\n${vector}\n\nOutro`);
    expect(dangers(html)).toEqual([]);
    expect(html).toContain('Outro');
  });

  it.each(VECTORS)('%s, with every image known to the media store', (vector) => {
    const html = renderMarkdown(`Intro\n\n${vector}\n\nOutro`, () => ({
      width: 2000,
      height: 1000,
      bytes: 1,
    }));
    expect(dangers(html)).toEqual([]);
    expect(html).toContain('Outro');
  });

  it('the checker itself sees what a browser would run', () => {
    expect(
      dangers('<img src="x" onerror="alert(1)"><a href="java&#x09;script:alert(1)">x</a><svg></svg>'),
    ).toEqual(['handler onerror', 'href=java\tscript:alert(1)', 'element svg']);
  });

  it('keeps the markdown a lesson needs', () => {
    const html = renderMarkdown(
      '## Vendre\n\n- **prix** juste\n- [Site](https://example.org)\n\n![photo](https://example.org/a.png)\n\n`code`',
    );
    expect(html).toContain('<h2>Vendre</h2>');
    expect(html).toContain('<strong>prix</strong>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">Site</a>');
    expect(html).toContain(
      '<img src="https://example.org/a.png" alt="photo" loading="lazy" decoding="async" />',
    );
    expect(html).toContain('<code>code</code>');
  });

  it('allows images only over https or from the platform', () => {
    expect(renderMarkdown('![a](http://example.org/a.png)')).not.toContain('<img');
    const own = `/api/v1/media/${'a'.repeat(64)}`;
    expect(renderMarkdown(`![a](${own})`)).toContain(`<img src="${own}"`);
  });
});

describe('responsive images', () => {
  const photo = 'b'.repeat(64);
  const small = 'c'.repeat(64);
  const known = new Map([
    [photo, { width: 1500, height: 1000, bytes: 84_000 }],
    [small, { width: 500, height: 250, bytes: 9_000 }],
  ]);
  const images: ImageLookup = (hash) => known.get(hash);

  /** The img elements of the HTML, as a browser parses them. */
  function imgs(html: string): HTMLImageElement[] {
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
    return Array.from(doc.querySelectorAll('img'));
  }

  it('gives our own images srcset, sizes, intrinsic size, lazy loading and their phone-size src', () => {
    const [img] = imgs(renderMarkdown(`![Une coopérative](/api/v1/media/${photo} "Oujda")`, images));
    const base = `/api/v1/media/${photo}`;
    expect(img?.getAttribute('src')).toBe(`${base}?w=640`);
    expect(img?.getAttribute('srcset')).toBe(
      `${base}?w=320 320w, ${base}?w=640 640w, ${base}?w=960 960w, ${base}?w=1280 1280w, ${base} 1500w`,
    );
    expect(img?.getAttribute('sizes')).toBe(
      '(min-width: 56rem) 40rem, (min-width: 45rem) calc(100vw - 16rem), (min-width: 42rem) 40rem, calc(100vw - 2rem)',
    );
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['1500', '1000']);
    expect([img?.getAttribute('loading'), img?.getAttribute('decoding')]).toEqual(['lazy', 'async']);
    expect(img?.getAttribute('alt')).toBe('Une coopérative');
    expect(img?.getAttribute('title')).toBe('Oujda');
    expect(img?.dataset['bytes']).toBe('84000');
  });

  it('never offers a variant wider than the original; a small one is its own src', () => {
    const [img] = imgs(renderMarkdown(`![s](/api/v1/media/${small})`, images));
    const base = `/api/v1/media/${small}`;
    expect(img?.getAttribute('src')).toBe(base);
    expect(img?.getAttribute('srcset')).toBe(`${base}?w=320 320w, ${base} 500w`);
  });

  it('leaves other images, unknown media and the preview (no lookup) without srcset', () => {
    const other = 'd'.repeat(64);
    const html = renderMarkdown(
      `![a](https://example.org/a.png) ![b](/api/v1/media/${other}) ![c](/api/v1/media/${photo}?w=960)`,
      images,
    );
    const [external, unknown, variant] = imgs(html);
    expect(external?.hasAttribute('srcset')).toBe(false);
    expect(external?.getAttribute('src')).toBe('https://example.org/a.png');
    expect(unknown?.hasAttribute('srcset')).toBe(false);
    expect(unknown?.getAttribute('src')).toBe(`/api/v1/media/${other}`);
    // A variant written by hand is brought back to the image itself.
    expect(variant?.getAttribute('srcset')).toContain('1500w');
    const [preview] = imgs(renderMarkdown(`![p](/api/v1/media/${photo})`));
    expect(preview?.getAttribute('src')).toBe(`/api/v1/media/${photo}`);
    expect(preview?.hasAttribute('srcset')).toBe(false);
    expect(preview?.hasAttribute('width')).toBe(false);
  });

  it('drops a media URL with anything else after it, and nothing typed reaches srcset', () => {
    expect(renderMarkdown(`![a](/api/v1/media/${photo}?w=640&x=1)`, images)).not.toContain('<img');
    expect(renderMarkdown(`![a](/api/v1/media/${photo}/../../x)`, images)).not.toContain('<img');
    const [img] = imgs(
      renderMarkdown('![a](https://example.org/a.png "x\\" srcset=\\"javascript:1")', images),
    );
    expect(img?.hasAttribute('srcset')).toBe(false);
  });
});
