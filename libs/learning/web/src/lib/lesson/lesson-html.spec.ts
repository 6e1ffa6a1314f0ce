import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { ResponsiveImage } from '@tc/shared/contracts';
import { mediaUrlsOf } from '../data-access/offline-library';
import { learner, lesson } from '../data-access/testing';
import { LessonHtmlDirective, fallBackToSrc, lessonBody, showImageLabel } from './lesson-html';

const HASH = 'a'.repeat(64);
const BASE = `/api/v1/media/${HASH}`;
const IMG = `<img src="${BASE}?w=640" alt="Le marché" srcset="${BASE}?w=320 320w, ${BASE}?w=640 640w, ${BASE} 1000w" sizes="(min-width: 42rem) 40rem, 100vw" width="1000" height="750" loading="lazy" decoding="async" data-bytes="84000" />`;
const HTML = `<p>Avant</p><p>${IMG}</p><p><img src="https://example.org/x.png" alt="" loading="lazy" /></p>`;

const EN = {
  learning: {
    lesson: { table: 'Table (scrolls sideways)' },
    dataSaver: {
      showImage: 'Show image',
      showImageKb: 'Show image (≈ {{ size }} kB)',
      showImageMb: 'Show image (≈ {{ size }} MB)',
    },
  },
};

@Component({
  imports: [LessonHtmlDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div [tcLessonHtml]="html()" [dataSaver]="saver()"></div>`,
})
class HostComponent {
  readonly html = signal(HTML);
  readonly saver = signal(false);
}

describe('lesson HTML', () => {
  function render() {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en: EN },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'] },
          preloadLangs: true,
        }),
      ],
    });
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    return { fixture, host: fixture.componentInstance, el: fixture.nativeElement as HTMLElement };
  }

  it('keeps srcset, sizes, intrinsic size and lazy loading (Angular would strip some)', () => {
    const { el } = render();
    const img = el.querySelector('img');
    expect(img?.getAttribute('srcset')).toContain(`${BASE}?w=320 320w`);
    expect(img?.getAttribute('sizes')).toBe('(min-width: 42rem) 40rem, 100vw');
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['1000', '750']);
    expect([img?.getAttribute('loading'), img?.getAttribute('decoding')]).toEqual(['lazy', 'async']);
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });

  it('with data saver, puts a button with the size in place of each image, and shows one on demand', async () => {
    const { fixture, host, el } = render();
    host.saver.set(true);
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelectorAll('img')).toHaveLength(0);
    const buttons = Array.from(el.querySelectorAll('button'));
    expect(buttons.map((b) => b.textContent)).toEqual(['Show image (≈ 84 kB)Le marché', 'Show image']);
    expect(buttons[0]?.type).toBe('button');

    buttons[0]?.click();
    const shown = el.querySelector('img');
    expect(shown?.getAttribute('src')).toBe(`${BASE}?w=640`);
    expect(shown?.ownerDocument).toBe(document);
    expect(document.activeElement).toBe(shown);
    expect(el.querySelectorAll('button')).toHaveLength(1);

    // The page renders again (a language change): the image asked for stays.
    host.saver.set(false);
    fixture.detectChanges();
    host.saver.set(true);
    fixture.detectChanges();
    expect(el.querySelectorAll('img')).toHaveLength(1);
    expect(el.querySelectorAll('button')).toHaveLength(1);
  });

  it('puts each table in a labelled box of its own that scrolls sideways and takes the keyboard focus', () => {
    const { fixture, host, el } = render();
    host.html.set(
      '<p>Avant</p><table><thead><tr><th>Date</th><th style="text-align:right">Montant</th></tr></thead>' +
        '<tbody><tr><td>12/03</td><td style="text-align:right">40</td></tr></tbody></table>',
    );
    fixture.detectChanges();
    const box = el.querySelector('table')?.parentElement;
    expect(box?.className).toBe('tc-table-scroll');
    expect([box?.getAttribute('role'), box?.getAttribute('aria-label'), box?.tabIndex]).toEqual([
      'region',
      'Table (scrolls sideways)',
      0,
    ]);
    expect(box?.querySelector('th[style]')?.getAttribute('style')).toBe('text-align:right');
    expect(el.querySelectorAll('.tc-table-scroll')).toHaveLength(1);
  });

  it("lets the table's box scroll and keeps header words whole (the page breaks long words anywhere)", () => {
    // jsdom lays nothing out (and the spec build drops component styles): the rules are read instead.
    const scss = readFileSync(join(__dirname, 'lesson.page.scss'), 'utf8').replace(/\s+/g, ' ');
    expect(scss).toMatch(/\.tc-table-scroll \{[^}]*overflow-x: auto/);
    expect(scss).toMatch(/\.tc-table-scroll \{[^}]*local,[^}]*scroll;/);
    expect(scss).toMatch(/\.tc-table-scroll table \{[^}]*overflow-wrap: normal/);
  });

  it('draws a border round every cell and pads it, so columns read apart', () => {
    const scss = readFileSync(join(__dirname, 'lesson.page.scss'), 'utf8').replace(/\s+/g, ' ');
    expect(scss).toMatch(/\.tc-table-scroll :is\(th, td\) \{[^}]*border: 1px solid/);
    expect(scss).toMatch(/\.tc-table-scroll :is\(th, td\) \{[^}]*padding-inline: 0\.75rem/);
    expect(scss).toMatch(/\.tc-table-scroll table \{[^}]*border-collapse: collapse/);
  });

  it('holds images back in an inert document: nothing is fetched before the coach asks', () => {
    const body = lessonBody(HTML);
    expect(body.ownerDocument).not.toBe(document);
    expect(body.ownerDocument.defaultView).toBeNull();
  });

  it('keeps to the server allow-list even for a tampered copy', () => {
    const body = lessonBody(
      '<p onclick="x()">a<script>alert(1)</script><iframe src="https://e.org"></iframe></p>' +
        '<img src="javascript:alert(1)"><img src="https://e.org/a.png" onerror="x()" srcset="javascript:1 1w">' +
        '<a href="javascript:alert(1)">l</a><a href="//evil.example">p</a><td style="color:red">c</td>',
    );
    expect(body.innerHTML).toBe('<p>a</p><img src="https://e.org/a.png"><a>l</a><a>p</a>c');
  });

  it('falls back to src when the srcset pick cannot load (offline, not kept)', () => {
    const img = lessonBody(IMG).querySelector('img') as HTMLImageElement;
    fallBackToSrc(img);
    img.dispatchEvent(new Event('error'));
    expect(img.hasAttribute('srcset')).toBe(false);
    expect(img.hasAttribute('sizes')).toBe(false);
    expect(img.getAttribute('src')).toBe(`${BASE}?w=640`);
  });

  it('says the size in kB or MB, in the language, and nothing when unknown', () => {
    const t = (key: string, p?: Record<string, string>) => `${key}:${p?.['size'] ?? ''}`;
    expect(showImageLabel(t, 84_000, 'fr')).toBe('learning.dataSaver.showImageKb:84');
    expect(showImageLabel(t, 1_250_000, 'fr')).toBe('learning.dataSaver.showImageMb:1,3');
    expect(showImageLabel(t, 84_000, 'ar')).toBe('learning.dataSaver.showImageKb:84');
    expect(showImageLabel(t, null, 'en')).toBe('learning.dataSaver.showImage:');
  });

  it('an offline copy keeps the very URL each image asks for first', () => {
    const photo = `/api/v1/media/${'b'.repeat(64)}`;
    const image: ResponsiveImage = {
      src: `${photo}?w=640`,
      srcset: `${photo}?w=640 640w, ${photo} 1000w`,
      sizes: '100vw',
      width: 1000,
      height: 750,
      bytes: 84_000,
    };
    const c = learner();
    c.course.modules[0]!.lessons = [
      lesson('t', 'text', { html: HTML }),
      lesson('m', 'media', { media: { type: 'image', url: photo, caption: '', transcriptHtml: '', image } }),
    ];
    const kept = mediaUrlsOf(c, 'https://coach.example.org');
    const firstAsked = Array.from(lessonBody(HTML).querySelectorAll('img'))
      .map((i) => i.getAttribute('src') as string)
      .filter((src) => src.startsWith('/'));
    expect(kept).toEqual([...firstAsked, image.src]);
  });
});
