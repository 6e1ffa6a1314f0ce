import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Lesson markdown → safe HTML. Two layers: markdown-it with raw HTML disabled (a `<script>` in the text
 * is shown as text) and its link validator (no `javascript:`/`vbscript:`/`data:` links), then
 * sanitize-html with an allow-list, so nothing executable survives even if the first layer missed it.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    's',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  allowedStyles: {
    th: { 'text-align': [/^(left|right|center)$/] },
    td: { 'text-align': [/^(left|right|center)$/] },
  },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // Links open as links; rel stops the opened page from reaching back.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

/** Images may also come from the platform's own media store. */
const OWN_MEDIA = /^\/api\/v1\/media\/[0-9a-f]{64}$/;

export function renderMarkdown(markdown: string): string {
  const html = md.render(markdown ?? '');
  return sanitizeHtml(html, {
    ...SANITIZE,
    exclusiveFilter: (frame) =>
      frame.tag === 'img' &&
      !/^https:\/\//.test(frame.attribs['src'] ?? '') &&
      !OWN_MEDIA.test(frame.attribs['src'] ?? ''),
  });
}
