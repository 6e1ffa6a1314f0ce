import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

export interface Word {
  text: string;
  arabic: boolean;
}

/**
 * The words of a one-line field in the order they are drawn, left to right on the page. Words in
 * Arabic script read right to left, others (Latin names, numbers, URLs) left to right, and the line
 * itself runs right to left in an Arabic document: a small bidi for short certificate lines. The
 * shaping inside a word (joining forms) is fontkit's.
 */
export function visualWords(text: string, rtl: boolean): Word[] {
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ({ text: w, arabic: ARABIC.test(w) }));
  const groups: Word[][] = [];
  for (const w of words) {
    const last = groups[groups.length - 1];
    if (last && last[0]?.arabic === w.arabic) last.push(w);
    else groups.push([w]);
  }
  const ordered = groups.map((g) => (g[0]?.arabic ? [...g].reverse() : g));
  return (rtl ? ordered.reverse() : ordered).flat();
}

export interface LineFonts {
  latin: string;
  arabic: string;
}

/** Arabic words in the Arabic font; digits too in an Arabic document (same look as the words around). */
function fontOf(w: Word, opts: { fonts: LineFonts; rtl: boolean }): string {
  return w.arabic || (opts.rtl && /^[\d.,:/-]+$/.test(w.text)) ? opts.fonts.arabic : opts.fonts.latin;
}

/**
 * Draws one line centred in `[x, x + width]`, each word in a font that has its glyphs (Noto Sans
 * Arabic has no Latin letters). A line too long for the width is drawn smaller, down to 9 pt.
 */
export function drawLine(
  doc: Doc,
  text: string,
  opts: { x: number; width: number; y: number; size: number; fonts: LineFonts; rtl: boolean },
): void {
  const words = visualWords(text, opts.rtl);
  let size = opts.size;
  const measure = (s: number) => {
    const widths = words.map((w) => doc.font(fontOf(w, opts)).fontSize(s).widthOfString(w.text));
    const space = doc.font(opts.fonts.latin).fontSize(s).widthOfString(' ');
    return {
      widths,
      space,
      total: widths.reduce((a, b) => a + b, 0) + space * Math.max(0, words.length - 1),
    };
  };
  let m = measure(size);
  while (m.total > opts.width && size > 9) {
    size -= 1;
    m = measure(size);
  }
  let cursor = opts.x + Math.max(0, (opts.width - m.total) / 2);
  // One baseline for both fonts (their ascenders differ): y is the top of the line box at full size.
  const baseline = opts.y + opts.size * 0.85;
  words.forEach((w, i) => {
    doc.font(fontOf(w, opts)).fontSize(size);
    doc.text(w.text, cursor, baseline, { lineBreak: false, baseline: 'alphabetic' });
    cursor += (m.widths[i] ?? 0) + m.space;
  });
}
