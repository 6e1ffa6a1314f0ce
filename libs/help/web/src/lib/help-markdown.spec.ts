import { cleanHelpHtml, frenchSpacing, helpContent, placeholdersOf } from './help-markdown';

function render(markdown: string, values: Record<string, string> = {}): HTMLElement {
  const host = document.createElement('div');
  host.append(helpContent(markdown, document, (name) => values[name] ?? null));
  return host;
}

describe('help texts: markdown made safe', () => {
  it('renders lists, emphasis and links, headings one level down (the page has its h1 and h2)', () => {
    const html = render('# Part\n\n## Topic\n\nRead **this**:\n\n1. one\n2. two\n\n[Join](/join)').innerHTML;
    expect(html).toBe(
      '<h2>Part</h2>\n<h3>Topic</h3>\n<p>Read <strong>this</strong>:</p>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n<p><a href="/join">Join</a></p>\n',
    );
  });

  it('shows raw HTML as text and refuses script links (markdown-it, first layer)', () => {
    const host = render('<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))');
    expect(host.querySelector('script, img')).toBeNull();
    expect(host.textContent).toContain('<script>alert(1)</script>');
    expect(host.querySelector('a')).toBeNull();
  });

  it('keeps only allowed tags and attributes, and https, mail and in-app links (second layer)', () => {
    const body = cleanHelpHtml(
      '<p onclick="x()" class="c">a<img src="x" onerror="y()"><iframe src="https://e.example"></iframe></p>' +
        '<a href="http://plain.example">http</a><a href="//evil.example">proto</a><a href=" JAVASCRIPT:x">js</a>' +
        '<a href="https://ok.example" target="_blank">ok</a><a href="mailto:aide@example.org">mail</a>' +
        '<a href="/learn">app</a><table><tr><td style="color:red">c</td><th style="text-align:right">r</th></tr></table>',
    );
    expect(body.querySelector('img, iframe')).toBeNull();
    expect(body.querySelector('p')?.getAttributeNames()).toEqual([]);
    const hrefs = Array.from(body.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([null, null, null, 'https://ok.example', 'mailto:aide@example.org', '/learn']);
    expect(body.querySelector('a[href^="https"]')?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(body.querySelector('a[href^="https"]')?.hasAttribute('target')).toBe(false);
    expect(body.querySelector('a[href="/learn"]')?.hasAttribute('rel')).toBe(false);
    expect(body.querySelector('th')?.getAttribute('style')).toBe('text-align:right');
    expect(body.querySelector('td')?.hasAttribute('style')).toBe(false);
  });
});

describe('help texts: placeholders', () => {
  it('puts the deployment’s values and the app’s button words into the text', () => {
    const host = render('Fewer than {{ k }}: press « {{nav.join}} », then **{{ cohorts.join.submit }}**.', {
      k: '7',
      'nav.join': 'Rejoindre une cohorte',
      'cohorts.join.submit': 'Rejoindre',
    });
    expect(host.textContent).toBe('Fewer than 7: press « Rejoindre une cohorte », then Rejoindre.\n');
    expect(host.querySelector('strong')?.textContent).toBe('Rejoindre');
  });

  it('puts a value in as text, never as markup', () => {
    const host = render('Write to {{ contact }}.', { contact: '<img src=x onerror=alert(1)>' });
    expect(host.querySelector('img')).toBeNull();
    expect(host.textContent).toBe('Write to <img src=x onerror=alert(1)>.\n');
  });

  it('leaves a placeholder without a value as written', () => {
    expect(render('Threshold {{ k }}.').textContent).toBe('Threshold {{ k }}.\n');
  });

  it('lists the placeholders of a text', () => {
    expect(placeholdersOf('« {{ nav.join }} » and {{k}}, not { k } or {{ 1x }}')).toEqual(['nav.join', 'k']);
  });
});

describe('help texts: French spacing', () => {
  it('keeps French punctuation on the line of the word before it, and « with the word after it', () => {
    expect(frenchSpacing('Mot : « Rejoindre » ; ou ? Oui ! 12:30')).toBe(
      'Mot\u00a0: «\u00a0Rejoindre\u00a0»\u202f; ou\u202f? Oui\u202f! 12:30',
    );
  });

  it('spaces the French texts only, and the buttons’ words put in too', () => {
    const text = 'Appuyez sur « {{ b }} » ; voilà.';
    const value = () => 'Se connecter';
    const fr = document.createElement('div');
    fr.append(helpContent(text, document, value, { lang: 'fr' }));
    expect(fr.textContent).toBe('Appuyez sur «\u00a0Se connecter\u00a0»\u202f; voilà.\n');
    const en = document.createElement('div');
    en.append(helpContent(text, document, value, { lang: 'en' }));
    expect(en.textContent).toBe('Appuyez sur « Se connecter » ; voilà.\n');
  });
});
