import { inflateSync } from 'node:zlib';

/**
 * The text a PDF made by pdfkit shows, one string per line (the words drawn on one baseline, left to
 * right), for specs that check what a generated document says. pdfkit embeds fonts as Identity-H
 * subsets, so each 2-byte glyph code is read back through its font's ToUnicode map. Enough for
 * pdfkit's own output; not a general PDF reader.
 */
export function pdfText(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: string | null }>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2] as string;
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      objects.set(m[1] as string, { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const start = (m.index as number) + m[0].indexOf(body) + at + body.slice(at).indexOf('\n') + 1;
    const end = text.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    const stream = /\/FlateDecode/.test(dict) ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
    objects.set(m[1] as string, { dict, stream });
  }

  // Font resource name (/F2) → glyph code → text.
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values())
    for (const f of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(f[2] as string);
      const toUnicode = font?.dict.match(/\/ToUnicode (\d+) 0 R/)?.[1];
      const cmap = toUnicode ? objects.get(toUnicode)?.stream : null;
      if (cmap) fonts.set(f[1] as string, parseCmap(cmap));
    }

  // Baseline → the words on it, with where each starts.
  const lines = new Map<number, { x: number; text: string }[]>();
  for (const { dict, stream } of objects.values()) {
    if (!stream || /\/(Length1|Subtype \/Image)/.test(dict)) continue;
    if (!/\bBT\b/.test(stream)) continue;
    for (const block of stream.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
      const at = (block[1] as string).match(/1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm/);
      let font: Map<number, string> | undefined;
      let line = '';
      for (const op of (block[1] as string).matchAll(
        /\/(F\d+) [\d.]+ Tf|(\[[^\]]*\]) TJ|<([0-9a-fA-F]*)> Tj/g,
      )) {
        if (op[1]) font = fonts.get(op[1]);
        const hex = op[2]
          ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1] as string)
          : op[3]
            ? [op[3]]
            : [];
        for (const h of hex)
          for (let i = 0; i + 4 <= h.length; i += 4) line += font?.get(parseInt(h.slice(i, i + 4), 16)) ?? '';
      }
      if (!line) continue;
      const y = Math.round(Number(at?.[2] ?? 0));
      lines.set(y, [...(lines.get(y) ?? []), { x: Number(at?.[1] ?? 0), text: line }]);
    }
  }
  return [...lines.values()].map((words) =>
    words
      .sort((a, b) => a.x - b.x)
      .map((w) => w.text)
      .join(' '),
  );
}

/** A ToUnicode CMap's bfchar and bfrange entries. */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  // A glyph standing for several characters (a ligature) has them space-separated: <0066 0069>.
  const utf16 = (hex: string) =>
    String.fromCharCode(...(hex.replace(/\s+/g, '').match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const e of (section[1] as string).matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
      map.set(parseInt(e[1] as string, 16), utf16(e[2] as string));
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const e of (section[1] as string).matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const from = parseInt(e[1] as string, 16);
      const to = parseInt(e[2] as string, 16);
      const target = e[3] as string;
      if (target.startsWith('[')) {
        const items = [...target.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((h) => h[1] as string);
        items.forEach((h, i) => map.set(from + i, utf16(h)));
      } else {
        const first = parseInt(target.slice(1, -1), 16);
        for (let code = from; code <= to; code++) map.set(code, String.fromCharCode(first + code - from));
      }
    }
  return map;
}
