/**
 * @jest-environment jsdom
 */
import { renderMarkdown } from './markdown';

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
    expect(html).toContain('<img src="https://example.org/a.png" alt="photo" />');
    expect(html).toContain('<code>code</code>');
  });

  it('allows images only over https or from the platform', () => {
    expect(renderMarkdown('![a](http://example.org/a.png)')).not.toContain('<img');
    const own = `/api/v1/media/${'a'.repeat(64)}`;
    expect(renderMarkdown(`![a](${own})`)).toContain(`<img src="${own}"`);
  });
});
