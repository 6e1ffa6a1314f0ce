import { Directive, ElementRef, effect, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { LanguageService } from '@tc/shared/ui';
import type { Locale } from '@tc/shared/contracts';
import { formatSize } from '../data-access/dates';

/** What the server's renderer may send (libs/catalog/api content/markdown.ts); anything else is dropped. */
const TAGS = new Set(
  'h1 h2 h3 h4 h5 h6 p br hr blockquote pre code em strong s ul ol li a img table thead tbody tr th td'.split(
    ' ',
  ),
);
const ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href', 'title', 'rel']),
  img: new Set([
    'src',
    'alt',
    'title',
    'srcset',
    'sizes',
    'width',
    'height',
    'loading',
    'decoding',
    'data-bytes',
  ]),
  ol: new Set(['start']),
  th: new Set(['style']),
  td: new Set(['style']),
};
const OWN_MEDIA = /^\/api\/v1\/media\/[0-9a-f]{64}(\?w=\d{1,4})?$/;

function safeImageUrl(url: string): boolean {
  return /^https:\/\//i.test(url) || OWN_MEDIA.test(url);
}

function safeAttribute(tag: string, name: string, value: string): boolean {
  if (!ATTRIBUTES[tag]?.has(name)) return false;
  if (name === 'href') return /^(https?:|mailto:|\/(?!\/)|#)/i.test(value.trim());
  if (name === 'src') return safeImageUrl(value);
  if (name === 'srcset') return value.split(',').every((c) => safeImageUrl(c.trim().split(/\s+/)[0] ?? ''));
  if (name === 'style') return /^text-align:\s*(left|right|center);?$/.test(value.trim());
  return true;
}

/**
 * Lesson HTML as the server rendered and sanitised it, parsed again into an inert document (nothing
 * in it loads) and kept to the same allow-list: a copy read back from IndexedDB is not trusted
 * blindly, and Angular's own `[innerHTML]` would drop `loading`, `decoding` and `data-bytes`.
 */
export function lessonBody(html: string): HTMLElement {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const clean = (parent: Element) => {
    for (const el of Array.from(parent.children)) {
      const tag = el.tagName.toLowerCase();
      if (!TAGS.has(tag)) {
        el.remove();
        continue;
      }
      for (const attr of Array.from(el.attributes)) {
        if (!safeAttribute(tag, attr.name, attr.value)) el.removeAttribute(attr.name);
      }
      if (tag === 'img' && !el.hasAttribute('src')) el.remove();
      else clean(el);
    }
  };
  clean(doc.body);
  return doc.body;
}

/** The inert body's nodes, moved into `doc` (adopted: their listeners go with them). */
export function adoptChildren(doc: Document, body: HTMLElement): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  fragment.append(...Array.from(body.childNodes).map((n) => doc.adoptNode(n)));
  return fragment;
}

/**
 * An image that cannot load (offline, its srcset pick never kept) falls back to `src`, the phone-size
 * variant an offline copy keeps.
 */
export function fallBackToSrc(img: HTMLImageElement): void {
  img.addEventListener(
    'error',
    () => {
      if (!img.hasAttribute('srcset')) return;
      img.removeAttribute('srcset');
      img.removeAttribute('sizes');
    },
    { once: true },
  );
}

/** The "Show image (≈ 84 kB)" text of a held-back image. */
export function showImageLabel(
  translate: (key: string, params?: Record<string, string>) => string,
  bytes: number | null,
  lang: Locale,
): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes <= 0)
    return translate('learning.dataSaver.showImage');
  const size = formatSize(bytes, lang);
  return translate(size.unit === 'MB' ? 'learning.dataSaver.showImageMb' : 'learning.dataSaver.showImageKb', {
    size: size.value,
  });
}

/**
 * A button standing for an image until the coach asks for it; pressed, the image takes its place and
 * the focus (so a keyboard user does not fall back to the top of the page).
 */
export function holdBack(
  img: HTMLImageElement,
  label: string,
  shown: () => void = () => undefined,
): HTMLButtonElement {
  const button = img.ownerDocument.createElement('button');
  button.type = 'button';
  button.className = 'tc-button-secondary tc-held-media';
  const text = img.ownerDocument.createElement('span');
  text.textContent = label;
  button.append(text);
  const alt = img.getAttribute('alt')?.trim();
  if (alt) {
    const what = img.ownerDocument.createElement('span');
    what.className = 'tc-held-alt';
    what.textContent = alt;
    button.append(what);
  }
  button.addEventListener('click', () => {
    // Only now does the image enter the page's document, and load.
    const live = button.ownerDocument.adoptNode(img);
    live.tabIndex = -1;
    button.replaceWith(live);
    live.focus();
    shown();
  });
  return button;
}

/**
 * A table in a box of its own that scrolls sideways when the table is wider than the page (a phone),
 * rather than squeezing its cells until headers break inside words. The box is a labelled region a
 * keyboard user can focus and scroll with the arrow keys; lesson.page.scss draws the shadow at the
 * edge that has more to show. Done here, not by the server, so every lesson body gets it, an offline
 * copy kept before included, and its label is in the coach's language of the moment.
 */
export function scrollableTable(table: HTMLTableElement, label: string): HTMLElement {
  const box = table.ownerDocument.createElement('div');
  box.className = 'tc-table-scroll';
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', label);
  box.tabIndex = 0;
  table.replaceWith(box);
  box.append(table);
  return box;
}

/**
 * `[tcLessonHtml]="html"`: renders a lesson's HTML, each table in a box that scrolls; with `[dataSaver]` on, every image waits behind a
 * "Show image (≈ 84 kB)" button. Images the coach asked for stay shown when the page re-renders.
 */
@Directive({ selector: '[tcLessonHtml]' })
export class LessonHtmlDirective {
  readonly html = input.required<string>({ alias: 'tcLessonHtml' });
  readonly dataSaver = input(false);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly transloco = inject(TranslocoService);
  private readonly lang = inject(LanguageService).lang;
  /** The translations: a new language (or their arrival) renders the buttons again. */
  private readonly translation = toSignal(this.transloco.selectTranslation());
  private readonly shown = new Set<string>();

  constructor() {
    let lastHtml: string | null = null;
    effect(() => {
      const html = this.html();
      const saver = this.dataSaver();
      const lang = this.lang();
      this.translation();
      if (html !== lastHtml) this.shown.clear();
      lastHtml = html;
      const body = lessonBody(html);
      body.querySelectorAll('img').forEach((img, i) => {
        fallBackToSrc(img);
        const key = `${i}:${img.getAttribute('src')}`;
        if (!saver || this.shown.has(key)) return;
        const bytes = img.dataset['bytes'] ? Number(img.dataset['bytes']) : null;
        const label = showImageLabel((k, p) => this.transloco.translate(k, p), bytes, lang);
        img.replaceWith(holdBack(img, label, () => this.shown.add(key)));
      });
      const tableLabel = this.transloco.translate('learning.lesson.table');
      body.querySelectorAll('table').forEach((table) => scrollableTable(table, tableLabel));
      const host = this.host.nativeElement;
      host.replaceChildren(adoptChildren(host.ownerDocument, body));
    });
  }
}
