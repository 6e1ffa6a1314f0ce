import MarkdownIt from 'markdown-it';
import type { Locale } from '@tc/shared/contracts';

/**
 * The help's markdown → DOM nodes, the way lessons are made safe (libs/catalog/api content/markdown.ts
 * and the learning pages' lesson-html.ts): markdown-it with raw HTML off (a `<script>` in a text shows
 * as text) and its link validator (no `javascript:`, `vbscript:` or `data:` links), then the result
 * parsed into an inert document and kept to an allow-list of tags and attributes. Done in the browser:
 * the texts are static files of the app, read offline too, with no server to render them.
 */
const md = new MarkdownIt({ html: false, linkify: false, breaks: false, typographer: false });

const TAGS = new Set(
  'h2 h3 h4 h5 h6 p br hr blockquote pre code em strong s ul ol li a table thead tbody tr th td'.split(' '),
);
const ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href', 'title']),
  ol: new Set(['start']),
  th: new Set(['style']),
  td: new Set(['style']),
};
/** `{{ k }}`, `{{ nav.join }}`: a value of the deployment, or the words of a button as the app shows them. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.-]*)\s*\}\}/g;

function safeAttribute(name: string, value: string): boolean {
  const v = value.trim();
  // Pages of the app, anchors and mail; a link elsewhere must be https.
  if (name === 'href') return /^(https:|mailto:|\/(?!\/)|#)/i.test(v);
  if (name === 'style') return /^text-align:\s*(left|right|center);?$/.test(v);
  return true;
}

/** Every placeholder of a markdown text, in order (the texts' spec checks that each one exists). */
export function placeholdersOf(markdown: string): string[] {
  return [...markdown.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/**
 * HTML kept to the allow-list, in an inert document (nothing in it loads or runs): other tags go with
 * their content, other attributes go, headings move `shift` levels down (the page's h1 is its title,
 * each part's name a heading under it).
 */
export function cleanHelpHtml(html: string, shift = 1): HTMLElement {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const clean = (parent: Element) => {
    for (const el of Array.from(parent.children)) {
      let tag = el.tagName.toLowerCase();
      let node = el;
      const level = /^h([1-6])$/.exec(tag)?.[1];
      if (level) {
        tag = `h${Math.min(6, Number(level) + shift)}`;
        node = doc.createElement(tag);
        node.append(...Array.from(el.childNodes));
        el.replaceWith(node);
      } else if (!TAGS.has(tag)) {
        el.remove();
        continue;
      }
      for (const attr of Array.from(node.attributes)) {
        if (!ATTRIBUTES[tag]?.has(attr.name) || !safeAttribute(attr.name, attr.value))
          node.removeAttribute(attr.name);
      }
      if (tag === 'a' && /^(https:|mailto:)/i.test(node.getAttribute('href') ?? ''))
        node.setAttribute('rel', 'noopener noreferrer');
      clean(node);
    }
  };
  clean(doc.body);
  return doc.body;
}

/**
 * French punctuation keeps its space on its line: a no-break space after « and before : and », a
 * narrow one before ; ! ? (a line never starts with "; vous" or "»").
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/« /g, '«\u00a0')
    .replace(/ ([:»])/g, '\u00a0$1')
    .replace(/ ([;!?])/g, '\u202f$1');
}

/**
 * Puts each placeholder's value in the text (as text: a value is never read as markup); one without a
 * value is left as written. `typography` then adjusts each text (French spacing).
 */
export function fillPlaceholders(
  root: Node,
  value: (name: string) => string | null,
  typography: (text: string) => string = (t) => t,
): void {
  const walker = root.ownerDocument?.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  if (!walker) return;
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const text of texts) {
    const filled = text.data.replace(PLACEHOLDER, (whole, name: string) => value(name) ?? whole);
    const typeset = typography(filled);
    if (typeset !== text.data) text.data = typeset;
  }
}

/**
 * A help text, ready to be put in `doc`: rendered, cleaned, its placeholders filled; its headings
 * `shift` levels down; in French, its punctuation spaced the French way.
 */
export function helpContent(
  markdown: string,
  doc: Document,
  value: (name: string) => string | null,
  options: { shift?: number; lang?: Locale } = {},
): DocumentFragment {
  const body = cleanHelpHtml(md.render(markdown), options.shift ?? 1);
  fillPlaceholders(body, value, options.lang === 'fr' ? frenchSpacing : undefined);
  const fragment = doc.createDocumentFragment();
  fragment.append(...Array.from(body.childNodes).map((n) => doc.adoptNode(n)));
  return fragment;
}
