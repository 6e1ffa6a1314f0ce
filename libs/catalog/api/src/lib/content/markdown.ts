import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { type ImageLookup, mediaUrl, responsiveImage } from './responsive-image';

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
    // srcset and the rest are only ever set by transformImage (markdown yields src, alt, title).
    img: ['src', 'alt', 'title', 'srcset', 'sizes', 'width', 'height', 'loading', 'decoding', 'data-bytes'],
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

/** Images may also come from the platform's own media store (a variant's width is dropped). */
const OWN_MEDIA = /^\/api\/v1\/media\/([0-9a-f]{64})(?:\?w=\d{1,4})?$/;

/**
 * Every image is rebuilt from its src, alt and title only (nothing else the input carried survives);
 * one of our own raster images whose size is known also gets its resized variants (srcset, sizes),
 * its intrinsic size (no layout shift) and the bytes of its phone-size variant.
 */
function transformImage(images: ImageLookup | undefined): sanitizeHtml.Transformer {
  return (tagName, attribs) => {
    const out: sanitizeHtml.Attributes = { src: attribs['src'] ?? '', alt: attribs['alt'] ?? '' };
    if (attribs['title']) out['title'] = attribs['title'];
    out['loading'] = 'lazy';
    out['decoding'] = 'async';
    const hash = OWN_MEDIA.exec(out['src'] ?? '')?.[1];
    if (hash) {
      out['src'] = mediaUrl(hash);
      const info = images?.(hash);
      if (info) {
        const image = responsiveImage(hash, info);
        Object.assign(out, {
          src: image.src,
          srcset: image.srcset,
          sizes: image.sizes,
          width: String(image.width),
          height: String(image.height),
          'data-bytes': String(image.bytes),
        });
      }
    }
    return { tagName, attribs: out };
  };
}

/**
 * `images` tells the renderer which of our media are raster images and their size; without it (the
 * editor's preview) our images keep their plain URL.
 */
export function renderMarkdown(markdown: string, images?: ImageLookup): string {
  return sanitizeLessonHtml(md.render(markdown ?? ''), images);
}

/**
 * The second layer on its own: any HTML in, only the allow-listed tags, attributes and URL schemes
 * out (exported so that its specs can give it the raw HTML the first layer never lets through).
 */
export function sanitizeLessonHtml(html: string, images?: ImageLookup): string {
  return sanitizeHtml(html, {
    ...SANITIZE,
    transformTags: { ...SANITIZE.transformTags, img: transformImage(images) },
    exclusiveFilter: (frame) =>
      frame.tag === 'img' &&
      !/^https:\/\//.test(frame.attribs['src'] ?? '') &&
      !OWN_MEDIA.test(frame.attribs['src'] ?? ''),
  });
}
